// The kernel documentation (scaling.rst, selftest rss_drv.py) says a 2× indirection table gives
// about 33% imbalance and a 4× table about 16% for non-power-of-two queue counts. The ratio that
// gives those figures is the entry gap (max − min)/max of the entries per queue: 3 queues,
// 8 entries → 3/3/2 → 1/3; 16 entries → 6/5/5 → 1/6. (max/mean is 1.125 for both.)
import { describe, expect, it } from "vitest";
import { defaultIndirection, nextPowerOfTwo, tableBalance, tableSizeEffect } from "../src/rss/index.js";

describe("table-size effect of the default fill", () => {
  it("3 queues: 1× → 4 entries (2/1/1), 2× → 8 (3/3/2), 4× → 16 (6/5/5), 8× → 32 (11/11/10)", () => {
    const effect = tableSizeEffect(3);
    expect(effect.map((e) => [e.multiple, e.size, e.minEntries, e.maxEntries])).toEqual([
      [1, 4, 1, 2],
      [2, 8, 2, 3],
      [4, 16, 5, 6],
      [8, 32, 10, 11],
    ]);
    expect(effect[1].entryGap).toBeCloseTo(1 / 3, 12); // "33%"
    expect(effect[2].entryGap).toBeCloseTo(1 / 6, 12); // "16%"
    expect(effect[0].entryGap).toBeCloseTo(1 / 2, 12);
    expect(effect[3].entryGap).toBeCloseTo(1 / 11, 12);
    expect(effect[1].maxOverMean).toBeCloseTo(9 / 8, 12);
    expect(effect[2].maxOverMean).toBeCloseTo(9 / 8, 12);
  });

  it("6 queues: 2× → 16 entries (gap 1/3), 4× → 32 entries (gap 1/6), the same figures", () => {
    const effect = tableSizeEffect(6);
    expect(effect[1]).toMatchObject({ size: 16, minEntries: 2, maxEntries: 3 });
    expect(effect[1].entryGap).toBeCloseTo(1 / 3, 12);
    expect(effect[2]).toMatchObject({ size: 32, minEntries: 5, maxEntries: 6 });
    expect(effect[2].entryGap).toBeCloseTo(1 / 6, 12);
  });

  it("power-of-two queue counts divide every table of at least as many entries evenly", () => {
    for (const e of tableSizeEffect(4)) expect([e.entryGap, e.maxOverMean]).toEqual([0, 1]);
  });

  it("sizes round up to a power of two, at most 65536", () => {
    expect([1, 3, 4, 5, 1000].map(nextPowerOfTwo)).toEqual([1, 4, 4, 8, 1024]);
    expect(tableSizeEffect(1000, [100])[0].size).toBe(65536);
  });

  it("tableBalance counts an unused queue as 0 entries", () => {
    const b = tableBalance(defaultIndirection(8, 3), 4);
    expect([b.minEntries, b.maxEntries, b.entryGap]).toEqual([0, 3, 1]);
  });
});
