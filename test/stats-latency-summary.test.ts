import { describe, expect, it } from "vitest";
import { LatencyHistogram, summarizeLatency } from "../src/stats/index.js";
import { logUniformNs } from "./stats-helpers.js";

describe("summarizeLatency", () => {
  it("is all zeros for an empty histogram", () => {
    expect(summarizeLatency(new LatencyHistogram())).toEqual({ p50: 0, p90: 0, p99: 0, p999: 0, max: 0, mean: 0 });
  });

  it("reports µs with 3 decimals: exact below 2048 ns", () => {
    const h = new LatencyHistogram();
    for (let ns = 1; ns <= 1000; ns++) h.record(ns);
    expect(summarizeLatency(h)).toEqual({ p50: 0.5, p90: 0.9, p99: 0.99, p999: 0.999, max: 1, mean: 0.501 });
  });

  it("keeps min ≤ p50 ≤ p90 ≤ p99 ≤ p999 ≤ max and mean within [min, max]", () => {
    for (const seed of [51, 52, 53]) {
      const h = new LatencyHistogram();
      for (const v of logUniformNs(seed, 20_000)) h.record(v);
      const s = summarizeLatency(h);
      expect(s.p50).toBeLessThanOrEqual(s.p90);
      expect(s.p90).toBeLessThanOrEqual(s.p99);
      expect(s.p99).toBeLessThanOrEqual(s.p999);
      expect(s.p999).toBeLessThanOrEqual(s.max);
      expect(s.mean).toBeLessThanOrEqual(s.max);
      expect(h.min / 1000).toBeLessThanOrEqual(s.p50);
      expect(s.p99).toBe(Math.min(h.valueAtPercentile(99), h.max) / 1000);
    }
  });

  it("caps bucket-top percentiles at the exact max", () => {
    const h = new LatencyHistogram();
    h.record(2048); // bucket [2048, 2049]: HDR reports 2049 for every percentile
    expect(h.valueAtPercentile(50)).toBe(2049);
    expect(summarizeLatency(h)).toEqual({ p50: 2.048, p90: 2.048, p99: 2.048, p999: 2.048, max: 2.048, mean: 2.048 });
  });
});
