import { describe, expect, it } from "vitest";
import { LatencyHistogram, latencyIndexOf } from "../src/stats/index.js";
import { EDGE_VALUES, PERCENTILES, hdrInternals, hdrReference, logUniformNs, seededRandom } from "./stats-helpers.js";

/** Record `values` into both a LatencyHistogram and hdr-histogram-js, compare every listed percentile. */
function expectSamePercentiles(values: readonly number[], percentiles: readonly number[]): void {
  const ours = new LatencyHistogram();
  const ref = hdrReference();
  for (const v of values) {
    ours.record(v);
    ref.recordValue(v);
  }
  const fromHdr = ours.toHdr();
  for (const p of percentiles) {
    const want = ref.getValueAtPercentile(p);
    expect({ p, got: ours.valueAtPercentile(p) }).toEqual({ p, got: want });
    expect({ p, got: fromHdr.getValueAtPercentile(p) }).toEqual({ p, got: want });
  }
  expect(fromHdr.totalCount).toBe(ref.totalCount);
  expect(ours.totalCount).toBe(ref.totalCount);
}

describe("LatencyHistogram uses HdrHistogram's layout", () => {
  it("has the same constants and counts-array length as hdr-histogram-js (1, 3 digits)", () => {
    for (const highest of [2, 2047, 2048, 4095, 4096, 1e6, 2 ** 32, 2 ** 40, 2 ** 52]) {
      const ref = hdrInternals(hdrReference(highest));
      expect(ref.subBucketCount).toBe(2048);
      expect(ref.subBucketHalfCount).toBe(1024);
      expect(ref.unitMagnitude).toBe(0);
      const ours = new LatencyHistogram(highest);
      expect(ours.countsLength).toBe(ref.countsArrayLength);
      expect(latencyIndexOf(highest)).toBeLessThan(ours.countsLength);
      expect(ours.toJSON().highestTrackableNs).toBe(highest);
    }
  });

  it("puts every value in the slot hdr-histogram-js uses (edges, powers of two ±1, random)", () => {
    const ref = hdrInternals(hdrReference(2 ** 52));
    const values: number[] = [...EDGE_VALUES];
    for (let k = 0; k < 52; k++) values.push(2 ** k - 1, 2 ** k, 2 ** k + 1);
    const rnd = seededRandom(7);
    for (let i = 0; i < 20_000; i++) values.push(Math.floor(2 ** (rnd() * 52)));
    for (const v of values) {
      expect({ v, index: latencyIndexOf(v) }).toEqual({ v, index: ref.countsArrayIndex(v) });
    }
  });
});

describe("valueAtPercentile equals hdr-histogram-js getValueAtPercentile", () => {
  it("for 100 000 seeded log-uniform values over 1 ns … 10 s", () => {
    expectSamePercentiles(logUniformNs(1, 100_000), PERCENTILES);
  });

  it("for several seeds and sizes, including odd percentiles", () => {
    const rnd = seededRandom(99);
    const odd = [...PERCENTILES, 12.5, 33.333, 75, 97.5, 99.999, 99.9999];
    for (const [seed, n] of [[2, 1], [3, 2], [4, 3], [5, 10], [6, 999], [8, 1000], [9, 1001], [10, 54_321]]) {
      expectSamePercentiles(logUniformNs(seed, n), odd);
      expectSamePercentiles(logUniformNs(seed, n), [rnd() * 100, rnd() * 100]);
    }
  });

  it("for each edge value alone", () => {
    for (const v of EDGE_VALUES) expectSamePercentiles([v], PERCENTILES);
  });

  it("for all edge values together, with repeats", () => {
    const values: number[] = [];
    EDGE_VALUES.forEach((v, i) => {
      for (let k = 0; k <= i; k++) values.push(v);
    });
    expectSamePercentiles(values, PERCENTILES);
  });

  it("for values concentrated in one bucket and at bucket boundaries", () => {
    expectSamePercentiles([2048, 2048, 2049, 2050, 4095, 4096, 4097], PERCENTILES);
    expectSamePercentiles(Array.from({ length: 5000 }, (_, i) => 1_000_000 + i), PERCENTILES);
  });

  it("for out-of-range percentiles (> 100, < 0) and an empty histogram", () => {
    expectSamePercentiles(logUniformNs(11, 500), [-5, 150]);
    expectSamePercentiles([], PERCENTILES);
  });
});
