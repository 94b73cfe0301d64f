import { describe, expect, it } from "vitest";
import { Prng } from "../src/traffic/prng.js";

/** xoshiro128**: a (seed, stream) pair fixes the sequence; another seed or stream gives another. */
describe("the PRNG gives the same sequence for the same seed", () => {
  const draws = (rng: Prng, n: number): number[] => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(rng.nextU32(), rng.nextFloat(), rng.nextExp(), rng.nextBelow(1000));
    return out;
  };

  it("same seed and stream → same draws of every kind", () => {
    expect(draws(new Prng(12345, 3), 1000)).toEqual(draws(new Prng(12345, 3), 1000));
  });

  it("the first outputs are pinned (a change of algorithm or seeding changes every result)", () => {
    const r = new Prng(1, 0);
    expect([r.nextU32(), r.nextU32(), r.nextU32(), r.nextU32()]).toEqual([3489177841, 3014799513, 2877892190, 2669570755]);
    const zero = new Prng(0, 0);
    expect([zero.nextU32(), zero.nextU32()]).toEqual([1789933344, 44971166]);
  });

  it("different streams of one seed, and different seeds, give unrelated sequences", () => {
    const seqs = [new Prng(1, 0), new Prng(1, 1), new Prng(1, 1000), new Prng(2, 0), new Prng(2, 1)].map((rng) =>
      Array.from({ length: 1000 }, () => rng.nextU32()),
    );
    for (let a = 0; a < seqs.length; a++) {
      for (let b = a + 1; b < seqs.length; b++) {
        // Two independent 32-bit sequences agree at a position with probability 2^-32.
        const same = seqs[a].filter((x, i) => x === seqs[b][i]).length;
        expect(same, `sequences ${a} and ${b}`).toBe(0);
      }
    }
  });

  it("outputs stay in range and every bit is fair", () => {
    const rng = new Prng(7, 0);
    const n = 100_000;
    const ones = new Array<number>(32).fill(0);
    let outOfRange = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.nextU32();
      if (!(Number.isInteger(u) && u >= 0 && u < 2 ** 32)) outOfRange++;
      for (let b = 0; b < 32; b++) ones[b] += (u >>> b) & 1;
      const f = rng.nextFloat();
      if (!(f >= 0 && f < 1)) outOfRange++;
      const k = rng.nextBelow(7);
      if (!(Number.isInteger(k) && k >= 0 && k < 7)) outOfRange++;
    }
    expect(outOfRange).toBe(0);
    // Each bit is set with probability 1/2: sd √n / 2 ≈ 158; allow 5 sd.
    for (let b = 0; b < 32; b++) expect(Math.abs(ones[b] - n / 2), `bit ${b}`).toBeLessThan(5 * Math.sqrt(n) / 2);
  });

  it("nextBelow(2^32) covers the full range", () => {
    const rng = new Prng(9, 0);
    let max = 0;
    for (let i = 0; i < 10_000; i++) max = Math.max(max, rng.nextBelow(2 ** 32));
    expect(max).toBeGreaterThan(2 ** 32 * 0.999);
    expect(max).toBeLessThan(2 ** 32);
  });
});
