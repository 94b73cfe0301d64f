import { spawnSync } from "node:child_process";
import { snapshotScript, snapshotScriptPath } from "../../host/snapshot-script.js";
import { parseCommand, stringOption, stringsOption } from "../parse.js";
import { UsageError } from "../usage-error.js";

export function snapshotCommand(args: readonly string[]): number {
  const parsed = parseCommand("snapshot", args, {
    script: { type: "boolean" },
    out: { type: "string", short: "o" },
    dev: { type: "string", multiple: true },
    measure: { type: "string" },
    samples: { type: "string" },
    tar: { type: "boolean" },
  });
  if (parsed.positionals.length > 0) throw new UsageError(`snapshot: unexpected argument "${parsed.positionals[0]}"`);
  if (parsed.values.script === true) {
    if (args.length > 1) throw new UsageError("snapshot: --script takes no other option (give them to the script)");
    process.stdout.write(snapshotScript());
    return 0;
  }
  const measure = stringOption(parsed, "measure");
  const samples = stringOption(parsed, "samples");
  if (measure !== undefined && !/^[1-9]\d*$/.test(measure)) throw new UsageError(`snapshot: --measure "${measure}" is not a whole number of seconds ≥ 1`);
  if (samples !== undefined && !/^[1-9]\d*$/.test(samples)) throw new UsageError(`snapshot: --samples "${samples}" is not a positive whole number`);
  if (samples !== undefined && measure === undefined) throw new UsageError("snapshot: --samples needs --measure SECONDS");
  const out = stringOption(parsed, "out");
  const scriptArgs = [
    ...(out === undefined ? [] : ["-o", out]),
    ...stringsOption(parsed, "dev").flatMap((d) => ["--dev", d]),
    ...(measure === undefined ? [] : ["--measure", measure]),
    ...(samples === undefined ? [] : ["--samples", samples]),
    ...(parsed.values.tar === true ? ["--tar"] : []),
  ];
  const run = spawnSync("sh", [snapshotScriptPath(), ...scriptArgs], { stdio: "inherit" });
  if (run.error !== undefined) throw new UsageError(`snapshot: cannot run sh: ${run.error.message}`);
  return run.status ?? 1;
}
