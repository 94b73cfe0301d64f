import { describe, expect, it } from "vitest";
import { LatencyHistogram } from "../src/stats/index.js";
import type { LatencyHistogramJson } from "../src/stats/index.js";
import { EDGE_VALUES, PERCENTILES, logUniformNs } from "./stats-helpers.js";

function recordAll(values: readonly number[], highest?: number): LatencyHistogram {
  const h = new LatencyHistogram(highest);
  for (const v of values) h.record(v);
  return h;
}

describe("merge", () => {
  it("merge(a, b) equals recording everything into one histogram", () => {
    const a = logUniformNs(21, 30_000);
    const b = [...logUniformNs(22, 20_000), ...EDGE_VALUES];
    const merged = recordAll(a);
    merged.merge(recordAll(b));
    const together = recordAll([...a, ...b]);
    expect(merged.toJSON()).toEqual(together.toJSON());
    for (const p of PERCENTILES) expect(merged.valueAtPercentile(p)).toBe(together.valueAtPercentile(p));
  });

  it("merging an empty histogram changes nothing; merging into an empty one copies", () => {
    const a = recordAll(logUniformNs(23, 1000));
    const before = a.toJSON();
    a.merge(new LatencyHistogram());
    expect(a.toJSON()).toEqual(before);
    const empty = new LatencyHistogram();
    empty.merge(a);
    expect(empty.toJSON()).toEqual(before);
  });

  it("merges across ranges when the values fit, refuses when they do not", () => {
    const small = recordAll([5, 3000, 1_000_000], 2 ** 20);
    const big = new LatencyHistogram(2 ** 40);
    big.merge(small);
    expect(big.toJSON().counts).toEqual(small.toJSON().counts);
    const bigValues = recordAll([2 ** 30]);
    expect(() => small.merge(bigValues)).toThrow(RangeError);
  });
});

describe("toJSON / fromJSON", () => {
  it("round-trips exactly and deterministically", () => {
    const h = recordAll([...logUniformNs(31, 10_000), ...EDGE_VALUES, 0.2, 2 ** 50, -3]);
    const json = h.toJSON();
    const back = LatencyHistogram.fromJSON(json);
    expect(back.toJSON()).toEqual(json);
    expect(JSON.stringify(LatencyHistogram.fromJSON(JSON.parse(JSON.stringify(json)) as LatencyHistogramJson))).toBe(
      JSON.stringify(json),
    );
    for (const p of PERCENTILES) expect(back.valueAtPercentile(p)).toBe(h.valueAtPercentile(p));
    expect([back.min, back.max, back.mean, back.totalCount, back.clamped, back.invalid]).toEqual([
      h.min,
      h.max,
      h.mean,
      h.totalCount,
      h.clamped,
      h.invalid,
    ]);
    const indices = json.counts.map(([i]) => i);
    expect(indices).toEqual([...indices].sort((x, y) => x - y));
  });

  it("round-trips an empty histogram", () => {
    const json = new LatencyHistogram().toJSON();
    expect(json.counts).toEqual([]);
    expect(LatencyHistogram.fromJSON(json).toJSON()).toEqual(json);
  });

  it("rejects inconsistent input", () => {
    const good = recordAll([10, 20, 5000]).toJSON();
    const bad: LatencyHistogramJson[] = [
      { ...good, total: good.total + 1 },
      { ...good, counts: [...good.counts].reverse() },
      { ...good, counts: [[-1, 1], ...good.counts.slice(1)] },
      { ...good, min: 11 },
      { ...good, counts: [...good.counts, [10 ** 9, 1]], total: good.total + 1 },
    ];
    for (const json of bad) expect(() => LatencyHistogram.fromJSON(json)).toThrow(RangeError);
  });
});
