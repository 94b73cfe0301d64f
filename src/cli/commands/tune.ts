import { DEFAULT_LOAD_AXIS, loadAxis } from "../../plan/load-axis.js";
import { DEFAULT_BUDGET, tune } from "../../plan/tune.js";
import type { Objective } from "../../plan/tune-model.js";
import { tuneMarkdown, tuneTable } from "../../plan/tune-text.js";
import { parseFormat } from "../format-option.js";
import { parseJobs } from "../jobs-option.js";
import { writeTextFile } from "../output-set.js";
import { onePositional, parseCommand, parseSeed, stringOption } from "../parse.js";
import { UsageError } from "../usage-error.js";
import { parseReplications, parseResolution, sloOption } from "./capacity.js";
import { loadCommandScenario } from "../scenario-notices.js";

function parseCount(option: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > max) throw new UsageError(`${option}: "${text}" is not a count from 1 to ${max}`);
  return n;
}

export async function tuneCommand(args: readonly string[]): Promise<number> {
  const parsed = parseCommand("tune", args, {
    slo: { type: "string" },
    objective: { type: "string" },
    budget: { type: "string" },
    exhaustive: { type: "boolean" },
    replications: { type: "string" },
    resolution: { type: "string" },
    "load-axis": { type: "string" },
    top: { type: "string" },
    format: { type: "string" },
    json: { type: "string" },
    seed: { type: "string" },
    jobs: { type: "string" },
    quiet: { type: "boolean" },
  });
  const path = onePositional("tune", parsed.positionals, "SCENARIO file");
  const slo = sloOption(stringOption(parsed, "slo"));
  const objectiveText = stringOption(parsed, "objective") ?? "capacity";
  if (objectiveText !== "capacity" && objectiveText !== "cpu") throw new UsageError(`--objective: "${objectiveText}" is not one of capacity, cpu`);
  const objective: Objective = objectiveText;
  const budget = parseCount("--budget", stringOption(parsed, "budget"), DEFAULT_BUDGET, 100_000);
  const top = parseCount("--top", stringOption(parsed, "top"), 10, 10_000);
  const format = parseFormat(stringOption(parsed, "format"), ["table", "json", "md"] as const);
  const replications = parseReplications(stringOption(parsed, "replications"));
  const resolution = parseResolution(stringOption(parsed, "resolution"));
  const seed = parseSeed(stringOption(parsed, "seed"));
  const threads = parseJobs(stringOption(parsed, "jobs"));
  const quiet = parsed.values.quiet === true;
  const file = loadCommandScenario(path, { quiet });
  const showProgress = !quiet && process.stderr.isTTY === true;
  let doc;
  try {
    // No AbortSignal: SIGINT/SIGTERM keep their default action and end the process (src/cli/interrupt.ts).
    doc = await tune({
        source: file.source,
        raw: file.raw,
        slo,
        objective,
        axis: loadAxis(stringOption(parsed, "load-axis") ?? DEFAULT_LOAD_AXIS),
        replications,
        threads,
        exhaustive: parsed.values.exhaustive === true,
        budget,
        ...(resolution === undefined ? {} : { resolution }),
        ...(seed === undefined ? {} : { seed }),
        ...(showProgress ? { onProgress: (n: number) => process.stderr.write(`\rtune: ${n} host states simulated`) } : {}),
      });
  } finally {
    if (showProgress) process.stderr.write("\r\x1b[K");
  }
  const json = `${JSON.stringify(doc, null, 2)}\n`;
  const jsonFile = stringOption(parsed, "json");
  if (jsonFile !== undefined) writeTextFile("--json", jsonFile, json);
  if (quiet || jsonFile === "-") return 0;
  process.stdout.write(format === "json" ? json : format === "md" ? tuneMarkdown(doc, top) : tuneTable(doc, top));
  return 0;
}
