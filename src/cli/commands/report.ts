import { htmlReport } from "../../report/html/html-report.js";
import { writeTextFile } from "../output.js";
import { onePositional, parseCommand, stringOption } from "../parse.js";
import { readResultFile } from "../read-result-file.js";
import { UsageError } from "../usage-error.js";

export function reportCommand(args: readonly string[]): number {
  const parsed = parseCommand("report", args, { html: { type: "string" } });
  const path = onePositional("report", parsed.positionals, "RESULT.json");
  const html = stringOption(parsed, "html");
  if (html === undefined) throw new UsageError("report: missing --html FILE (see nicsim help)");
  const result = readResultFile(path);
  writeTextFile("--html", html, htmlReport(result, path === "-" ? "stdin" : path));
  return 0;
}
