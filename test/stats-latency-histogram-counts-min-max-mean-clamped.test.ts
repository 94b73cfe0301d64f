import { describe, expect, it } from "vitest";
import { LatencyHistogram } from "../src/stats/index.js";
import { EDGE_VALUES, hdrReference, logUniformNs } from "./stats-helpers.js";

describe("totalCount, min, max, mean", () => {
  it("are exact for integer values", () => {
    const values = [...logUniformNs(41, 50_000), ...EDGE_VALUES];
    const h = new LatencyHistogram();
    for (const v of values) h.record(v);
    const sum = values.reduce((a, b) => a + b, 0);
    expect(h.totalCount).toBe(values.length);
    expect(h.min).toBe(Math.min(...values));
    expect(h.max).toBe(Math.max(...values));
    expect(h.sum).toBe(sum);
    expect(h.mean).toBe(sum / values.length);
  });

  it("are 0 when empty, and after reset()", () => {
    const h = new LatencyHistogram();
    expect([h.totalCount, h.min, h.max, h.mean, h.valueAtPercentile(50)]).toEqual([0, 0, 0, 0, 0]);
    h.record(123);
    h.record(2 ** 45);
    h.reset();
    expect([h.totalCount, h.min, h.max, h.mean, h.clamped, h.valueAtPercentile(99)]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(h.toJSON().counts).toEqual([]);
  });
});

describe("rounding", () => {
  it("rounds half up to integer ns", () => {
    const cases: Array<[number, number]> = [
      [0, 0],
      [0.49, 0],
      [0.5, 1],
      [0.99, 1],
      [1.5, 2],
      [2047.4, 2047],
      [2047.5, 2048],
      [2 ** 32 - 0.5, 2 ** 32],
      [2 ** 32 + 0.7, 2 ** 32 + 1],
      [-0.3, 0],
    ];
    for (const [input, expected] of cases) {
      const h = new LatencyHistogram();
      h.record(input);
      expect({ input, min: h.min, max: h.max, p: h.valueAtPercentile(0) }).toEqual({
        input,
        min: expected,
        max: expected,
        p: lowestEquivalent(expected),
      });
      expect(h.invalid).toBe(0);
    }
  });

  it("records negative and NaN inputs as 0 and counts them as invalid, without throwing", () => {
    const h = new LatencyHistogram();
    h.record(-1);
    h.record(Number.NaN);
    h.record(Number.NEGATIVE_INFINITY);
    expect([h.totalCount, h.invalid, h.min, h.max, h.valueAtPercentile(100)]).toEqual([3, 3, 0, 0, 0]);
  });
});

describe("clamping", () => {
  it("records values above highestTrackableNs as highestTrackableNs and counts them", () => {
    const h = new LatencyHistogram(1_000_000);
    h.record(999_999.4);
    h.record(1_000_000);
    h.record(1_000_000.6);
    h.record(5e9);
    h.record(Number.POSITIVE_INFINITY);
    expect(h.clamped).toBe(3);
    expect(h.max).toBe(1_000_000);
    expect(h.totalCount).toBe(5);
    expect(h.sum).toBe(999_999 + 4 * 1_000_000);
    const ref = hdrReference(1_000_000);
    for (const v of [999_999, 1_000_000, 1_000_000, 1_000_000, 1_000_000]) ref.recordValue(v);
    expect(h.valueAtPercentile(100)).toBe(ref.getValueAtPercentile(100));
  });

  it("clamps at the default 2^40 ns and on the > 2^32 slow path", () => {
    const h = new LatencyHistogram();
    h.record(2 ** 41);
    h.record(2 ** 40);
    expect([h.clamped, h.max, h.min]).toEqual([1, 2 ** 40, 2 ** 40]);
  });
});

describe("recordCount", () => {
  it("equals calling record() count times", () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    for (const [v, c] of [[7, 3], [5000.5, 2], [2 ** 33, 4], [0, 1], [9, 0]] as const) {
      a.recordCount(v, c);
      for (let i = 0; i < c; i++) b.record(v);
    }
    expect(a.toJSON()).toEqual(b.toJSON());
  });

  it("rejects negative or fractional counts", () => {
    const h = new LatencyHistogram();
    expect(() => h.recordCount(5, -1)).toThrow(RangeError);
    expect(() => h.recordCount(5, 1.5)).toThrow(RangeError);
  });
});

describe("toHdr", () => {
  it("carries exact totalCount, max and min into the hdr-histogram-js Histogram", () => {
    const values = [...logUniformNs(42, 10_000), 3, 123_456_789];
    const h = new LatencyHistogram();
    for (const v of values) h.record(v);
    const hdr = h.toHdr();
    expect(hdr.totalCount).toBe(values.length);
    expect(hdr.maxValue).toBe(Math.max(...values));
    expect(hdr.minNonZeroValue).toBe(Math.min(...values.filter((v) => v > 0)));
  });
});

/** HdrHistogram's lowest equivalent value for value v in this layout (v itself below 2048). */
function lowestEquivalent(v: number): number {
  if (v < 2048) return v;
  const b = Math.floor(Math.log2(v)) - 10;
  return Math.floor(v / 2 ** b) * 2 ** b;
}
