import { DEFAULT_BUDGET, tune } from "../../plan/tune.js";
import type { Objective } from "../../plan/tune-model.js";
import { tuneMarkdown, tuneTable } from "../../plan/tune-text.js";
import { parseFormat } from "../format-option.js";
import { writeTextFile } from "../output-set.js";
import { onePositional, parseCommand, stringOption } from "../parse.js";
import { UsageError } from "../usage-error.js";
import { SEARCH_OPTIONS, searchSettings, withProgressLine } from "../search-options.js";
import { loadCommandScenario } from "../scenario-notices.js";

function parseCount(option: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > max) throw new UsageError(`${option}: "${text}" is not a count from 1 to ${max}`);
  return n;
}

export async function tuneCommand(args: readonly string[]): Promise<number> {
  const parsed = parseCommand("tune", args, {
    ...SEARCH_OPTIONS,
    objective: { type: "string" },
    budget: { type: "string" },
    exhaustive: { type: "boolean" },
    top: { type: "string" },
  });
  const path = onePositional("tune", parsed.positionals, "SCENARIO file");
  const { quiet, ...search } = searchSettings(parsed);
  const objectiveText = stringOption(parsed, "objective") ?? "capacity";
  if (objectiveText !== "capacity" && objectiveText !== "cpu") throw new UsageError(`--objective: "${objectiveText}" is not one of capacity, cpu`);
  const objective: Objective = objectiveText;
  const budget = parseCount("--budget", stringOption(parsed, "budget"), DEFAULT_BUDGET, 100_000);
  const top = parseCount("--top", stringOption(parsed, "top"), 10, 10_000);
  const format = parseFormat(stringOption(parsed, "format"), ["table", "json", "md"] as const);
  const file = loadCommandScenario(path, { quiet });
  // No AbortSignal: SIGINT/SIGTERM keep their default action and end the process (src/cli/interrupt.ts).
  const doc = await withProgressLine(quiet, (report) =>
    tune({
      source: file.source,
      raw: file.raw,
      ...search,
      objective,
      exhaustive: parsed.values.exhaustive === true,
      budget,
      ...(report === undefined ? {} : { onProgress: (n: number) => report(`tune: ${n} host states simulated`) }),
    }),
  );
  const json = `${JSON.stringify(doc, null, 2)}\n`;
  const jsonFile = stringOption(parsed, "json");
  if (jsonFile !== undefined) writeTextFile("--json", jsonFile, json);
  if (quiet || jsonFile === "-") return 0;
  process.stdout.write(format === "json" ? json : format === "md" ? tuneMarkdown(doc, top) : tuneTable(doc, top));
  return 0;
}
