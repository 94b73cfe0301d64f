import { loadScenarioFile } from "../../config/load.js";
import { INTERRUPTED_EXIT_STATUS } from "../interrupt.js";
import { onePositional, parseCommand } from "../parse.js";
import { resultText } from "../result-text.js";
import { SWEEP_OPTION_SPEC, sweepOptionValues } from "../sweep-options.js";
import { runSweepCommand } from "../sweep-runner.js";

export async function runCommand(args: readonly string[]): Promise<number> {
  const parsed = parseCommand("run", args, SWEEP_OPTION_SPEC);
  const path = onePositional("run", parsed.positionals, "SCENARIO file");
  const options = sweepOptionValues(parsed, process.env);
  const file = loadScenarioFile(path);
  const outcome = await runSweepCommand(file, options);
  if (outcome === undefined) return INTERRUPTED_EXIT_STATUS;
  if (!options.quiet && options.json !== "-" && options.hlog !== "-") process.stdout.write(resultText(outcome.result, options.format, options.perCpu));
  return 0;
}
