import { loadScenarioFile } from "../../config/load.js";
import { writeStdout } from "../output.js";
import { onePositional, parseCommand } from "../parse.js";
import { refusedBatchNote } from "../routing-refusals.js";
import { resultText } from "../result-text.js";
import { SWEEP_OPTION_SPEC, SWEEP_OPTIONS_HELP, sweepOptionValues } from "../sweep-options.js";
import { runSweepCommand } from "../sweep-runner.js";

export const RUN_HELP = `nicsim run SCENARIO [--format table|json|csv|md] [--json FILE] [--hlog FILE] [--seed N]
                  [--jobs N] [--shard K/N] [--per-cpu] [--quiet]
  Simulate every sweep point of SCENARIO (YAML or JSON) and print one row per point.
  --seed N      override run.seed (0..4294967295)
  ${SWEEP_OPTIONS_HELP}`;

export async function runCommand(args: readonly string[]): Promise<number> {
  const parsed = parseCommand("run", args, SWEEP_OPTION_SPEC);
  const path = onePositional("run", parsed.positionals, "SCENARIO file");
  const options = sweepOptionValues(parsed, process.env);
  const file = loadScenarioFile(path);
  const refused = options.quiet ? "" : refusedBatchNote(file);
  if (refused !== "") process.stderr.write(`${refused}\n`);
  const outcome = await runSweepCommand(file, options);
  if (!options.quiet && !outcome.stdoutTaken) writeStdout(resultText(outcome.result, options.format, options.perCpu));
  return 0;
}
