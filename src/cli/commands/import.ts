import { importScenario } from "../../host/import/host-scenario.js";
import { readSnapshot } from "../../host/read-snapshot.js";
import { writeTextFile } from "../output-set.js";
import { onePositional, parseCommand, stringOption, stringsOption } from "../parse.js";
import { UsageError } from "../usage-error.js";

export function importCommand(args: readonly string[]): number {
  const parsed = parseCommand("import", args, {
    out: { type: "string", short: "o" },
    nic: { type: "string", multiple: true },
    receiver: { type: "string" },
  });
  const source = onePositional("import", parsed.positionals, "SNAPSHOT (a snapshot directory or .tar.gz)");
  const out = stringOption(parsed, "out");
  if (out === undefined) throw new UsageError("import: missing -o SCENARIO.yaml (or -o - for stdout)");
  const receiver = stringOption(parsed, "receiver");
  const result = importScenario(readSnapshot(source), { nics: stringsOption(parsed, "nic"), ...(receiver === undefined ? {} : { receiver }) });
  writeTextFile("-o", out, result.yaml);
  for (const w of result.warnings) process.stderr.write(`nicsim import: warning: ${w}\n`);
  if (out !== "-") process.stderr.write(`nicsim import: wrote ${out} (${result.warnings.length} warning${result.warnings.length === 1 ? "" : "s"})\n`);
  return 0;
}
