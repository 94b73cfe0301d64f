import { describe, expect, it } from "vitest";
import { defaultIndirection } from "../src/rss/indirection.js";
import { bucketLoads, rebalanceIndirection, tableImbalance } from "../src/plan/rebalance-indirection.js";

describe("the RSS++-style rebalance", () => {
  it("moves buckets off the busiest queue until no move helps, and never loses a bucket", () => {
    // 8 buckets, 2 queues; the default fill puts the two heavy buckets (0 and 2) on queue 0.
    const loads = Float64Array.from([10, 1, 10, 1, 1, 1, 1, 1]);
    const table = defaultIndirection(8, 2);
    expect(tableImbalance(table, loads, 2)).toBeCloseTo(22 / 13, 6);
    const balanced = rebalanceIndirection(table, loads, 2);
    expect(tableImbalance(balanced, loads, 2)).toBeCloseTo(1, 6);
    expect(balanced).toHaveLength(8);
    expect([...balanced].every((q) => q === 0 || q === 1)).toBe(true);
    // The input is left as it was.
    expect([...table]).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
  });

  it("leaves a bucket that outweighs the rest alone on its queue, and moves the others away", () => {
    const loads = Float64Array.from([100, 1, 1, 1]);
    const table = defaultIndirection(4, 2);
    expect([...rebalanceIndirection(table, loads, 2)]).toEqual([0, 1, 1, 1]);
  });

  it("sums flow weights per bucket by hash mod size", () => {
    expect([...bucketLoads([0, 5, 9, 2], [1, 2, 3, 4], 4)]).toEqual([1, 5, 4, 0]);
    expect([...bucketLoads([0xffffffff, 3], null, 4)]).toEqual([0, 0, 0, 2]);
  });
});
