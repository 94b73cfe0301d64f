/**
 * Ordinary least squares for a few regressors: solves the normal equations (XᵀX)β = Xᵀy by
 * Gaussian elimination with partial pivoting, and reports R², residuals and the standard error
 * of each coefficient (σ²(XᵀX)⁻¹, σ² = SSres / (n − p)). Small and exact enough for the 2–3
 * regressors of a cost fit; a rank-deficient design (a column that is a multiple of others)
 * returns null.
 */
export interface LeastSquaresFit {
  readonly coefficients: readonly number[];
  readonly standardErrors: readonly number[];
  readonly residuals: readonly number[];
  /** 1 − SSres/SStot (SStot about the mean of y). */
  readonly r2: number;
}

/** Inverse of a small symmetric positive matrix, or null when it is singular (relative pivot < 1e-12). */
function invert(a: number[][]): number[][] | null {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  const scale = Math.max(...a.map((row, i) => Math.abs(row[i])), 1e-300);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (Math.abs(m[pivot][col]) < 1e-12 * scale) return null;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    const p = m[col][col];
    for (let k = 0; k < 2 * n; k++) m[col][k] /= p;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r][col];
      if (f === 0) continue;
      for (let k = 0; k < 2 * n; k++) m[r][k] -= f * m[col][k];
    }
  }
  return m.map((row) => row.slice(n));
}

/** Fit y ≈ X β. `x` holds one row of regressors per observation. */
export function leastSquares(x: readonly (readonly number[])[], y: readonly number[]): LeastSquaresFit | null {
  const n = y.length;
  const p = x[0]?.length ?? 0;
  if (n <= p || p === 0) return null;
  // Columns are scaled to unit size first so that rates (1e5) and a constant (1) mix well.
  const colScale = Array.from({ length: p }, (_, j) => Math.sqrt(x.reduce((s, row) => s + row[j] * row[j], 0)) || 1);
  const xs = x.map((row) => row.map((v, j) => v / colScale[j]));
  const xtx = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => xs.reduce((s, row) => s + row[i] * row[j], 0)));
  const xty = Array.from({ length: p }, (_, i) => xs.reduce((s, row, k) => s + row[i] * y[k], 0));
  const inverse = invert(xtx);
  if (inverse === null) return null;
  const scaled = inverse.map((row) => row.reduce((s, v, j) => s + v * xty[j], 0));
  const coefficients = scaled.map((c, j) => c / colScale[j]);
  const residuals = y.map((v, k) => v - x[k].reduce((s, xv, j) => s + xv * coefficients[j], 0));
  const ssRes = residuals.reduce((s, r) => s + r * r, 0);
  const mean = y.reduce((s, v) => s + v, 0) / n;
  const ssTot = y.reduce((s, v) => s + (v - mean) ** 2, 0);
  const sigma2 = ssRes / (n - p);
  const standardErrors = inverse.map((row, j) => Math.sqrt(Math.max(0, sigma2 * row[j])) / colScale[j]);
  return { coefficients, standardErrors, residuals, r2: ssTot === 0 ? 1 : 1 - ssRes / ssTot };
}
