/** Test helpers for the stats-* suites: a seeded PRNG and an hdr-histogram-js reference. */
import { build } from "hdr-histogram-js";
import type { Histogram } from "hdr-histogram-js";
import { Prng } from "../src/traffic/prng.js";

/** Deterministic doubles in [0, 1) from the project's seeded PRNG, so every run uses the same values. */
export function seededRandom(seed: number): () => number {
  const rng = new Prng(seed);
  return () => rng.nextFloat();
}

/** `n` integer latencies, log-uniform over [1 ns, 10 s]. */
export function logUniformNs(seed: number, n: number): number[] {
  const rnd = seededRandom(seed);
  const span = Math.log(1e10);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Math.round(Math.exp(rnd() * span)));
  return out;
}

/** A plain hdr-histogram-js histogram in the layout LatencyHistogram mirrors. */
export function hdrReference(highestTrackableValue = 2 ** 40): Histogram {
  return build({
    lowestDiscernibleValue: 1,
    highestTrackableValue,
    numberOfSignificantValueDigits: 3,
    bitBucketSize: 64,
    useWebAssembly: false,
  });
}

/** JsHistogram internals that are not in the published typings but define the layout. */
export interface HdrInternals {
  countsArrayIndex(value: number): number;
  readonly countsArrayLength: number;
  readonly subBucketCount: number;
  readonly subBucketHalfCount: number;
  readonly unitMagnitude: number;
}

export function hdrInternals(h: Histogram): HdrInternals {
  return h as unknown as HdrInternals;
}

export const PERCENTILES = [0, 1, 50, 90, 99, 99.9, 99.99, 100] as const;

export const EDGE_VALUES = [
  0,
  1,
  2047,
  2048,
  2049,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 32,
  2 ** 32 + 12345,
  2 ** 35,
] as const;
