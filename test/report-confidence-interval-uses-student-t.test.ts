import { describe, expect, it } from "vitest";
import { meanInterval, studentT975 } from "../src/report/confidence.js";

/** P(T ≤ t) for Student's t with `df` degrees of freedom, by Simpson's rule on the density (an independent oracle). */
function studentCdf(t: number, df: number): number {
  const logC = lgamma((df + 1) / 2) - lgamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  const density = (x: number): number => Math.exp(logC - ((df + 1) / 2) * Math.log1p((x * x) / df));
  const n = 20000;
  const h = t / n;
  let s = density(0) + density(t);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * density(i * h);
  return 0.5 + (s * h) / 3;
}

/** ln Γ(x) (Lanczos, g = 7). */
function lgamma(x: number): number {
  const g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lgamma(1 - x);
  const y = x - 1;
  let a = g[0];
  for (let i = 1; i < 9; i++) a += g[i] / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

describe("95 % intervals use Student's t", () => {
  it("the t quantile puts 97.5 % of the distribution below it, for every df", () => {
    for (const df of [1, 2, 3, 4, 5, 9, 10, 29, 30, 31, 40, 60, 120, 1000]) {
      expect(studentCdf(studentT975(df), df)).toBeCloseTo(0.975, 5);
    }
  });

  it("tends to the normal quantile", () => {
    expect(studentT975(1e6)).toBeCloseTo(1.959964, 5);
    expect(() => studentT975(0)).toThrow(RangeError);
  });

  it("gives mean ∓ t·sd/√n", () => {
    // 1, 2, 3, 4, 5: mean 3, sd √2.5, n 5, t(4) = 2.7764451
    const ci = meanInterval([1, 2, 3, 4, 5]);
    const half = (2.7764451 * Math.sqrt(2.5)) / Math.sqrt(5);
    expect(ci.mean).toBe(3);
    expect(ci.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(ci.low).toBeCloseTo(3 - half, 9);
    expect(ci.high).toBeCloseTo(3 + half, 9);
  });

  it("identical replications give a zero-width interval; one sample gives none", () => {
    expect(meanInterval([7, 7, 7])).toEqual({ mean: 7, sd: 0, low: 7, high: 7 });
    expect(() => meanInterval([7])).toThrow(RangeError);
  });
});
