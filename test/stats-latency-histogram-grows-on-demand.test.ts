import { describe, expect, it } from "vitest";
import { LatencyHistogram } from "../src/stats/index.js";
import { EDGE_VALUES, PERCENTILES, logUniformNs } from "./stats-helpers.js";

/**
 * A histogram allocates its slots as values reach them. Whatever order the values come in —
 * small first (the array grows bucket by bucket), huge first (one large allocation), one at a
 * time or in batches, or through merge and fromJSON — the result is the same slots and figures.
 */
describe("LatencyHistogram grows its counts on demand", () => {
  const values = [...logUniformNs(41, 20_000), ...EDGE_VALUES, 2 ** 33, 2 ** 40 + 5, 1e15];
  const ascending = [...values].sort((a, b) => a - b);
  const descending = [...ascending].reverse();

  function oneByOne(xs: readonly number[]): LatencyHistogram {
    const h = new LatencyHistogram();
    for (const x of xs) h.record(x);
    return h;
  }

  function inBatches(xs: readonly number[], size: number): LatencyHistogram {
    const h = new LatencyHistogram();
    const buf = new Float64Array(size);
    for (let i = 0; i < xs.length; i += size) {
      const n = Math.min(size, xs.length - i);
      for (let k = 0; k < n; k++) buf[k] = xs[i + k];
      h.recordBatch(buf, n);
    }
    return h;
  }

  const reference = oneByOne(values);

  it("gives the same slots, counts and percentiles in every recording order and form", () => {
    const forms = [oneByOne(ascending), oneByOne(descending), inBatches(ascending, 64), inBatches(descending, 4096), inBatches(values, 1)];
    for (const h of forms) {
      expect(h.toJSON()).toEqual(reference.toJSON());
      for (const p of PERCENTILES) expect(h.valueAtPercentile(p)).toBe(reference.valueAtPercentile(p));
    }
  });

  it("a batch whose values cross the allocated slots records each value once, in its own slot", () => {
    // 1 ns, then 1 s (beyond the first allocation), then 1 ns again: the batch loop must pick up
    // the grown array and limit after the slow path, or the third value lands in a stale array.
    const h = new LatencyHistogram();
    h.recordBatch(Float64Array.of(1, 1e9, 1, 5e9, 1e9), 5);
    expect(h.toJSON().counts.map(([, c]) => c)).toEqual([2, 2, 1]);
    expect(h.totalCount).toBe(5);
  });

  it("merge and fromJSON grow the target as far as the source's values", () => {
    const small = oneByOne([3, 7]);
    small.merge(reference);
    const direct = oneByOne([...values, 3, 7]);
    expect(small.toJSON()).toEqual(direct.toJSON());
    expect(LatencyHistogram.fromJSON(reference.toJSON()).toJSON()).toEqual(reference.toJSON());
  });

  it("an empty histogram answers as one: zero figures, the full HdrHistogram length, an empty reset", () => {
    const h = new LatencyHistogram();
    expect(h.totalCount).toBe(0);
    expect(h.valueAtPercentile(99)).toBe(0);
    expect(h.countsLength).toBe(oneByOne([1]).countsLength);
    expect(h.toJSON().counts).toEqual([]);
    h.reset();
    h.record(2 ** 35);
    expect(h.max).toBe(2 ** 35);
  });
});
