import { describe, expect, it } from "vitest";
import { AliasTable } from "../src/traffic/alias-table.js";
import { Prng } from "../src/traffic/prng.js";
import { chiSquare, chiSquareCritical, probabilities } from "./traffic-helpers.js";

/**
 * The alias table maps a 32-bit variate to an index with probability weight / total, exactly to
 * 2^-(32−k) for 2^k columns: the top k bits pick the column, and the low bits below the column's
 * threshold keep it, the rest take its alias. Since `pickFrom` is monotone in the low bits within
 * a column (kept, then alias), binary search finds each threshold, which gives the exact
 * probability of every index over all 2^32 variates. Sampling checks (chi-square at the 0.1%
 * level, seeded) confirm it through `pick`.
 */

/** Exact probability of each index over all 2^32 inputs of `pickFrom`, for a table of `n` weights. */
function exactProbabilities(table: AliasTable, n: number): number[] {
  let bits = 0;
  while (1 << bits < n) bits++;
  const cols = 1 << bits;
  const span = 2 ** (32 - bits);
  const mass = new Array<number>(n).fill(0);
  for (let col = 0; col < cols; col++) {
    const base = col * span;
    const first = table.pickFrom(base >>> 0);
    // The lows that give `first` are a prefix of [0, span): find its end.
    let lo = 0;
    let hi = span;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (table.pickFrom((base + mid) >>> 0) === first) lo = mid + 1;
      else hi = mid;
    }
    const cut = lo;
    mass[first] += cut;
    if (cut < span) {
      const other = table.pickFrom((base + cut) >>> 0);
      // Past the cut the column gives one index only.
      expect(table.pickFrom((base + span - 1) >>> 0)).toBe(other);
      mass[other] += span - cut;
    }
  }
  return mass.map((m) => m / 2 ** 32);
}

function expectExact(weights: readonly number[]): void {
  const table = new AliasTable(weights);
  expect(table.size).toBe(weights.length);
  let bits = 0;
  while (1 << bits < weights.length) bits++;
  const exact = exactProbabilities(table, weights.length);
  const want = probabilities(weights);
  const tolerance = 2 ** -(32 - bits) + 1e-12;
  for (let i = 0; i < weights.length; i++) {
    expect(Math.abs(exact[i] - want[i]), `index ${i} of ${weights.length}`).toBeLessThanOrEqual(tolerance);
    if (weights[i] === 0) expect(exact[i], `zero weight ${i}`).toBe(0);
  }
}

function sample(weights: readonly number[], draws: number, seed: number): number[] {
  const table = new AliasTable(weights);
  const rng = new Prng(seed, 0);
  const counts = new Array<number>(weights.length).fill(0);
  for (let i = 0; i < draws; i++) counts[table.pick(rng)]++;
  return counts;
}

const zipf = (n: number, s: number): number[] => Array.from({ length: n }, (_, k) => (k + 1) ** -s);

describe("the alias table draws in proportion to the weights", () => {
  it("is exact for 7:4:1 (IMIX), a single weight, zeros, uneven and power-of-two sizes", () => {
    expectExact([7, 4, 1]);
    expectExact([5]);
    expectExact([1, 1]);
    expectExact([0, 3, 0, 0, 1]);
    expectExact([0.1, 0.2, 0.3, 0.4]);
    expectExact([1e-6, 1, 1e6]);
    expectExact(zipf(1000, 1.1));
    expectExact(zipf(1024, 0.8));
  });

  /**
   * Regression: with exactly 2 weights the table has 2 columns and a 31-bit low part; computing
   * its mask as `(1 << 31) - 1` in int32 made every 2-weight table draw 50:50 ([3, 1] gave
   * 0.4998/0.5002, and [1, 0] returned the zero-weight index half the time).
   */
  it("is exact for two weights", () => {
    expectExact([3, 1]);
    expectExact([1, 0]);
  });

  it("a single weight always gives index 0", () => {
    const table = new AliasTable([3]);
    for (const u of [0, 1, 2 ** 31, 2 ** 32 - 1]) expect(table.pickFrom(u)).toBe(0);
  });

  it("never returns an index with weight zero, nor a padding column", () => {
    const weights = [0, 2, 0, 1, 0];
    const counts = sample(weights, 200_000, 11);
    expect(counts[0] + counts[2] + counts[4]).toBe(0);
    expect(counts.length).toBe(5);
    expect(chiSquare([counts[1], counts[3]], [2 / 3, 1 / 3])).toBeLessThan(chiSquareCritical(1));
  });

  it("7:4:1 frequencies pass chi-square on 10^6 draws", () => {
    const counts = sample([7, 4, 1], 1_000_000, 3);
    expect(chiSquare(counts, probabilities([7, 4, 1]))).toBeLessThan(chiSquareCritical(2));
  });

  it("1000 Zipf weights pass chi-square on 10^6 draws", () => {
    const weights = zipf(1000, 1.1);
    const counts = sample(weights, 1_000_000, 4);
    expect(chiSquare(counts, probabilities(weights))).toBeLessThan(chiSquareCritical(999));
  });

  it("refuses no weights, negative or non-finite weights and an all-zero list", () => {
    expect(() => new AliasTable([])).toThrow(RangeError);
    expect(() => new AliasTable([1, -1])).toThrow(RangeError);
    expect(() => new AliasTable([1, Number.NaN])).toThrow(RangeError);
    expect(() => new AliasTable([1, Infinity])).toThrow(RangeError);
    expect(() => new AliasTable([0, 0])).toThrow(RangeError);
  });
});
