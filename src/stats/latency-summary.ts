/**
 * Latency summary for reports: a handful of percentiles of a LatencyHistogram in microseconds.
 */
import type { LatencyHistogram } from "./latency-histogram.js";

/** Percentiles, max and mean of a latency distribution, in µs rounded to 3 decimals (= whole ns). */
export interface LatencySummaryUs {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
  readonly mean: number;
}

const EMPTY: LatencySummaryUs = { p50: 0, p90: 0, p99: 0, p999: 0, max: 0, mean: 0 };

/** ns → µs with 3 decimals (whole ns). */
function toUs(ns: number): number {
  return Math.round(ns) / 1000;
}

/**
 * Summarize `h` (all zeros when empty). Percentiles are HdrHistogram's values (`valueAtPercentile`:
 * the top of the bucket, within 1/1024 above the true value) capped at the exact `max`, so a report
 * never shows a p99 larger than its max; `max` and `mean` are exact.
 */
export function summarizeLatency(h: LatencyHistogram): LatencySummaryUs {
  if (h.totalCount === 0) return EMPTY;
  const max = h.max;
  const at = (p: number): number => toUs(Math.min(h.valueAtPercentile(p), max));
  return { p50: at(50), p90: at(90), p99: at(99), p999: at(99.9), max: toUs(max), mean: toUs(h.mean) };
}
