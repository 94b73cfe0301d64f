/**
 * The options `nicsim capacity` and `nicsim tune` share: the SLO, the load axis, replications,
 * the bisection's resolution, output, seed, threads and --quiet; their parsing, and the progress
 * line both draw on stderr while they search.
 */
import { DEFAULT_LOAD_AXIS, loadAxis, type LoadAxis } from "../plan/load-axis.js";
import { parseSlo, SloError, type Slo } from "../plan/slo.js";
import { parseJobs } from "./jobs-option.js";
import { parseSeed, stringOption, type ParsedCommand } from "./parse.js";
import { UsageError } from "./usage-error.js";

export const SEARCH_OPTIONS = {
  slo: { type: "string" },
  "load-axis": { type: "string" },
  replications: { type: "string" },
  resolution: { type: "string" },
  format: { type: "string" },
  json: { type: "string" },
  seed: { type: "string" },
  jobs: { type: "string" },
  quiet: { type: "boolean" },
} as const;

export interface SearchSettings {
  readonly slo: Slo;
  readonly axis: LoadAxis;
  readonly replications: number;
  /** Absent: the search's default. */
  readonly resolution?: number;
  readonly seed?: number;
  readonly threads: number;
  readonly quiet: boolean;
}

export function parseReplications(text: string | undefined): number {
  if (text === undefined) return 3;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 100) throw new UsageError(`--replications: "${text}" is not a count from 1 to 100`);
  return n;
}

export function parseResolution(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)%$/.exec(text.trim());
  const pct = m === null ? Number.NaN : Number(m[1]);
  if (!(pct >= 0.01 && pct <= 50)) throw new UsageError(`--resolution: "${text}" is not a percentage from 0.01% to 50% (e.g. 1%)`);
  return pct / 100;
}

export function sloOption(text: string | undefined): Slo {
  if (text === undefined) throw new UsageError("missing --slo (e.g. --slo 'p99<=100us,drops<=0.01%')");
  try {
    return parseSlo(text);
  } catch (error) {
    if (error instanceof SloError) throw new UsageError(error.message);
    throw error;
  }
}

/** The shared settings of a parsed `capacity` or `tune` command line, checked in option order. */
export function searchSettings(parsed: ParsedCommand): SearchSettings {
  const slo = sloOption(stringOption(parsed, "slo"));
  const replications = parseReplications(stringOption(parsed, "replications"));
  const resolution = parseResolution(stringOption(parsed, "resolution"));
  const seed = parseSeed(stringOption(parsed, "seed"));
  return {
    slo,
    axis: loadAxis(stringOption(parsed, "load-axis") ?? DEFAULT_LOAD_AXIS),
    replications,
    ...(resolution === undefined ? {} : { resolution }),
    ...(seed === undefined ? {} : { seed }),
    threads: parseJobs(stringOption(parsed, "jobs")),
    quiet: parsed.values.quiet === true,
  };
}

/**
 * Run a search with a one-line count on stderr (a terminal only, not with --quiet), erased when
 * it ends: `report` is handed to the search as its progress callback, or undefined.
 */
export async function withProgressLine<T>(quiet: boolean, run: (report: ((line: string) => void) | undefined) => Promise<T>): Promise<T> {
  const show = !quiet && process.stderr.isTTY === true;
  try {
    return await run(show ? (line) => process.stderr.write(`\r${line}`) : undefined);
  } finally {
    if (show) process.stderr.write("\r\x1b[K");
  }
}
