// The default indirection table is the kernel's ethtool_rxfh_indir_default: entry i = i % queues,
// and a hash picks entry hash mod size (the low bits for power-of-two sizes).
import { describe, expect, it } from "vitest";
import { defaultIndirection, queueOf } from "../src/rss/index.js";

describe("defaultIndirection", () => {
  it("fills round robin: entry i = i % queues", () => {
    expect(Array.from(defaultIndirection(8, 3))).toEqual([0, 1, 2, 0, 1, 2, 0, 1]);
    const t = defaultIndirection(128, 4);
    expect(t).toBeInstanceOf(Uint16Array);
    expect(t.length).toBe(128);
    for (let i = 0; i < 128; i++) expect(t[i]).toBe(i % 4);
  });

  it("one queue: every entry is 0", () => {
    expect(defaultIndirection(64, 1).every((q) => q === 0)).toBe(true);
  });

  it("more queues than entries: only the first `size` queues appear", () => {
    expect(Array.from(defaultIndirection(4, 16))).toEqual([0, 1, 2, 3]);
  });

  it("3 queues over 8 entries gives 3/3/2, over 16 gives 6/5/5 (the imbalance a small table leaves)", () => {
    const counts = (t: Uint16Array, q: number): number[] => {
      const c = new Array<number>(q).fill(0);
      for (const e of t) c[e]++;
      return c;
    };
    expect(counts(defaultIndirection(8, 3), 3)).toEqual([3, 3, 2]);
    expect(counts(defaultIndirection(16, 3), 3)).toEqual([6, 5, 5]);
  });

  it("rejects sizes and queue counts that are not positive integers", () => {
    expect(() => defaultIndirection(0, 4)).toThrow(RangeError);
    expect(() => defaultIndirection(128, 0)).toThrow(RangeError);
    expect(() => defaultIndirection(12.5, 4)).toThrow(RangeError);
    expect(() => defaultIndirection(128, 70000)).toThrow(RangeError);
    expect(() => defaultIndirection(128, 0)).toThrow("indirection queue count must be an integer in [1, 65536], got 0");
  });
});

describe("queueOf", () => {
  it("picks entry hash mod size", () => {
    const t = defaultIndirection(128, 4);
    expect(queueOf(t, 0x51ccc178)).toBe(120 % 4);
    expect(queueOf(defaultIndirection(12, 12), 0x51ccc178)).toBe(0x51ccc178 % 12);
  });

  it("for power-of-two sizes that is the low bits of the hash", () => {
    const t = defaultIndirection(512, 512);
    for (const h of [0, 1, 0x1ff, 0x200, 0x51ccc178, 0xffffffff, 0x80000000]) {
      expect(queueOf(t, h)).toBe(h & 511);
    }
  });

  it("treats the hash as unsigned 32-bit (a negative int32 is the same hash)", () => {
    const t = defaultIndirection(12, 12);
    expect(queueOf(t, 0xfde799b2 | 0)).toBe(0xfde799b2 % 12);
    expect(queueOf(t, -1)).toBe(0xffffffff % 12);
  });
});
