/**
 * Durations as people write them (`"0.2s"`, `"200ms"`, `"50us"`, `"50µs"`, `"100ns"`), turned
 * into integer nanoseconds (rounded to the nearest ns); an exponent is allowed (`5e-3s`). A unit is always required: a bare `0.2`
 * could be seconds or milliseconds, and guessing wrong changes a run by 1000×.
 */
import { ConfigError, show } from "./errors.js";

/** Nanoseconds per unit. Both the micro sign (U+00B5) and Greek mu (U+03BC) mean micro. */
const NS_PER_UNIT: { readonly [unit: string]: number } = {
  s: 1e9,
  ms: 1e6,
  us: 1e3,
  "\u00b5s": 1e3,
  "\u03bcs": 1e3,
  ns: 1,
};

/** What the JSON Schema accepts: a decimal number and a unit (the sign and zero are checked here). */
export const DURATION_PATTERN = "^\\s*([0-9]+(\\.[0-9]+)?|\\.[0-9]+)([eE][+-]?[0-9]+)?\\s*(s|ms|us|\u00b5s|\u03bcs|ns)\\s*$";

/** A sign, a decimal number (an exponent allowed: `1e-3s`), the unit. */
const SHAPE = /^(-?)((?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\s*(\S*)$/;
const EXAMPLE = 'write e.g. "200ms" or "0.2s"';

/**
 * Parses a duration at `path` into integer ns. `allowZero` admits `"0s"` (a warm-up may be
 * empty); otherwise the duration must be positive.
 */
export function parseDuration(value: unknown, path: string, options: { allowZero?: boolean } = {}): number {
  if (typeof value === "number") throw new ConfigError(path, `${show(value)} has no unit; ${EXAMPLE}`);
  if (typeof value !== "string") throw new ConfigError(path, `${show(value)} must be a duration; ${EXAMPLE}`);
  const match = SHAPE.exec(value.trim());
  if (match === null) throw new ConfigError(path, `${show(value)} is not a duration; ${EXAMPLE}`);
  const [, sign, digits, unit] = match;
  if (unit === "") throw new ConfigError(path, `${show(value)} has no unit; ${EXAMPLE}`);
  const factor = NS_PER_UNIT[unit];
  if (factor === undefined) {
    throw new ConfigError(path, `${show(value)} has an unknown unit ${show(unit)}; use s, ms, us (or \u00b5s) or ns`);
  }
  const amount = Number(digits);
  const bound = options.allowZero === true ? ">= 0" : "> 0";
  if (sign === "-" && amount !== 0) throw new ConfigError(path, `${show(value)} must be ${bound}`);
  const ns = Math.round(amount * factor);
  if (!Number.isSafeInteger(ns)) throw new ConfigError(path, `${show(value)} is too long`);
  if (ns === 0 && options.allowZero !== true) {
    throw new ConfigError(path, amount === 0 ? `${show(value)} must be > 0` : `${show(value)} rounds to 0 ns; it must be > 0`);
  }
  return ns;
}
