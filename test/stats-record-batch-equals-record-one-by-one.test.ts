import { describe, expect, it } from "vitest";
import { LatencyHistogram } from "../src/stats/latency-histogram.js";
import { Prng } from "../src/traffic/prng.js";

describe("LatencyHistogram.recordBatch", () => {
  it("gives the same histogram as recording each value, slow-path values included", () => {
    const rng = new Prng(42, 7);
    const values = new Float64Array(5000);
    for (let i = 0; i < values.length; i++) values[i] = rng.nextFloat() * 2 ** (1 + (i % 36)); // 2 ns … 2^36 ns
    values[10] = -3; // invalid
    values[11] = Infinity; // clamped
    const one = new LatencyHistogram();
    for (const v of values) one.record(v);
    const batch = new LatencyHistogram();
    batch.recordBatch(values, 2500);
    batch.recordBatch(values.subarray(2500), 2500);
    expect(batch.toJSON()).toEqual(one.toJSON());
  });

  it("records only the first n values", () => {
    const h = new LatencyHistogram();
    h.recordBatch(Float64Array.from([10, 20, 30]), 2);
    expect([h.totalCount, h.min, h.max]).toEqual([2, 10, 20]);
  });
});
