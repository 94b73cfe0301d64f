import { htmlReport } from "../../report/html/html-report.js";
import { planOutputs, writeOutputs } from "../output-set.js";
import { onePositional, parseCommand, stringOption } from "../parse.js";
import { readResultFile } from "../read-result-file.js";
import { UsageError } from "../usage-error.js";

export async function reportCommand(args: readonly string[]): Promise<number> {
  const parsed = parseCommand("report", args, { html: { type: "string" } });
  const path = onePositional("report", parsed.positionals, "RESULT.json");
  const html = stringOption(parsed, "html");
  if (html === undefined) throw new UsageError("report: missing --html FILE (see nicsim help)");
  const outputs = planOutputs([{ option: "--html", path: html }]);
  const result = readResultFile(path);
  if (result.shard !== undefined) {
    throw new UsageError(
      `report: ${path} is shard ${result.shard.index}/${result.shard.count} of a sharded run (its points hold only that shard's replications); put the shards together with nicsim merge first`,
    );
  }
  await writeOutputs(outputs.map((output) => ({ output, text: htmlReport(result, path === "-" ? "stdin" : path) })));
  return 0;
}
