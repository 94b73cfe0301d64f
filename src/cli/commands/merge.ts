import { mergeShards, ShardMergeError } from "../../pool/merge-shards.js";
import { planOutputs, writeOutputs } from "../output-set.js";
import { resultJson } from "../output.js";
import { parseCommand, stringOption } from "../parse.js";
import { readResultFile } from "../read-result-file.js";
import { UsageError } from "../usage-error.js";

export async function mergeCommand(args: readonly string[]): Promise<number> {
  // `-o FILE` is `--output FILE` (parse.ts knows long options only); messages name what was typed.
  const short = args.includes("-o");
  const parsed = parseCommand("merge", args.map((a) => (a === "-o" ? "--output" : a)), { output: { type: "string" } });
  const output = stringOption(parsed, "output");
  if (output === undefined) throw new UsageError("merge: missing -o FILE (see nicsim help)");
  if (parsed.positionals.length === 0) throw new UsageError("merge: missing shard files (see nicsim help)");
  const outputs = planOutputs([{ option: short ? "-o" : "--output", path: output }]);
  const files = parsed.positionals.map((path) => ({ name: path, result: readResultFile(path) }));
  let merged;
  try {
    merged = mergeShards(files);
  } catch (error) {
    if (error instanceof ShardMergeError) throw new UsageError(`merge: ${error.message}`);
    throw error;
  }
  await writeOutputs(outputs.map((o) => ({ output: o, text: resultJson(merged) })));
  return 0;
}
