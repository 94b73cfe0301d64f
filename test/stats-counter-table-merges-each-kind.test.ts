/**
 * mergeCounters and rowOf, kind by kind, on a small table that has every kind (the engine's
 * table has no `max` counter of its own yet): sums in replication order from 0 (bit for bit the
 * reduce the reports used to write by hand), maxima, the first replication's placement, exact
 * histogram merges, events in replication order; rows get their declared keys in order.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeCounters, rowOf, type CounterTable, type CountersOf } from "../src/stats/counter-table.js";
import { LatencyHistogram } from "../src/stats/latency-histogram.js";

const TABLE = {
  windowNs: { kind: "scalar", merge: "sum" },
  peak: { kind: "scalar", merge: "max" },
  where: { kind: "placement", per: "queue", json: { at: ["cpu"] } },
  rx: { kind: "array", per: "queue", merge: "sum", json: { at: ["packets"] } },
  busyNs: { kind: "array", per: "cpu", merge: "sum", json: { at: ["utilization"], shareOfWindow: true } },
  done: { kind: "array", per: "cpu", merge: "sum", json: { at: ["packets", "softnet.processed"] } },
  deepest: { kind: "array", per: "cpu", merge: "max", json: { at: ["softnet.deepest"] } },
  causes: { kind: "array", per: "cause", merge: "sum" },
  latency: { kind: "histogram" },
  moves: { kind: "events", fields: ["at", "to"] },
} as const satisfies CounterTable;
type Counters = CountersOf<typeof TABLE>;

function job(seed: number, values: readonly number[]): Counters {
  const latency = new LatencyHistogram();
  for (const v of values) latency.record(v);
  return {
    windowNs: 1e6 + seed,
    peak: seed % 3,
    where: Int32Array.from([seed, seed + 1]),
    rx: Float64Array.from([seed, 2 * seed]),
    busyNs: Float64Array.from([0.1 * seed, 1e5 / 3]),
    done: Float64Array.from([seed, 0]),
    deepest: Float64Array.from([seed % 2, 7 - seed]),
    causes: Float64Array.from([seed]),
    latency,
    moves: [{ at: seed, to: seed + 1 }],
  };
}

describe("counter tables merge each kind as declared", () => {
  const jobs = [job(1, [5, 10]), job(2, [3000]), job(3, [])];
  const merged = mergeCounters(TABLE, jobs);

  it("sums, maxima, placements, histograms and events", () => {
    expect(merged.windowNs).toBe(3e6 + 6);
    expect(merged.peak).toBe(2);
    expect([...merged.where]).toEqual([1, 2]);
    expect([...merged.rx]).toEqual([6, 12]);
    expect([...merged.deepest]).toEqual([1, 6]);
    expect(merged.latency.toJSON()).toEqual(job(0, [5, 10, 3000]).latency.toJSON());
    expect(merged.moves).toEqual([
      { at: 1, to: 2 },
      { at: 2, to: 3 },
      { at: 3, to: 4 },
    ]);
  });

  it("a sum is bit for bit jobs.reduce((s, j) => s + x, 0), whatever the doubles (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ noNaN: true }), fc.double({ noNaN: true })), { minLength: 1, maxLength: 6 }), (pairs) => {
        const js = pairs.map(([a, b], i) => ({ ...job(i, []), windowNs: a, busyNs: Float64Array.from([b, a]) }));
        const m = mergeCounters(TABLE, js);
        expect(Object.is(m.windowNs, js.reduce((s, j) => s + j.windowNs, 0))).toBe(true);
        expect(Object.is(m.busyNs[0], js.reduce((s, j) => s + j.busyNs[0], 0))).toBe(true);
        expect(m.peak).toBe(Math.max(...js.map((j) => j.peak)));
      }),
      { seed: 13, numRuns: 200 },
    );
  });

  it("one job merges into itself; jobs of different shapes are refused", () => {
    const one = mergeCounters(TABLE, [jobs[1]]);
    expect([...one.rx]).toEqual([...jobs[1].rx]);
    expect(one.moves).toEqual(jobs[1].moves);
    expect(() => mergeCounters(TABLE, [jobs[0], { ...jobs[1], rx: new Float64Array(3) }])).toThrow(/rx has 3 slots/);
    expect(() => mergeCounters(TABLE, [])).toThrow(RangeError);
  });

  it("rows get their declared keys, nested and in declaration order", () => {
    const windowS = merged.windowNs / 1e9;
    const cpu = rowOf(TABLE, "cpu", merged, 1, windowS, { cpu: 1 });
    expect(cpu.softnet.deepest).toBe(6);
    expect(JSON.stringify(cpu)).toBe(`{"cpu":1,"utilization":${Math.round((1e5 / windowS / 1e9) * 1e4) / 1e4},"packets":0,"softnet":{"processed":0,"deepest":6}}`);
    const queue = rowOf(TABLE, "queue", merged, 0, windowS, { queue: 0 });
    expect(JSON.stringify(queue)).toBe('{"queue":0,"cpu":1,"packets":6}');
  });
});
