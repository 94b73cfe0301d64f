/**
 * 95 % confidence intervals of a mean from a few replications (Student's t): the replications of
 * a point are independent runs (independent seeds), so their figures are i.i.d. samples.
 */

/** t quantile 0.975 for 1..30 degrees of freedom (standard tables, 7 decimals). */
const T975 = [
  12.7062047, 4.3026527, 3.1824463, 2.7764451, 2.5705818, 2.4469119, 2.3646243, 2.3060041, 2.2621572, 2.2281389,
  2.2009852, 2.1788128, 2.1603687, 2.1447867, 2.1314495, 2.1199053, 2.1098155, 2.100922, 2.0930241, 2.0859634,
  2.0796138, 2.0738731, 2.0686576, 2.0638986, 2.0595386, 2.0555294, 2.0518305, 2.0484071, 2.0452296, 2.0422725,
];
const Z975 = 1.959963984540054;

/**
 * The 0.975 quantile of Student's t with `df` degrees of freedom (the half-width factor of a
 * two-sided 95 % interval). Above 30 df: the Cornish–Fisher expansion in 1/df, within 1e-6.
 */
export function studentT975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`studentT975: df must be a positive integer, got ${df}`);
  if (df <= T975.length) return T975[df - 1];
  const z = Z975;
  const z3 = z ** 3, z5 = z ** 5, z7 = z ** 7, z9 = z ** 9;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3) +
    (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * df ** 4)
  );
}

export interface MeanInterval {
  readonly mean: number;
  /** Sample standard deviation (n − 1). */
  readonly sd: number;
  /** Bounds of the 95 % interval of the mean: mean ∓ t·sd/√n. */
  readonly low: number;
  readonly high: number;
}

/** Mean and 95 % interval of `samples` (at least two), each figure rounded by `round`. */
export function meanInterval(samples: readonly number[], round: (x: number) => number = (x) => x): MeanInterval {
  const n = samples.length;
  if (n < 2) throw new RangeError("meanInterval: needs at least two samples");
  const mean = samples.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(samples.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const half = (studentT975(n - 1) * sd) / Math.sqrt(n);
  return { mean: round(mean), sd: round(sd), low: round(mean - half), high: round(mean + half) };
}
