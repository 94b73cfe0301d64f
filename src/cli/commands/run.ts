import { writeStdout } from "../output.js";
import { onePositional, parseCommand } from "../parse.js";
import { refusedBatchNote } from "../routing-refusals.js";
import { resultText } from "../result-text.js";
import { loadCommandScenario } from "../scenario-notices.js";
import { SWEEP_OPTION_SPEC, sweepOptionValues } from "../sweep-options.js";
import { runSweepCommand } from "../sweep-runner.js";

export async function runCommand(args: readonly string[]): Promise<number> {
  const parsed = parseCommand("run", args, SWEEP_OPTION_SPEC);
  const path = onePositional("run", parsed.positionals, "SCENARIO file");
  const options = sweepOptionValues(parsed, process.env);
  const file = loadCommandScenario(path, { quiet: options.quiet });
  const refused = options.quiet ? "" : refusedBatchNote(file);
  if (refused !== "") process.stderr.write(`${refused}\n`);
  const outcome = await runSweepCommand(file, options);
  if (!options.quiet && !outcome.stdoutTaken) writeStdout(resultText(outcome.result, options.format, options.perCpu));
  return 0;
}
