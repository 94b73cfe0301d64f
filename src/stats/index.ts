/**
 * stats — latency recording for the simulated receive path.
 *
 * What it records: one latency per simulated packet, in nanoseconds of simulated time (the
 * engine computes `deliveredAt − arrivedAt` and calls `record(ns)`); nothing here reads a clock.
 * Inputs are doubles, rounded half up to integer ns; values above the range (default 2^40 ns)
 * are clamped and counted, negative/NaN inputs are recorded as 0 and counted as `invalid`.
 *
 * How it maps to HdrHistogram: `LatencyHistogram` is a bare Float64Array of counts laid out
 * exactly like an hdr-histogram-js Histogram built with lowestDiscernibleValue 1 and 3
 * significant digits (subBucketCount 2048, unitMagnitude 0): values below 2048 ns are exact,
 * above that each bucket spans 2^b ns (relative resolution ≤ 1/1024). Because slot i here is
 * slot i there, `valueAtPercentile` returns what `getValueAtPercentile` would, and `toHdr()`
 * gives a real Histogram for encoding (`encodeIntoCompressedBase64`), logs and summaries.
 * Recording is a clz32 index and one typed-array increment plus count/sum/min/max: ~6 ns per
 * value, about 10× cheaper than the library's own `recordValue` (bench/latency-histogram.bench.ts).
 *
 * Between workers: `toJSON()` → `LatencyHistogram.fromJSON()` (non-empty buckets only, sorted),
 * then `merge()` — exact, so per-queue or per-worker histograms combine without loss.
 *
 * Counters (getters): totalCount, min, max, mean, sum (ns), clamped, invalid.
 * Reports: `summarizeLatency(h)` → { p50, p90, p99, p999, max, mean } in µs (3 decimals).
 *
 * Counter tables (counter-table.ts): counters declared once as name → kind (scalar or per-slot
 * array summed or maxed, placement, histogram, events); the job's counters type, their merge
 * and the result document's per-queue / per-CPU rows derive from a table (the engine's is
 * engine/counters.ts).
 *
 * See also: bench/latency-histogram.bench.ts (ns per record), test/stats-*.test.ts (parity with
 * hdr-histogram-js), docs/libraries.md ("hdr-histogram-js").
 */
export {
  LatencyHistogram,
  latencyIndexOf,
  latencyLowestValueAt,
  latencyHighestValueAt,
} from "./latency-histogram.js";
export type { LatencyHistogramJson } from "./latency-histogram.js";
export { summarizeLatency } from "./latency-summary.js";
export type { LatencySummaryUs } from "./latency-summary.js";
export { mergeCounters, rowOf, counterEntries } from "./counter-table.js";
export type { CounterSpec, CounterTable, CountersOf, RowOf } from "./counter-table.js";
