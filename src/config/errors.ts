/**
 * The two kinds of error a scenario can produce.
 *
 * - `ConfigError`: the document parsed, but a field is wrong. It names the field path
 *   (`nics[0].queues`), the offending value and what is allowed. Only the first one is reported.
 * - `LoadError`: the file itself could not be read or parsed (missing file, YAML/JSON syntax).
 *   It names the file and, for syntax errors, the 1-based line and column.
 */

/** A field of the scenario is invalid. `message` is `${path}: ${detail}`, or `detail` alone at the top. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";

  constructor(
    /** Field path in the document, e.g. `traffic.load.pps` or `nics[1].rps.cpus[0]`; "" for the top. */
    readonly path: string,
    /** The message without the path. */
    readonly detail: string,
  ) {
    super(path === "" ? detail : `${path}: ${detail}`);
  }
}

/** The scenario file could not be read or parsed: `x.yaml: no such file`, `x.yaml:3:5: YAML syntax error: …`. */
export class LoadError extends Error {
  override readonly name = "LoadError";

  constructor(
    /** File path (or another source name) as given. */
    readonly source: string,
    /** The message without the location. */
    readonly detail: string,
    /** 1-based position of a syntax error, when known. */
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${source}${line === undefined ? "" : `:${line}:${column ?? 1}`}: ${detail}`);
  }
}

/**
 * A value as it appears in messages: JSON form (strings quoted), non-finite numbers as written
 * by JavaScript, long values cut short.
 */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (typeof value === "bigint") return value.toString();
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
