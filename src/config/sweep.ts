/**
 * Sweep expansion: one raw document with `sweep: { axis: [values] }` → one validated scenario
 * per point of the cross product (first declared axis outermost, last axis fastest).
 *
 * An axis is `queues` (shorthand for every NIC's `queues`; a NIC's own `vectors` stay only where
 * they serve the new count, config/nic-queues.ts) or a path into the document: keys
 * joined by dots, with `[i]` list indices (`traffic.load.pps`, `nics[0].ringSize`). A point is a
 * deep copy of the document without `sweep`, with each axis value written at its path (missing
 * mappings on the way are created), then validated in full. A validation error inside a point
 * ends with the point, e.g. ` (sweep point queues=16)`.
 */
import { ConfigError, show } from "./errors.js";
import { setNicQueues } from "./nic-queues.js";
import { isMapping, joinIndex, joinKey } from "./paths.js";
import { sweepSchema } from "./sections/sweep.js";
import { check } from "./schema-dsl.js";
import { uniqueNotices, type ConfigNotice } from "./notices.js";
import type { SweepPoint } from "./scenario.js";
import { requireTopLevelMapping, resolveScenario, validateScenario, type ResolvedScenario } from "./validate.js";

/** More points than this is almost certainly a mistake (each point is a full simulation). */
export const MAX_SWEEP_POINTS = 10_000;

type Value = number | string;
type Step = { readonly key: string } | { readonly index: number };

interface Axis {
  readonly name: string;
  readonly values: readonly Value[];
  /** Undefined for the `queues` shorthand. */
  readonly steps: readonly Step[] | undefined;
}

/** Expands a raw document into its sweep points (one point with `params: {}` without a sweep). */
export function expandSweep(raw: unknown): SweepPoint[] {
  return expandScenario(raw).points;
}

/** `expandSweep` with the document's notices, once each whatever the number of points. */
export function expandScenario(raw: unknown): { readonly points: SweepPoint[]; readonly notices: readonly ConfigNotice[] } {
  const document = requireTopLevelMapping(raw);
  const { sweep: rawSweep, ...base } = document;
  const sweep = rawSweep === undefined ? {} : check(sweepSchema, rawSweep, "sweep");
  const axes: Axis[] = Object.entries(sweep).map(([name, values]) => ({
    name,
    values,
    steps: name === "queues" ? undefined : parseAxisPath(name),
  }));

  const total = axes.reduce((product, axis) => product * axis.values.length, 1);
  if (total > MAX_SWEEP_POINTS) {
    throw new ConfigError("sweep", `${total} points (${axes.map((a) => a.values.length).join(" × ")}); at most ${MAX_SWEEP_POINTS} are allowed`);
  }
  checkAxesDisjoint(axes);
  // Check every path once against the document, so a bad path is reported without a point.
  for (const axis of axes) setAxis(structuredClone(base), axis, axis.values[0]);

  const points: SweepPoint[] = [];
  const notices: ConfigNotice[] = [];
  const at = new Array<number>(axes.length).fill(0);
  for (let n = 0; n < total; n++) {
    const doc = structuredClone(base);
    const params: Record<string, Value> = {};
    axes.forEach((axis, i) => {
      const value = axis.values[at[i]];
      setAxis(doc, axis, value);
      params[axis.name] = value;
    });
    const resolved = resolvePoint(doc, params);
    points.push({ params, scenario: resolved.scenario });
    notices.push(...resolved.notices);
    // Odometer: the last axis turns fastest.
    for (let i = axes.length - 1; i >= 0; i--) {
      at[i] += 1;
      if (at[i] < axes[i].values.length) break;
      at[i] = 0;
    }
  }
  if (axes.length > 0) checkOverriddenBaseValues(base, axes);
  return { points, notices: uniqueNotices(notices) };
}

/** The fields an axis writes: `queues` is every NIC's `queues` (index -1: every index). */
function axisSteps(axis: Axis): readonly Step[] {
  return axis.steps ?? [{ key: "nics" }, { index: -1 }, { key: "queues" }];
}

/** Whether one list of steps leads into the other (the same field, or one inside the other). */
function overlaps(a: readonly Step[], b: readonly Step[]): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if ("key" in x) {
      if (!("key" in y) || x.key !== y.key) return false;
    } else if ("key" in y || (x.index !== y.index && x.index !== -1 && y.index !== -1)) {
      return false;
    }
  }
  return true;
}

/** Two axes that write the same field would make a point's label disagree with its scenario. */
function checkAxesDisjoint(axes: readonly Axis[]): void {
  for (let i = 0; i < axes.length; i++) {
    for (let j = 0; j < i; j++) {
      if (overlaps(axisSteps(axes[i]), axisSteps(axes[j]))) {
        throw new ConfigError(joinKey("sweep", axes[i].name), `sets the same field as the axis "${axes[j].name}"; keep one of them`);
      }
    }
  }
}

/** The value at `steps` in `doc`, or undefined. */
function valueAt(doc: unknown, steps: readonly Step[]): unknown {
  let current = doc;
  for (const step of steps) {
    if ("key" in step) current = isMapping(current) && Object.hasOwn(current, step.key) ? current[step.key] : undefined;
    else current = Array.isArray(current) ? current[step.index] : undefined;
    if (current === undefined) return undefined;
  }
  return current;
}

/**
 * A value the document gives but every point replaces is never simulated, yet it is still a
 * mistake worth reporting: validate the base document, and report an error found in a value
 * that an axis overrides (errors elsewhere, or about values the base leaves to the sweep, are
 * the points' to report, and they all passed).
 */
function checkOverriddenBaseValues(base: Record<string, unknown>, axes: readonly Axis[]): void {
  try {
    validateScenario(base);
  } catch (error) {
    if (!(error instanceof ConfigError) || error.path === "") return;
    let steps: Step[];
    try {
      steps = parseAxisPath(error.path);
    } catch {
      return;
    }
    if (valueAt(base, steps) === undefined) return;
    const axis = axes.find((a) => overlaps(axisSteps(a), steps));
    if (axis !== undefined) throw new ConfigError(error.path, `${error.detail} (the value outside the sweep; the axis "${axis.name}" replaces it in every point, but it must be valid too)`);
  }
}

function resolvePoint(doc: Record<string, unknown>, params: Readonly<Record<string, Value>>): ResolvedScenario {
  try {
    return resolveScenario(doc);
  } catch (error) {
    if (!(error instanceof ConfigError) || Object.keys(params).length === 0) throw error;
    const point = Object.entries(params)
      .map(([name, value]) => `${name}=${typeof value === "string" ? JSON.stringify(value) : value}`)
      .join(", ");
    throw new ConfigError(error.path, `${error.detail} (sweep point ${point})`);
  }
}

const SEGMENT = /^([A-Za-z_][A-Za-z0-9_]*)((?:\[[0-9]+\])*)$/;

/** `nics[0].rps.cpus` → key nics, index 0, key rps, key cpus. */
function parseAxisPath(name: string): Step[] {
  const steps: Step[] = [];
  for (const segment of name.split(".")) {
    const match = SEGMENT.exec(segment);
    if (match === null || match[1] === "__proto__") {
      throw new ConfigError(
        joinKey("sweep", name),
        'not a path; write "queues" or keys joined by dots with [i] indices, e.g. "nics[0].ringSize"',
      );
    }
    steps.push({ key: match[1] });
    for (const index of match[2].matchAll(/\[([0-9]+)\]/g)) steps.push({ index: Number(index[1]) });
  }
  if ("key" in steps[0] && steps[0].key === "sweep") throw new ConfigError(joinKey("sweep", name), "a sweep cannot change the sweep");
  return steps;
}

function setAxis(doc: Record<string, unknown>, axis: Axis, value: Value): void {
  if (axis.steps === undefined) {
    // `queues`: every NIC. A missing or malformed `nics` is left for validation to report.
    if (Array.isArray(doc.nics)) for (const nic of doc.nics) if (isMapping(nic)) setNicQueues(nic, value);
    return;
  }
  const fail = (detail: string): never => {
    throw new ConfigError(joinKey("sweep", axis.name), detail);
  };
  const steps = axis.steps;
  let current: unknown = doc;
  let where = "";
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const last = i === steps.length - 1;
    if ("key" in step) {
      if (!isMapping(current)) return fail(`${where} is ${describe(current)}, not a mapping`);
      if (last) {
        current[step.key] = value;
        return;
      }
      let child = Object.hasOwn(current, step.key) ? current[step.key] : undefined;
      if (child === undefined && "key" in steps[i + 1]) child = current[step.key] = {};
      where = joinKey(where, step.key);
      if (child === undefined) return fail(`${where} is missing`);
      current = child;
    } else {
      if (!Array.isArray(current)) return fail(`${where} is ${describe(current)}, not a list`);
      if (step.index >= current.length) return fail(`${where} has ${current.length === 1 ? "1 item" : `${current.length} items`}`);
      if (last) {
        current[step.index] = value;
        return;
      }
      current = current[step.index];
      where = joinIndex(where, step.index);
    }
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (isMapping(value)) return "a mapping";
  return show(value);
}
