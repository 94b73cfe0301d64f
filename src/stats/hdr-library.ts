/**
 * hdr-histogram-js, loaded on first use: recording never needs it (LatencyHistogram keeps its own
 * counts), only converting to HdrHistogram form, encoding a result's `latencyHdr` and writing an
 * hlog do. Loading it costs about 0.1 CPU-s of start-up on a 2-vCPU EPYC (bench/startup.bench.ts),
 * which every process and pool worker that never converts would pay for nothing. It is a
 * CommonJS package, so a synchronous require serves.
 */
import { createRequire } from "node:module";
import type * as HdrHistogramJs from "hdr-histogram-js";

let loaded: typeof HdrHistogramJs | undefined;

export function hdrLibrary(): typeof HdrHistogramJs {
  loaded ??= createRequire(import.meta.url)("hdr-histogram-js") as typeof HdrHistogramJs;
  return loaded;
}
