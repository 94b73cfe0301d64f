/**
 * report — what a run means to people and to machines: the versioned result document, tables,
 * comparisons for a CI gate, HDR histogram logs and an HTML page of charts.
 *
 * The document (result-model.ts, `RESULT_SCHEMA_VERSION` 3): per sweep point, `params`, `seed`,
 * `replications`, offered and delivered `{ pps, bps, packets }`, `latencyUs` { p50, p90, p99,
 * p999, max, mean } (null when nothing was delivered), `drops` { rxRing, backlog, total },
 * `cpuUtilization`, `imbalance`, `perQueue[]`, `perCpu[]` (softnet counters), `conservation`,
 * `ci95` (replications ≥ 2: mean and Student-t 95 % interval of throughput, p99 and drops per
 * replication; confidence.ts), `latencyHdr` (HdrHistogram, compressed base64, ns), `settings`
 * (what the point ran with: point-settings.ts). A shard's file adds `shard` (pool/shard.ts).
 * point-result.ts turns a point's job counters into its entry.
 *
 * Formats of a run (`run`/`bench --format`): results-table.ts (terminal), results-csv.ts,
 * results-markdown.ts, all from one column list (results-columns.ts; one rate unit per table:
 * rate-unit.ts), with settings-note.ts's lines above a table and notes under it; hlog.ts (`--hlog`: one
 * tagged interval per point, HdrHistogram log format 1.3).
 *
 * The gate (`nicsim compare`): read-result.ts checks a document read back; compare.ts judges
 * each point's figures (metrics.ts: direction, unit, Bencher slug) against a threshold, on the
 * 95 % intervals when both sides have them; compare-text.ts (table, Markdown),
 * compare-junit.ts (JUnit XML), benchmark-exports.ts (Bencher Metric Format,
 * github-action-benchmark customBiggerIsBetter / customSmallerIsBetter).
 *
 * The page (`nicsim report --html`): html/html-report.ts assembles inline-SVG charts —
 * html/line-chart.ts (throughput and latency vs queue count), html/heat-map.ts (per-CPU
 * utilization), html/stacked-bars.ts (drops by cause) — from points arranged by html/series.ts.
 *
 * Nothing here runs a simulation or reads a clock; everything is a pure function of documents,
 * so the same run gives the same bytes in every format.
 *
 * See also: pool/ (runs and merges the jobs), cli/commands/{run,bench,compare,merge,report}.ts,
 * docs/libraries.md (CI gate formats, the hlog format, hdr-histogram-js).
 */
export * from "./result-model.js";
export { pointResult } from "./point-result.js";
export { meanInterval, studentT975, type MeanInterval } from "./confidence.js";
export { resultsTable } from "./results-table.js";
export { resultsCsv } from "./results-csv.js";
export { resultsMarkdown } from "./results-markdown.js";
export { hlogText, hlogTag } from "./hlog.js";
export { parseResult } from "./read-result.js";
export { compareResults, CompareInputError, type Comparison, type FigureComparison, type PointComparison, type Verdict } from "./compare.js";
export { METRICS, DEFAULT_METRICS, pointLabel, type Metric } from "./metrics.js";
export { compareTable, compareMarkdown, compareSummary } from "./compare-text.js";
export { compareJunit } from "./compare-junit.js";
export { bencherMetricFormat, githubActionBenchmark, gabTool } from "./benchmark-exports.js";
export { htmlReport } from "./html/html-report.js";
