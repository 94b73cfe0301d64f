/**
 * The load axis and the configurations of a capacity search.
 *
 * A configuration is a raw scenario document whose sweep (if any) holds one value per axis: one
 * point of the user's sweep with the load axis taken out (or, for the tuner, a candidate's
 * settings). A probe is a configuration at one load: the load is written at the axis path (for
 * `traffic.load.pps` / `traffic.load.mbps`, `traffic.load` is replaced, so a file written with
 * pps can be searched in Mbps) and the document goes through the ordinary sweep expansion and
 * validation — a probe's scenario is exactly what `nicsim run` would simulate.
 */
import { ConfigError } from "../config/errors.js";
import { isMapping } from "../config/paths.js";
import type { Scenario } from "../config/scenario.js";
import { expandSweep } from "../config/sweep.js";

export interface LoadAxis {
  /** A sweep axis path, e.g. `traffic.load.pps`. */
  readonly path: string;
  /** Loads on this axis are whole numbers (packets per second). */
  readonly integer: boolean;
}

export const DEFAULT_LOAD_AXIS = "traffic.load.pps";

export function loadAxis(path: string): LoadAxis {
  return { path, integer: path.endsWith(".pps") };
}

/** A load on the axis, rounded as the axis needs (whole packets per second, else 4 decimals). */
export function roundLoad(axis: LoadAxis, x: number): number {
  return axis.integer ? Math.round(x) : Math.round(x * 1e4) / 1e4;
}

export interface Configuration {
  /** Axis → value (the user's sweep point without the load axis, or the tuner's settings). */
  readonly params: Readonly<Record<string, number | string>>;
  /** The raw document: no load axis in its sweep, one value per remaining axis. */
  readonly document: Readonly<Record<string, unknown>>;
  /** Where the search starts: the scenario's own load for this configuration. */
  readonly start: number;
  /** The index its probes' seeds derive from (default: its position in the search). */
  readonly seedIndex?: number;
}

const LOAD_KEY = /^traffic\.load\.(pps|mbps)$/;

/** The value at a dotted path (`a.b[0].c`) of a raw document, or undefined. */
export function valueAtPath(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const segment of path.split(".")) {
    const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(segment);
    if (m === null) return undefined;
    v = isMapping(v) ? v[m[1]] : undefined;
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) v = Array.isArray(v) ? v[Number(idx[1])] : undefined;
  }
  return v;
}

function sweepOf(doc: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const sweep = doc.sweep;
  if (sweep === undefined) return {};
  if (!isMapping(sweep)) throw new ConfigError("sweep", "must be a mapping of axis → values");
  return sweep;
}

/**
 * The configurations of a scenario document: one per point of its sweep without the load axis.
 * `start` overrides where every search starts; otherwise the largest load the sweep lists for
 * the axis, or the document's own value at the axis.
 */
export function configurationsOf(raw: unknown, axis: LoadAxis, start?: number): Configuration[] {
  if (!isMapping(raw)) throw new ConfigError("", "the scenario must be a mapping");
  const { sweep: _sweep, ...base } = raw;
  const sweep = sweepOf(raw);
  const listed = sweep[axis.path];
  const rest = Object.fromEntries(Object.entries(sweep).filter(([name]) => name !== axis.path));
  let from = start;
  if (from === undefined) {
    const candidates = Array.isArray(listed) ? listed : [valueAtPath(base, axis.path)];
    const numbers = candidates.filter((x): x is number => typeof x === "number" && x > 0);
    if (numbers.length === 0) throw new ConfigError(axis.path, "no positive load here to start the search from; give --start LOAD");
    from = Math.max(...numbers);
  }
  const points = expandSweep({ ...base, sweep: rest });
  return points.map((p) => ({
    params: p.params,
    document: { ...base, sweep: Object.fromEntries(Object.entries(p.params).map(([k, v]) => [k, [v]])) },
    start: from,
  }));
}

/** The scenario of a configuration at `load`, validated. */
export function scenarioAt(config: Configuration, axis: LoadAxis, load: number): Scenario {
  const doc = structuredClone(config.document) as Record<string, unknown>;
  const sweep = { ...sweepOf(doc) };
  const unit = LOAD_KEY.exec(axis.path)?.[1];
  if (unit !== undefined && isMapping(doc.traffic)) {
    doc.traffic = { ...doc.traffic, load: { [unit]: load } };
  } else {
    sweep[axis.path] = [load];
  }
  const points = expandSweep({ ...doc, sweep });
  return points[0].scenario;
}
