import { UsageError } from "./usage-error.js";

/** `--threshold 5%` (or `5`): a relative change as a fraction, 0 to 10 (0% to 1000%). Default 5%. */
export function parseThreshold(text: string | undefined): number {
  if (text === undefined) return 0.05;
  const match = /^(\d+(?:\.\d+)?)%?$/.exec(text.trim());
  const pct = match === null ? Number.NaN : Number(match[1]);
  if (!(pct >= 0 && pct <= 1000)) throw new UsageError(`--threshold: "${text}" is not a percentage from 0% to 1000% (e.g. 5%)`);
  return pct / 100;
}
