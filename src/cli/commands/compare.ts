import { bencherMetricFormat, gabTool, githubActionBenchmark } from "../../report/benchmark-exports.js";
import { CompareInputError, compareResults, type Comparison } from "../../report/compare.js";
import { compareJunit } from "../../report/compare-junit.js";
import { compareMarkdown, compareSummary, compareTable } from "../../report/compare-text.js";
import { METRICS } from "../../report/metrics.js";
import { parseFormat } from "../format-option.js";
import { parseMetrics } from "../metric-option.js";
import { parseCommand, stringOption } from "../parse.js";
import { readResultFile } from "../read-result-file.js";
import { parseResult } from "../../report/read-result.js";
import { compareCapacityCommand, readDocumentFile } from "../compare-capacity.js";
import { parseThreshold } from "../threshold-option.js";
import { UsageError } from "../usage-error.js";

const FORMATS = ["table", "md", "junit", "bmf", "github-action-benchmark"] as const;
type Format = (typeof FORMATS)[number];

function exportText(format: "bmf" | "github-action-benchmark", result: Comparison["current"], metricNames: readonly string[]): string {
  const metrics = metricNames.map((n) => METRICS[n]);
  if (format === "bmf") return bencherMetricFormat(result, metrics);
  const tool = gabTool(metrics);
  if (tool !== "customBiggerIsBetter" && tool !== "customSmallerIsBetter") throw new UsageError(tool);
  return githubActionBenchmark(result, metrics);
}

export function compareCommand(args: readonly string[]): number {
  const parsed = parseCommand("compare", args, { threshold: { type: "string" }, metric: { type: "string" }, format: { type: "string" } });
  const format: Format = parseFormat(stringOption(parsed, "format"), FORMATS);
  const threshold = parseThreshold(stringOption(parsed, "threshold"));
  const explicitMetrics = stringOption(parsed, "metric");
  // github-action-benchmark files hold one direction: throughput unless told otherwise.
  const metrics = parseMetrics(explicitMetrics ?? (format === "github-action-benchmark" ? "throughput" : undefined));
  const files = parsed.positionals;
  const exporting = format === "bmf" || format === "github-action-benchmark";
  if (files.length === 1 && exporting) {
    process.stdout.write(exportText(format, readResultFile(files[0]), metrics));
    return 0;
  }
  if (files.length !== 2) {
    throw new UsageError(`compare: expected BASELINE.json and CURRENT.json, got ${files.length} file${files.length === 1 ? "" : "s"} (see nicsim help)`);
  }
  const [baseName, curName] = files;
  const baseDoc = readDocumentFile(baseName);
  const curDoc = readDocumentFile(curName);
  if (baseDoc.capacity !== undefined || curDoc.capacity !== undefined) return compareCapacityCommand(baseDoc, curDoc, threshold, format);
  const base = { name: baseDoc.name, result: parseResult(baseDoc.text, baseDoc.name) };
  const cur = { name: curDoc.name, result: parseResult(curDoc.text, curDoc.name) };
  let comparison: Comparison;
  try {
    comparison = compareResults(base, cur, threshold, metrics);
  } catch (error) {
    if (error instanceof CompareInputError) throw new UsageError(`compare: ${error.message}`);
    throw error;
  }
  switch (format) {
    case "table":
      process.stdout.write(compareTable(comparison));
      break;
    case "md":
      process.stdout.write(compareMarkdown(comparison));
      break;
    case "junit":
      process.stdout.write(compareJunit(comparison));
      break;
    default:
      process.stdout.write(exportText(format, comparison.current, metrics));
  }
  if (comparison.regressions > 0 && format !== "table" && format !== "md") process.stderr.write(`nicsim compare: ${compareSummary(comparison)}\n`);
  return comparison.regressions > 0 ? 1 : 0;
}
