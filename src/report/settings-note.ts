/**
 * The lines above a results table that say what the run used (each point's `settings`, its seed
 * and replications): how long each replication ran and how much of it was warm-up — so a rate
 * read off a short window is read as one —, the seed, the replications, the worker threads, the
 * host's CPUs and clock (and, with SMT siblings, their shared speed), and the receive-path sysctls. A value that differs between points is
 * listed as `per point` (a sweep axis then shows it in its column); where the scenario did not set
 * a value and a default applied, the line says so. The cycle costs are in the JSON
 * (`points[].settings.costs`), too many for a header.
 */
import type { PointResult, PointSettings } from "./result-model.js";

/**
 * What only the command that ran knows: which values came from defaults or options, the threads
 * used. A reader of a document (`report --html`) has none of it: the lines then leave it out.
 */
export interface SettingsContext {
  /** The `run` fields the scenario file left to their defaults (`duration`, `warmup`, `seed`, `replications`). */
  readonly defaulted: ReadonlySet<string>;
  /** Whether `--seed` overrode run.seed. */
  readonly seedOption: boolean;
  /** Worker threads the run used (1: in-process). */
  readonly threads?: number;
}

/** The context of a document read back: nothing known beyond the document. */
export const DOCUMENT_ONLY: SettingsContext = { defaulted: new Set(), seedOption: false };

/** `100 ms`, `2 s`, `250 µs`, `0 s`. */
export function durationText(ns: number): string {
  if (ns === 0) return "0 s";
  const [scale, unit] = ns >= 1e9 ? [1e9, "s"] : ns >= 1e6 ? [1e6, "ms"] : ns >= 1e3 ? [1e3, "µs"] : [1, "ns"];
  return `${+(ns / scale).toFixed(3)} ${unit}`;
}

/** One value if every point has it, else `a / b per point` (first-seen order). */
function same<P, T>(points: readonly P[], pick: (p: P) => T, show: (x: T) => string): string {
  const values = [...new Set(points.map(pick))];
  return values.length === 1 ? show(values[0]) : `${values.map(show).join(" / ")} per point`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The settings lines (no trailing newline), or "" for a document without settings (before version 3). */
export function settingsNote(points: readonly PointResult[], context: SettingsContext): string {
  const set = points.filter((p): p is PointResult & { settings: PointSettings } => p.settings !== undefined);
  if (set.length === 0 || set.length !== points.length) return "";
  const tag = (field: string): string => (context.defaulted.has(field) ? " (default)" : "");
  const duration = same(set, (p) => p.settings.durationNs, durationText);
  const warmup = same(set, (p) => p.settings.warmupNs, durationText);
  const window = same(set, (p) => p.settings.durationNs - p.settings.warmupNs, durationText);
  const seed = same(set, (p) => p.seed, String);
  const replications = same(set, (p) => p.replications, String);
  const run = [
    `run: ${duration}${tag("duration")} simulated per replication, ${warmup} of it warm-up${tag("warmup")}: rates and latencies over the last ${window}`,
    `seed ${seed}${context.seedOption ? " (--seed)" : tag("seed")}`,
    `replications ${replications}${tag("replications")}`,
    ...(context.threads === undefined ? [] : [plural(context.threads, "worker thread")]),
  ].join("; ");
  const cpus = same(set, (p) => p.settings.cpus, String);
  const ghz = same(set, (p) => p.settings.ghz, (x) => `${x} GHz`);
  const k = (pick: (k: PointSettings["kernel"]) => number): string => same(set, (p) => pick(p.settings.kernel), String);
  const kernel = [
    `napi weight ${k((x) => x.napiWeight)}`,
    `netdev_budget ${k((x) => x.netdevBudget)}`,
    `netdev_budget_usecs ${k((x) => x.netdevBudgetUsecs)}`,
    `netdev_max_backlog ${k((x) => x.maxBacklog)}`,
    `dev_weight ${k((x) => x.devWeight)}`,
    `rps_sock_flow_entries ${k((x) => x.rpsSockFlowEntries)}`,
  ].join(", ");
  const smt = set.some((p) => p.settings.smtSpeed !== undefined)
    ? ` (SMT: a thread runs at smtSpeed ${same(set, (p) => p.settings.smtSpeed, (x) => (x === undefined ? "-" : String(x)))} of its solo speed while its sibling is busy)`
    : "";
  return `${run}\nhost: ${cpus} CPUs at ${ghz}${smt}; ${kernel}; cycle costs in the JSON (settings.costs)`;
}

/** Below this many offered packets per replication a rate is read with its noise in mind. */
const FEW_PACKETS = 1000;

/**
 * The line under a table whose rates rest on few packets (a short window at a low load: 100 ms at
 * 1000 pps is about 100 packets), else "". Random arrivals vary a count n by about ±2√n at 95%:
 * ±20% at 100 packets.
 */
export function fewPacketsNote(points: readonly PointResult[]): string {
  const few = points
    .map((p) => ({ p, n: p.offered.packets / Math.max(1, p.replications) }))
    .filter(({ n }) => n > 0 && n < FEW_PACKETS);
  if (few.length === 0) return "";
  const label = (p: PointResult): string => {
    const params = Object.entries(p.params).map(([k, v]) => `${k}=${v}`).join(" ");
    return params === "" ? "the point" : params;
  };
  const shown = few.slice(0, 3).map(({ p, n }) => `${label(p)}: ${Math.round(n)} packets (±${Math.round(200 / Math.sqrt(n))}%)`);
  const more = few.length > 3 ? ` and ${few.length - 3} more` : "";
  return `few packets per replication: ${shown.join(", ")}${more}; random arrivals vary such counts by about ±2√n at 95% — lengthen run.duration for steadier rates`;
}
