import { onePositional, parseCommand } from "../parse.js";
import { refusedBatchNote } from "../routing-refusals.js";
import { loadCommandScenario } from "../scenario-notices.js";

export function validateCommand(args: readonly string[]): number {
  const { positionals } = parseCommand("validate", args, {});
  const path = onePositional("validate", positionals, "SCENARIO file");
  const file = loadCommandScenario(path);
  const n = file.points.length;
  const refused = refusedBatchNote(file);
  if (refused !== "") process.stderr.write(`${refused}\n`);
  process.stdout.write(`${path}: valid, ${n} point${n === 1 ? "" : "s"}\n`);
  return 0;
}
