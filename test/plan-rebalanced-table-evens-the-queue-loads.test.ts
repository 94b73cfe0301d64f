import { describe, expect, it } from "vitest";
import { defaultIndirection, fillIndirection } from "../src/rss/indirection.js";
import { balancedWeights, bucketLoads, tableImbalance } from "../src/plan/rebalance-indirection.js";

/** The lightest heaviest run over every split of `loads` into `queues` non-empty contiguous runs (the oracle). */
function bruteForce(loads: readonly number[], queues: number): number {
  let best = Infinity;
  const walk = (start: number, left: number, worst: number): void => {
    if (left === 1) {
      best = Math.min(best, Math.max(worst, loads.slice(start).reduce((a, b) => a + b, 0)));
      return;
    }
    let run = 0;
    for (let end = start + 1; end <= loads.length - (left - 1); end++) {
      run += loads[end - 1];
      walk(end, left - 1, Math.max(worst, run));
    }
  };
  walk(0, queues, 0);
  return best;
}

describe("the load-aware table (ethtool -X weight)", () => {
  it("splits the buckets into the contiguous runs whose heaviest is lightest, and ethtool's weight fill gives exactly them", () => {
    const loads = Float64Array.from([10, 1, 10, 1, 1, 1, 1, 1, 7, 2, 3, 0, 0, 4, 1, 5]);
    for (const queues of [2, 3, 4, 5]) {
      const weights = balancedWeights(loads, queues);
      expect(weights).toHaveLength(queues);
      expect(weights.reduce((a, b) => a + b, 0)).toBe(loads.length);
      expect(weights.every((w) => w >= 1)).toBe(true);
      const table = fillIndirection({ kind: "weight", weights }, loads.length, queues);
      const perQueue = new Array<number>(queues).fill(0);
      table.forEach((q, i) => (perQueue[q] += loads[i]));
      expect(Math.max(...perQueue)).toBe(bruteForce([...loads], queues));
    }
  });

  it("evens a table the default fill skews", () => {
    // The default fill puts the two heavy buckets (0 and 2) on queue 0.
    const loads = Float64Array.from([10, 1, 10, 1, 1, 1, 1, 1]);
    expect(tableImbalance(defaultIndirection(8, 2), loads, 2)).toBeCloseTo(22 / 13, 6);
    const table = fillIndirection({ kind: "weight", weights: balancedWeights(loads, 2) }, 8, 2);
    expect(tableImbalance(table, loads, 2)).toBeLessThan(15 / 13 + 1e-9);
  });

  it("sums flow weights per bucket by hash mod size", () => {
    expect([...bucketLoads([0, 5, 9, 2], [1, 2, 3, 4], 4)]).toEqual([1, 5, 4, 0]);
    expect([...bucketLoads([0xffffffff, 3], null, 4)]).toEqual([0, 0, 0, 2]);
  });
});
