/**
 * A job's counters as one ArrayBuffer, so a worker hands them back as one small buffer (copied,
 * not transferred: thread-loop.ts says why) and a shard file can carry them as base64.
 *
 * The layout is derived from the counter table (engine/counters.ts `JOB_COUNTERS`): little-endian
 * float64 words (exact for every counter: all are integers below 2^53 or the engine's own
 * doubles). Word 0 is the format, then each counter in table order:
 *   scalar: its value;
 *   array, placement: its length n, then n slots;
 *   histogram: its header (HIST order), the number H of non-empty slots, then H × (slot, count);
 *   events: the number M of records, then M × the record's fields (in declared order).
 * The format is not a version number kept by hand: it is the FNV-1a hash (32 bits) of the
 * table's names and kinds (`countersFormat`), so adding, removing, renaming, reordering or
 * re-kinding a counter changes it by itself, and a buffer written by a nicsim with another
 * table — a shard file of another version — is refused with one line instead of being misread.
 * (Before the table, formats 1 to 5 were numbered by hand; those buffers are refused too.)
 * Decoding gives counters that are equal field for field, so merging decoded counters is the same
 * as merging the originals (test/pool-counters-codec-round-trips-exactly.test.ts).
 */
import { JOB_COUNTERS, type JobCounters } from "../engine/counters.js";
import {
  arrayOf,
  counterEntries,
  countersFrom,
  eventsOf,
  histogramOf,
  placementOf,
  scalarOf,
  type CounterRecord,
  type CounterTable,
  type CounterValue,
} from "../stats/counter-table.js";
import { LatencyHistogram, type LatencyHistogramJson } from "../stats/latency-histogram.js";

const HIST = ["highestTrackableNs", "total", "min", "max", "sum", "clamped", "invalid"] as const;

/** FNV-1a over the text of each counter's name and spec (what decides the layout and meaning). */
export function countersFormat(table: CounterTable): number {
  const text = counterEntries(table)
    .map(([name, spec]) => {
      switch (spec.kind) {
        case "scalar":
          return `${name}:scalar:${spec.merge}`;
        case "array":
          return `${name}:array:${spec.per}:${spec.merge}`;
        case "placement":
          return `${name}:placement:${spec.per}`;
        case "histogram":
          return `${name}:histogram`;
        case "events":
          return `${name}:events:${spec.fields.join("/")}`;
      }
    })
    .join(",");
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The format of this nicsim's counters buffers. */
export const COUNTERS_FORMAT = countersFormat(JOB_COUNTERS);

const hex = (x: number): string => (Number.isInteger(x) && x >= 0 && x <= 0xffffffff ? `0x${x.toString(16).padStart(8, "0")}` : String(x));

/** Pack `counters` into a fresh ArrayBuffer (cold: once per job). */
export function encodeCounters(counters: JobCounters): ArrayBuffer {
  const view: CounterRecord = counters;
  const words: number[] = [COUNTERS_FORMAT];
  for (const [name, spec] of counterEntries(JOB_COUNTERS)) {
    switch (spec.kind) {
      case "scalar":
        words.push(scalarOf(view, name));
        break;
      case "array":
      case "placement": {
        const a = spec.kind === "array" ? arrayOf(view, name) : placementOf(view, name);
        words.push(a.length);
        for (const x of a) words.push(x);
        break;
      }
      case "histogram": {
        const json = histogramOf(view, name).toJSON();
        for (const key of HIST) words.push(json[key]);
        words.push(json.counts.length);
        for (const [index, count] of json.counts) words.push(index, count);
        break;
      }
      case "events": {
        const events = eventsOf(view, name);
        words.push(events.length);
        for (const event of events) for (const field of spec.fields) words.push(event[field]);
        break;
      }
    }
  }
  return new Float64Array(words).buffer;
}

/** Unpack counters packed by `encodeCounters`. Throws RangeError (one line) on a buffer of another format or shape. */
export function decodeCounters(buffer: ArrayBuffer): JobCounters {
  const view = new DataView(buffer);
  const words = buffer.byteLength / 8;
  if (!Number.isInteger(words) || words < 1) throw new RangeError(`job counters: not a counters buffer (${buffer.byteLength} bytes)`);
  let at = 0;
  const get = (): number => {
    if (at >= buffer.byteLength) throw new RangeError("job counters: buffer length does not match its header");
    const x = view.getFloat64(at, true);
    at += 8;
    return x;
  };
  /** A length word: a count that fits in what is left of the buffer. */
  const count = (perItem: number): number => {
    const n = get();
    if (!Number.isInteger(n) || n < 0 || n * perItem > words - at / 8) throw new RangeError("job counters: buffer length does not match its header");
    return n;
  };
  const format = get();
  if (format !== COUNTERS_FORMAT) {
    throw new RangeError(`job counters: format ${hex(format)} is not this nicsim's ${hex(COUNTERS_FORMAT)} (written by another version; rerun the shards with this one)`);
  }
  const values = new Map<string, CounterValue>();
  for (const [name, spec] of counterEntries(JOB_COUNTERS)) {
    switch (spec.kind) {
      case "scalar":
        values.set(name, get());
        break;
      case "array":
        values.set(name, Float64Array.from({ length: count(1) }, get));
        break;
      case "placement":
        values.set(name, Int32Array.from({ length: count(1) }, get));
        break;
      case "histogram": {
        const head = Object.fromEntries(HIST.map((key) => [key, get()])) as Record<(typeof HIST)[number], number>;
        const pairs: Array<readonly [number, number]> = [];
        for (let i = count(2); i > 0; i--) pairs.push([get(), get()]);
        const json: LatencyHistogramJson = { ...head, counts: pairs };
        values.set(name, LatencyHistogram.fromJSON(json));
        break;
      }
      case "events": {
        const events: Array<Record<string, number>> = [];
        for (let i = count(spec.fields.length); i > 0; i--) events.push(Object.fromEntries(spec.fields.map((field) => [field, get()])));
        values.set(name, events);
        break;
      }
    }
  }
  if (at !== buffer.byteLength) throw new RangeError("job counters: buffer length does not match its header");
  return countersFrom(JOB_COUNTERS, values);
}

/** Base64 of the buffer (for shard files). */
export function countersToBase64(buffer: ArrayBuffer): string {
  return Buffer.from(buffer).toString("base64");
}

/** Inverse of `countersToBase64` (a copy, aligned for DataView use). */
export function countersFromBase64(text: string): ArrayBuffer {
  const bytes = Buffer.from(text, "base64");
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return copy;
}
