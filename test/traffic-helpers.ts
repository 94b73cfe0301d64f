/** Shared by the traffic-* tests: a Traffic from a small document, and chi-square checks. */
import type { Traffic } from "../src/config/scenario.js";
import { validateScenario } from "../src/config/validate.js";

/** The resolved `traffic` of a scenario whose traffic section is `traffic` (4 CPUs, one NIC). */
export function trafficOf(traffic: Record<string, unknown>): Traffic {
  return validateScenario({ host: { cpus: 4 }, nics: [{ name: "eth0" }], traffic }).traffic;
}

/** Pearson's chi-square statistic of `observed` counts against probabilities `p` (summing to 1). */
export function chiSquare(observed: ArrayLike<number>, p: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < observed.length; i++) n += observed[i];
  let x2 = 0;
  for (let i = 0; i < observed.length; i++) {
    const e = n * p[i];
    x2 += ((observed[i] - e) * (observed[i] - e)) / e;
  }
  return x2;
}

/**
 * Upper 0.1% point of the chi-square distribution with `df` degrees of freedom, by the
 * Wilson–Hilferty approximation (slightly above the exact value for small df: 14.1 vs 13.8 at 2).
 */
export function chiSquareCritical(df: number): number {
  const z = 3.0902; // standard normal upper 0.1%
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}

/** Normalized weights. */
export function probabilities(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}
