/**
 * The one error the shaping profiles throw (cold code only; the runtimes never throw).
 *
 * It names the parameter (`key`, as spelled in the params object: `burstBytes`, `egressMbps`, …)
 * apart from the message, so the config layer can turn it into its own error with a field path:
 * `new ConfigError(\`bandwidth.${pathOf(e.key)}\`, e.detail)`.
 */
export class ShapingParamError extends Error {
  override readonly name = "ShapingParamError";

  constructor(
    /** The parameter that is wrong, e.g. `burstBytes`. */
    readonly key: string,
    /** The message without the key: the value and what is allowed. */
    readonly detail: string,
  ) {
    super(`${key}: ${detail}`);
  }
}

/** Cold helper: an integer ≥ `min` (and ≤ `max`), or a ShapingParamError naming `key`. */
export function checkInteger(key: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`;
    throw new ShapingParamError(key, `${String(value)} is not ${range}`);
  }
  return value;
}

/**
 * Cold helper: a rate in bits/s, rounded to a whole bit per second (so `0.3 × 1e6` from a Mbps
 * figure is accepted as 300000), at least 1 bit/s.
 */
export function checkRateBps(key: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new ShapingParamError(key, `${String(value)} is not a positive rate in bits per second`);
  }
  const rounded = Math.round(value);
  if (rounded < 1) throw new ShapingParamError(key, `${String(value)} bit/s rounds to 0; the smallest rate is 1 bit/s`);
  if (rounded > Number.MAX_SAFE_INTEGER) throw new ShapingParamError(key, `${String(value)} bit/s is too large`);
  return rounded;
}
