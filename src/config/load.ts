/**
 * Reading scenario files: YAML (which includes JSON), with `.json` files read as strict JSON so
 * their errors read like JSON errors. Both report syntax errors as `file:line:col: …` LoadErrors;
 * the parsed document then goes through `expandScenario` (validation, one scenario per point,
 * and the file's notices: config/notices.ts).
 */
import { readFileSync } from "node:fs";
import { LoadError } from "./errors.js";
import { findJsonSyntaxError, lineColumn } from "./json-syntax.js";
import type { LoadedScenarioFile } from "./scenario.js";
import { expandScenario } from "./sweep.js";
import { yamlLibrary } from "./yaml-library.js";

/** Reads, parses and validates a scenario file. Throws LoadError (file, syntax) or ConfigError (content). */
export function loadScenarioFile(path: string): LoadedScenarioFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new LoadError(path, readFailure(error));
  }
  return loadScenarioText(text, path);
}

/** Parses and validates scenario text; `source` names it in messages (a `.json` name selects JSON). */
export function loadScenarioText(text: string, source: string): LoadedScenarioFile {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const raw = source.toLowerCase().endsWith(".json") ? parseJson(body, source) : parseYaml(body, source);
  checkDepth(raw, source);
  const { points, notices } = expandScenario(raw);
  return { source, raw, points, notices };
}

/** Deeper than any scenario needs (it is 5 levels deep at most); the limit keeps validation's recursion safe. */
export const MAX_NESTING = 64;
const TOO_DEEP = `nested deeper than ${MAX_NESTING} levels (a scenario needs a few)`;

/** Refuses absurdly deep documents (checked without recursion). */
function checkDepth(value: unknown, source: string): void {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== "object" || v === null) continue;
    if (depth >= MAX_NESTING) throw new LoadError(source, TOO_DEEP);
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
}

/** The YAML library reports a document too deep for its recursive parser as a stack overflow. */
function yamlFailure(message: string): string {
  return message.includes("Maximum call stack size exceeded") ? TOO_DEEP : `YAML syntax error: ${message}`;
}

function parseYaml(text: string, source: string): unknown {
  const { LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const [first] = doc.errors;
  if (first !== undefined) {
    const { line, col } = lineCounter.linePos(first.pos[0]);
    throw new LoadError(source, yamlFailure(first.message), line, col);
  }
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new LoadError(source, message.includes("Maximum call stack size exceeded") ? TOO_DEEP : `YAML error: ${message}`);
  }
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const found = findJsonSyntaxError(text);
    if (found === undefined) throw new LoadError(source, `JSON syntax error: ${error instanceof Error ? error.message : String(error)}`);
    const { line, column } = lineColumn(text, found.offset);
    throw new LoadError(source, `JSON syntax error: ${found.reason}`, line, column);
  }
}

function readFailure(error: unknown): string {
  const code = error instanceof Error && "code" in error ? error.code : undefined;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      return "is a directory, not a scenario file";
    case "EACCES":
      return "permission denied";
    default:
      return `cannot read: ${error instanceof Error ? error.message : String(error)}`;
  }
}
