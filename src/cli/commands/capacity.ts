import { capacityOf } from "../../plan/capacity.js";
import { capacityHtml } from "../../plan/capacity-html.js";
import { capacityMarkdown, capacityTable } from "../../plan/capacity-text.js";
import { parseFormat } from "../format-option.js";
import { onePositional, parseCommand, stringOption } from "../parse.js";
import { SEARCH_OPTIONS, searchSettings, withProgressLine } from "../search-options.js";
import { writeTextFile } from "../output-set.js";
import { UsageError } from "../usage-error.js";
import { loadCommandScenario } from "../scenario-notices.js";

const FORMATS = ["table", "json", "md", "html"] as const;

function positiveNumber(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+(\.\d+)?(e\d+)?$/i.test(text) || !(n > 0)) throw new UsageError(`${option}: "${text}" is not a positive number`);
  return n;
}

export async function capacityCommand(args: readonly string[]): Promise<number> {
  const parsed = parseCommand("capacity", args, { ...SEARCH_OPTIONS, start: { type: "string" }, html: { type: "string" } });
  const path = onePositional("capacity", parsed.positionals, "SCENARIO file");
  const { quiet, ...search } = searchSettings(parsed);
  const format = parseFormat(stringOption(parsed, "format"), FORMATS);
  const start = positiveNumber("--start", stringOption(parsed, "start"));
  const file = loadCommandScenario(path, { quiet });
  // No AbortSignal: SIGINT/SIGTERM keep their default action and end the process (src/cli/interrupt.ts).
  const doc = await withProgressLine(quiet, (report) =>
    capacityOf({
      source: file.source,
      raw: file.raw,
      ...search,
      ...(start === undefined ? {} : { start }),
      ...(report === undefined ? {} : { onRound: (probes: number) => report(`capacity: ${probes} probes`) }),
    }),
  );
  const json = `${JSON.stringify(doc, null, 2)}\n`;
  const jsonFile = stringOption(parsed, "json");
  const htmlFile = stringOption(parsed, "html");
  if (jsonFile !== undefined) writeTextFile("--json", jsonFile, json);
  if (htmlFile !== undefined) writeTextFile("--html", htmlFile, capacityHtml(doc, htmlFile === "-" ? "capacity" : htmlFile));
  if (quiet || jsonFile === "-" || htmlFile === "-") return 0;
  const text = format === "json" ? json : format === "md" ? capacityMarkdown(doc) : format === "html" ? capacityHtml(doc, file.source) : capacityTable(doc);
  process.stdout.write(text);
  return 0;
}
