import { loadScenarioFile } from "../../config/load.js";
import { onePositional, parseCommand } from "../parse.js";

export function validateCommand(args: readonly string[]): number {
  const { positionals } = parseCommand("validate", args, {});
  const path = onePositional("validate", positionals, "SCENARIO file");
  const file = loadScenarioFile(path);
  const n = file.points.length;
  process.stdout.write(`${path}: valid, ${n} point${n === 1 ? "" : "s"}\n`);
  return 0;
}
