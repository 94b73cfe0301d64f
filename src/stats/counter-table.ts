/**
 * Counter tables: a stage's counters declared once, as data, so that everything that carries
 * them — the job's result type, the counters codec between threads and in shard files, the merge
 * of a point's replications and the per-queue / per-CPU rows of the result document — is derived
 * from the declaration instead of repeated by hand.
 *
 * A table maps each counter's name to its spec:
 * - `scalar`: a number; replications merge by `sum` or `max`;
 * - `array`: a Float64Array with one slot per queue, CPU, cause or device (`per`), merged slot by
 *   slot with `sum` or `max`;
 * - `placement`: an Int32Array with one slot per queue that is the same in every replication
 *   (the state at the start of the run); the merge keeps the first replication's;
 * - `histogram`: a LatencyHistogram, merged exactly;
 * - `events`: a list of records of numbers (`fields`), concatenated in replication order.
 * `json` (arrays and placements per queue or per CPU) names the keys of the result document's
 * per-queue or per-CPU row that show the merged slot: a dotted path nests (`softnet.dropped`);
 * `shareOfWindow` shows nanoseconds as a fraction of the measurement window (4 decimals).
 *
 * `CountersOf<typeof TABLE>` is the type of one job's counters; `mergeCounters` merges them;
 * `rowOf` writes a per-queue or per-CPU row, typed `RowOf<typeof TABLE, per>`.
 */
import { LatencyHistogram } from "./latency-histogram.js";

export type CounterMerge = "sum" | "max";
export type CounterDimension = "queue" | "cpu" | "cause" | "device" | "thread";

/** Where a per-queue or per-CPU slot appears in its row of the result document. */
export interface RowPlacement {
  /** Keys of the row, dotted paths for nested objects, in the order they are written. */
  readonly at: readonly string[];
  /** Nanoseconds shown as a share of the measurement window, rounded to 4 decimals. */
  readonly shareOfWindow?: boolean;
}

export type CounterSpec =
  | { readonly kind: "scalar"; readonly merge: CounterMerge }
  | { readonly kind: "array"; readonly per: CounterDimension; readonly merge: CounterMerge; readonly json?: RowPlacement }
  | { readonly kind: "placement"; readonly per: "queue"; readonly json?: RowPlacement }
  | { readonly kind: "histogram" }
  | { readonly kind: "events"; readonly fields: readonly string[] };

export type CounterTable = Readonly<Record<string, CounterSpec>>;

/** One record of an `events` counter. */
export type CounterEvent<F extends string = string> = { readonly [K in F]: number };

/** The value a spec declares. */
export type CounterValueOf<S extends CounterSpec> = S extends { readonly kind: "scalar" }
  ? number
  : S extends { readonly kind: "array" }
    ? Float64Array
    : S extends { readonly kind: "placement" }
      ? Int32Array
      : S extends { readonly kind: "histogram" }
        ? LatencyHistogram
        : S extends { readonly kind: "events"; readonly fields: readonly (infer F extends string)[] }
          ? readonly CounterEvent<F>[]
          : never;

/** One job's counters of table T (homomorphic, so each counter keeps its doc comment). */
export type CountersOf<T extends CounterTable> = { readonly [K in keyof T]: CounterValueOf<T[K]> };

/** Any counter's value, for code that walks a table. */
export type CounterValue = number | Float64Array | Int32Array | LatencyHistogram | readonly CounterEvent[];

/** Counters seen through their names only (what table walkers read). */
export type CounterRecord = Readonly<Record<string, CounterValue>>;

/** The table's entries in declaration order (the order of the codec and of the rows' keys). */
export function counterEntries(table: CounterTable): ReadonlyArray<readonly [string, CounterSpec]> {
  return Object.entries(table);
}

/** Counters of table T built name by name from their declared kinds (by `decode` or `merge`). */
export function countersFrom<T extends CounterTable>(table: T, values: ReadonlyMap<string, CounterValue>): CountersOf<T> {
  const out: Record<string, CounterValue> = {};
  for (const [name] of counterEntries(table)) {
    const v = values.get(name);
    if (v === undefined) throw new Error(`counters: no value for ${name}`);
    out[name] = v;
  }
  // Each name of T was filled with a value of its spec's kind by the caller (walking the same table).
  return out as CountersOf<T>;
}

export function scalarOf(counters: CounterRecord, name: string): number {
  const v = counters[name];
  if (typeof v !== "number") throw new TypeError(`counters: ${name} is not a number`);
  return v;
}

export function arrayOf(counters: CounterRecord, name: string): Float64Array {
  const v = counters[name];
  if (!(v instanceof Float64Array)) throw new TypeError(`counters: ${name} is not a Float64Array`);
  return v;
}

export function placementOf(counters: CounterRecord, name: string): Int32Array {
  const v = counters[name];
  if (!(v instanceof Int32Array)) throw new TypeError(`counters: ${name} is not an Int32Array`);
  return v;
}

export function histogramOf(counters: CounterRecord, name: string): LatencyHistogram {
  const v = counters[name];
  if (!(v instanceof LatencyHistogram)) throw new TypeError(`counters: ${name} is not a LatencyHistogram`);
  return v;
}

export function eventsOf(counters: CounterRecord, name: string): readonly CounterEvent[] {
  const v = counters[name];
  if (!Array.isArray(v)) throw new TypeError(`counters: ${name} is not a list of events`);
  return v as readonly CounterEvent[];
}

/**
 * The counters of a point's jobs (in replication order) merged into one set: sums add in
 * replication order starting from 0 (so a merged sum is bit for bit `jobs.reduce((s, j) => s + x, 0)`),
 * maxima take the largest, histograms merge exactly, events concatenate.
 */
export function mergeCounters<T extends CounterTable>(table: T, jobs: readonly CountersOf<T>[]): CountersOf<T> {
  if (jobs.length === 0) throw new RangeError("counters: nothing to merge");
  const views: readonly CounterRecord[] = jobs;
  const out = new Map<string, CounterValue>();
  for (const [name, spec] of counterEntries(table)) {
    switch (spec.kind) {
      case "scalar": {
        let x = spec.merge === "sum" ? 0 : -Infinity;
        for (const j of views) x = spec.merge === "sum" ? x + scalarOf(j, name) : Math.max(x, scalarOf(j, name));
        out.set(name, x);
        break;
      }
      case "array": {
        const n = arrayOf(views[0], name).length;
        const merged = new Float64Array(n);
        if (spec.merge === "max") merged.fill(-Infinity);
        for (const j of views) {
          const a = arrayOf(j, name);
          if (a.length !== n) throw new RangeError(`counters: ${name} has ${a.length} slots in one job and ${n} in another`);
          for (let i = 0; i < n; i++) merged[i] = spec.merge === "sum" ? merged[i] + a[i] : Math.max(merged[i], a[i]);
        }
        out.set(name, merged);
        break;
      }
      case "placement":
        out.set(name, Int32Array.from(placementOf(views[0], name)));
        break;
      case "histogram": {
        const merged = new LatencyHistogram();
        for (const j of views) merged.merge(histogramOf(j, name));
        out.set(name, merged);
        break;
      }
      case "events":
        out.set(
          name,
          views.flatMap((j) => eventsOf(j, name)),
        );
        break;
    }
  }
  return countersFrom(table, out);
}

/** Set `value` at the dotted `path` of `row`, creating the nested objects in order. */
function place(row: Record<string, unknown>, path: string, value: number): void {
  const keys = path.split(".");
  let at = row;
  for (const key of keys.slice(0, -1)) {
    const next = at[key];
    if (typeof next === "object" && next !== null) at = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      at[key] = created;
      at = created;
    }
  }
  at[keys[keys.length - 1]] = value;
}

/**
 * Row `i` of the result document's per-queue or per-CPU list: the caller's own keys (`head`,
 * e.g. `{ cpu }`), then every `per` counter with a `json` place, in declaration order, each
 * showing its merged slot `i`. `windowS`: the measurement window the merged counters cover, in
 * seconds.
 */
export function rowOf<T extends CounterTable, Per extends "queue" | "cpu", H extends Readonly<Record<string, string | number>>>(
  table: T,
  per: Per,
  merged: CountersOf<T>,
  i: number,
  windowS: number,
  head: H,
): H & RowOf<T, Per> {
  const view: CounterRecord = merged;
  const row: Record<string, unknown> = { ...head };
  for (const [name, spec] of counterEntries(table)) {
    if ((spec.kind !== "array" && spec.kind !== "placement") || spec.per !== per || spec.json === undefined) continue;
    const raw = spec.kind === "array" ? arrayOf(view, name)[i] : placementOf(view, name)[i];
    const value = spec.json.shareOfWindow === true ? Math.round((raw / (windowS * 1e9)) * 1e4) / 1e4 : raw;
    for (const path of spec.json.at) place(row, path, value);
  }
  // The loop wrote exactly the paths RowOf<T, Per> lists, each a number, after head's keys.
  return row as H & RowOf<T, Per>;
}

/** `{ a: { b: V } }` for the dotted path "a.b". */
type AtPath<P extends string, V> = P extends `${infer Head}.${infer Rest}` ? { readonly [K in Head]: AtPath<Rest, V> } : { readonly [K in P]: V };

type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The row paths the `per` counters of table T declare. */
type RowPaths<T extends CounterTable, Per extends string> = {
  [K in keyof T]: T[K] extends { readonly per: Per; readonly json: { readonly at: readonly (infer P extends string)[] } } ? P : never;
}[keyof T];

/** The keys `rowOf` writes into a per-queue or per-CPU row, as a type (each a number). */
export type RowOf<T extends CounterTable, Per extends "queue" | "cpu"> = Intersection<AtPath<RowPaths<T, Per>, number>>;
