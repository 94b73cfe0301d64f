/**
 * The counters codec is derived from the counter table (engine/counters.ts), so its test is too:
 * fast-check (fixed seed) builds arbitrary counters for every counter the table declares — any
 * float64 in scalars and arrays (NaN, -0 and infinities included), any slot counts, histograms of
 * random values, random event lists — and each must come back from the buffer (and from its
 * base64, as in shard files) unchanged. A counter added to the table is covered without an edit.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JOB_COUNTERS, type JobCounters } from "../src/engine/counters.js";
import { COUNTERS_FORMAT, countersFormat, countersFromBase64, countersToBase64, decodeCounters, encodeCounters } from "../src/pool/counters-codec.js";
import { counterEntries, countersFrom, type CounterDimension, type CounterRecord, type CounterSpec, type CounterValue } from "../src/stats/counter-table.js";
import { LatencyHistogram } from "../src/stats/latency-histogram.js";

type Sizes = Readonly<Record<CounterDimension, number>>;

function arbitraryValue(spec: CounterSpec, sizes: Sizes): fc.Arbitrary<CounterValue> {
  switch (spec.kind) {
    case "scalar":
      return fc.double();
    case "array":
      return fc.array(fc.double(), { minLength: sizes[spec.per], maxLength: sizes[spec.per] }).map((xs) => Float64Array.from(xs));
    case "placement":
      return fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { minLength: sizes[spec.per], maxLength: sizes[spec.per] }).map((xs) => Int32Array.from(xs));
    case "histogram":
      return fc.array(fc.oneof(fc.nat({ max: 5000 }), fc.double({ min: -10, max: 2 ** 42, noNaN: true }), fc.constant(Number.NaN)), { maxLength: 40 }).map((values) => {
        const h = new LatencyHistogram();
        for (const v of values) h.record(v);
        return h;
      });
    case "events": {
      const record = fc.tuple(...spec.fields.map(() => fc.double())).map((xs) => Object.fromEntries(spec.fields.map((field, i) => [field, xs[i]])));
      return fc.array(record, { maxLength: 6 });
    }
  }
}

const arbitraryCounters: fc.Arbitrary<JobCounters> = fc
  .record({ queue: fc.nat(9), cpu: fc.nat(9), cause: fc.nat(9), device: fc.nat(9), thread: fc.nat(9) })
  .chain((sizes) =>
    fc.tuple(...counterEntries(JOB_COUNTERS).map(([, spec]) => arbitraryValue(spec, sizes))).map((values) => {
      const byName = new Map(counterEntries(JOB_COUNTERS).map(([name], i) => [name, values[i]]));
      return countersFrom(JOB_COUNTERS, byName);
    }),
  );

/** Every counter as plain data (histograms as their exact JSON), read through the table. */
function plain(counters: JobCounters): Record<string, unknown> {
  const view: CounterRecord = counters;
  return Object.fromEntries(
    counterEntries(JOB_COUNTERS).map(([name]) => {
      const v = view[name];
      if (v instanceof LatencyHistogram) return [name, v.toJSON()];
      if (v instanceof Float64Array || v instanceof Int32Array) return [name, [...v]];
      return [name, v];
    }),
  );
}

const bytes = (buffer: ArrayBuffer): number[] => [...new Uint8Array(buffer)];

describe("the counters codec round-trips every declared counter", () => {
  it("decode(encode(c)) is c, counter by counter and bit for bit (fast-check, 150 cases)", () => {
    fc.assert(
      fc.property(arbitraryCounters, (counters) => {
        const buffer = encodeCounters(counters);
        const back = decodeCounters(buffer);
        expect(Object.keys(back)).toEqual(Object.keys(JOB_COUNTERS));
        expect(plain(back)).toEqual(plain(counters));
        // -0 and NaN payloads too: encoding the decoded counters gives the same bytes.
        expect(bytes(encodeCounters(back))).toEqual(bytes(buffer));
        expect(bytes(encodeCounters(decodeCounters(countersFromBase64(countersToBase64(buffer)))))).toEqual(bytes(buffer));
      }),
      { seed: 20261206, numRuns: 150 },
    );
  });

  it("a cut or padded buffer is refused, never misread", () => {
    fc.assert(
      fc.property(arbitraryCounters, fc.nat(), (counters, cut) => {
        const buffer = encodeCounters(counters);
        const words = buffer.byteLength / 8;
        const shorter = buffer.slice(0, 8 * (1 + (cut % (words - 1))));
        expect(() => decodeCounters(shorter)).toThrow(RangeError);
        const longer = new Uint8Array(buffer.byteLength + 8);
        longer.set(new Uint8Array(buffer));
        expect(() => decodeCounters(longer.buffer)).toThrow(/buffer length does not match its header/);
      }),
      { seed: 7, numRuns: 100 },
    );
  });

  it("the format follows the table: another name, kind or order is another format", () => {
    expect(COUNTERS_FORMAT).toBe(countersFormat(JOB_COUNTERS));
    const entries = counterEntries(JOB_COUNTERS);
    const added = { ...JOB_COUNTERS, cpuFlowLimit: { kind: "array", per: "cpu", merge: "sum" } } as const;
    const renamed = Object.fromEntries(entries.map(([name, spec], i) => [i === 0 ? `${name}2` : name, spec]));
    const rekinded = { ...JOB_COUNTERS, inFlight: { kind: "scalar", merge: "max" } } as const;
    const reordered = Object.fromEntries([...entries].reverse());
    const formats = [added, renamed, rekinded, reordered].map(countersFormat);
    expect(new Set([COUNTERS_FORMAT, ...formats]).size).toBe(5);
  });
});
