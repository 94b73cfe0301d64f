import { capacityOf } from "../../plan/capacity.js";
import { capacityHtml } from "../../plan/capacity-html.js";
import { capacityMarkdown, capacityTable } from "../../plan/capacity-text.js";
import { DEFAULT_LOAD_AXIS, loadAxis } from "../../plan/load-axis.js";
import { parseSlo, SloError, type Slo } from "../../plan/slo.js";
import { parseFormat } from "../format-option.js";
import { parseJobs } from "../jobs-option.js";
import { onePositional, parseCommand, parseSeed, stringOption } from "../parse.js";
import { writeTextFile } from "../output-set.js";
import { UsageError } from "../usage-error.js";
import { loadCommandScenario } from "../scenario-notices.js";

const FORMATS = ["table", "json", "md", "html"] as const;

function positiveNumber(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+(\.\d+)?(e\d+)?$/i.test(text) || !(n > 0)) throw new UsageError(`${option}: "${text}" is not a positive number`);
  return n;
}

export function parseReplications(text: string | undefined): number {
  if (text === undefined) return 3;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 100) throw new UsageError(`--replications: "${text}" is not a count from 1 to 100`);
  return n;
}

export function parseResolution(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)%$/.exec(text.trim());
  const pct = m === null ? Number.NaN : Number(m[1]);
  if (!(pct >= 0.01 && pct <= 50)) throw new UsageError(`--resolution: "${text}" is not a percentage from 0.01% to 50% (e.g. 1%)`);
  return pct / 100;
}

export function sloOption(text: string | undefined): Slo {
  if (text === undefined) throw new UsageError("missing --slo (e.g. --slo 'p99<=100us,drops<=0.01%')");
  try {
    return parseSlo(text);
  } catch (error) {
    if (error instanceof SloError) throw new UsageError(error.message);
    throw error;
  }
}

export async function capacityCommand(args: readonly string[]): Promise<number> {
  const parsed = parseCommand("capacity", args, {
    slo: { type: "string" },
    "load-axis": { type: "string" },
    replications: { type: "string" },
    resolution: { type: "string" },
    start: { type: "string" },
    format: { type: "string" },
    json: { type: "string" },
    html: { type: "string" },
    seed: { type: "string" },
    jobs: { type: "string" },
    quiet: { type: "boolean" },
  });
  const path = onePositional("capacity", parsed.positionals, "SCENARIO file");
  const slo = sloOption(stringOption(parsed, "slo"));
  const format = parseFormat(stringOption(parsed, "format"), FORMATS);
  const replications = parseReplications(stringOption(parsed, "replications"));
  const resolution = parseResolution(stringOption(parsed, "resolution"));
  const start = positiveNumber("--start", stringOption(parsed, "start"));
  const seed = parseSeed(stringOption(parsed, "seed"));
  const threads = parseJobs(stringOption(parsed, "jobs"));
  const quiet = parsed.values.quiet === true;
  const file = loadCommandScenario(path, { quiet });
  const showProgress = !quiet && process.stderr.isTTY === true;
  let doc;
  try {
    // No AbortSignal: SIGINT/SIGTERM keep their default action and end the process (src/cli/interrupt.ts).
    doc = await capacityOf({
        source: file.source,
        raw: file.raw,
        slo,
        axis: loadAxis(stringOption(parsed, "load-axis") ?? DEFAULT_LOAD_AXIS),
        replications,
        threads,
        ...(resolution === undefined ? {} : { resolution }),
        ...(start === undefined ? {} : { start }),
        ...(seed === undefined ? {} : { seed }),
        ...(showProgress ? { onRound: (probes: number) => process.stderr.write(`\rcapacity: ${probes} probes`) } : {}),
      });
  } finally {
    if (showProgress) process.stderr.write("\r\x1b[K");
  }
  const json = `${JSON.stringify(doc, null, 2)}\n`;
  const jsonFile = stringOption(parsed, "json");
  const htmlFile = stringOption(parsed, "html");
  if (jsonFile !== undefined) writeTextFile("--json", jsonFile, json);
  if (htmlFile !== undefined) writeTextFile("--html", htmlFile, capacityHtml(doc, htmlFile === "-" ? "capacity" : htmlFile));
  if (quiet || jsonFile === "-" || htmlFile === "-") return 0;
  const text = format === "json" ? json : format === "md" ? capacityMarkdown(doc) : format === "html" ? capacityHtml(doc, file.source) : capacityTable(doc);
  process.stdout.write(text);
  return 0;
}
