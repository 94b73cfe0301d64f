import { loadScenarioFile } from "../../config/load.js";
import { runScenario } from "../../pool/run-scenario.js";
import { resultsTable } from "../../report/results-table.js";
import { writeJsonResult } from "../output.js";
import { onePositional, parseCommand, parseSeed, stringOption } from "../parse.js";

export const RUN_HELP = `nicsim run SCENARIO [--json FILE] [--seed N] [--quiet]
  Simulate every sweep point of SCENARIO (YAML or JSON) and print one row per point.
  --json FILE   also write the versioned result document to FILE ("-" for stdout)
  --seed N      override run.seed (0..4294967295)
  --quiet       print no table`;

export function runCommand(args: readonly string[]): number {
  const parsed = parseCommand("run", args, {
    json: { type: "string" },
    seed: { type: "string" },
    quiet: { type: "boolean" },
  });
  const { values, positionals } = parsed;
  const json = stringOption(parsed, "json");
  const path = onePositional("run", positionals, "SCENARIO file");
  const seed = parseSeed(stringOption(parsed, "seed"));
  const file = loadScenarioFile(path);
  const result = runScenario(file, seed === undefined ? {} : { seed });
  if (json !== undefined) writeJsonResult(result, json);
  if (!values.quiet && json !== "-") process.stdout.write(`${resultsTable(result.points)}\n`);
  return 0;
}
