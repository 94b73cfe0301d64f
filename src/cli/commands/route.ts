import { readFileSync } from "node:fs";
import { answerToIpJson, answerToIpJsonLine, compileRouting, parseRouteQuery, QueryError } from "../../routing/index.js";
import type { RoutingTables } from "../../routing/index.js";
import { answerToIpText } from "../../routing/lookup/render-text.js";
import { parseCommand, stringOption, stringsOption } from "../parse.js";
import { UsageError } from "../usage-error.js";
import { loadRoutingConfig } from "./route-config.js";

function readQueries(path: string): string[] {
  let text: string;
  try {
    text = path === "-" ? readFileSync(0, "utf8") : readFileSync(path, "utf8");
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : String(error);
    throw new UsageError(`--queries ${path}: cannot read the file (${code})`);
  }
  return text.split("\n").filter((line) => line.trim() !== "" && !line.trim().startsWith("#"));
}

/** One JSON line per query, in one process. */
function answerQueries(tables: RoutingTables, queries: readonly string[]): void {
  const out: string[] = [];
  for (const line of queries) {
    let record: unknown;
    try {
      const r = tables.get(parseRouteQuery(line));
      record = r.ok ? { ok: true, result: answerToIpJson(tables.state, r.answer) } : { ok: false, error: r.error };
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      record = { ok: false, error: error.message };
    }
    out.push(JSON.stringify(record));
  }
  process.stdout.write(out.length > 0 ? `${out.join("\n")}\n` : "");
}

export function routeCommand(args: readonly string[]): number {
  const [sub, ...rest] = args;
  if (sub !== "get") throw new UsageError(`route: expected "get" (nicsim route get ADDR … --config FILE), got ${sub === undefined ? "nothing" : `"${sub}"`}`);
  const parsed = parseCommand("route get", rest, {
    config: { type: "string", multiple: true },
    queries: { type: "string" },
    json: { type: "boolean" },
    quiet: { type: "boolean" },
    devices: { type: "string" },
    family: { type: "string" },
  });
  const configPaths = stringsOption(parsed, "config");
  const configPath = configPaths.join(" + ");
  if (configPaths.length === 0) throw new UsageError("route get: --config FILE is required (a scenario, a routing section, or ip -batch text)");
  const queriesPath = stringOption(parsed, "queries");
  if (queriesPath !== undefined && parsed.positionals.length > 0) throw new UsageError(`route get: give a query or --queries, not both ("${parsed.positionals[0]}")`);
  if (queriesPath === undefined && parsed.positionals.length === 0) throw new UsageError("route get: missing the destination address (see nicsim help)");
  const tables = compileRouting(loadRoutingConfig(configPaths, { devices: stringOption(parsed, "devices"), family: stringOption(parsed, "family") }));
  if (parsed.values.quiet !== true) {
    for (const l of tables.refused) process.stderr.write(`nicsim: ${configPath}: batch line ${l.line} refused (${l.text}): ${(l.error ?? "").trimEnd()}\n`);
  }
  if (queriesPath !== undefined) {
    answerQueries(tables, readQueries(queriesPath));
    return 0;
  }
  let query;
  try {
    query = parseRouteQuery(parsed.positionals);
  } catch (error) {
    if (error instanceof QueryError) throw new UsageError(`route get: ${error.message}`);
    throw error;
  }
  const r = tables.get(query);
  if (!r.ok) {
    process.stderr.write(`${r.error}\n`);
    return 2;
  }
  process.stdout.write(`${parsed.values.json === true ? answerToIpJsonLine(tables.state, r.answer) : answerToIpText(tables.state, r.answer)}\n`);
  return 0;
}
