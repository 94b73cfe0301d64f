/**
 * One result's figures in the formats continuous-benchmarking services read (docs/libraries.md, "CI gate formats"):
 *
 * - Bencher Metric Format: `{ "<point>": { "<measure slug>": { value, lower_value?, upper_value? } } }`.
 *   Throughput is the built-in `throughput` measure (packets/s), p99 the built-in `latency`
 *   (ns); other figures get their own slugs (`latency-p50`, `drops`, …), which Bencher creates on
 *   first use. With replications, value/lower/upper are the replication mean and its 95 %
 *   interval (for drops: per replication).
 * - github-action-benchmark `customBiggerIsBetter` / `customSmallerIsBetter`: a JSON list of
 *   `{ name, unit, value, range?, extra? }`. One file holds one direction, so the metrics asked
 *   for must all be higher-is-better (throughput, mbps) or all lower-is-better (latency, drops).
 *
 * A figure a point does not have (the latency of a point that delivered nothing) is left out of
 * both, never written as 0.
 */
import type { Metric } from "./metrics.js";
import { pointLabel } from "./metrics.js";
import type { RunResult } from "./result-model.js";

const round = (x: number): number => Math.round(x * 1000) / 1000;

export function bencherMetricFormat(result: RunResult, metrics: readonly Metric[]): string {
  const doc: Record<string, Record<string, Record<string, number>>> = {};
  for (const p of result.points) {
    const measures: Record<string, Record<string, number>> = {};
    for (const m of metrics) {
      const scale = m.bmf.scale;
      const interval = m.interval?.(p);
      const value = interval?.mean ?? m.value(p);
      if (value === null) continue;
      measures[m.bmf.slug] = {
        value: round(value * scale),
        ...(interval === undefined ? {} : { lower_value: round(interval.low * scale), upper_value: round(interval.high * scale) }),
      };
    }
    doc[`nicsim ${pointLabel(p)}`] = measures;
  }
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export type GabTool = "customBiggerIsBetter" | "customSmallerIsBetter";

/** The github-action-benchmark tool the metrics need, or an error message when they mix directions. */
export function gabTool(metrics: readonly Metric[]): GabTool | string {
  const directions = new Set(metrics.map((m) => m.better));
  if (directions.size > 1) {
    return "github-action-benchmark: one file holds one direction; pass --metric throughput (customBiggerIsBetter) or --metric p99,drops (customSmallerIsBetter)";
  }
  return directions.has("higher") ? "customBiggerIsBetter" : "customSmallerIsBetter";
}

export function githubActionBenchmark(result: RunResult, metrics: readonly Metric[]): string {
  const entries = result.points.flatMap((p) =>
    metrics.flatMap((m) => {
      const interval = m.interval?.(p);
      const value = interval?.mean ?? m.value(p);
      if (value === null) return [];
      return {
        name: `${pointLabel(p)} ${m.name}`,
        unit: m.unit,
        value: round(value),
        ...(interval === undefined ? {} : { range: `+-${round((interval.high - interval.low) / 2)}` }),
        extra: `seed ${p.seed}, ${p.replications} replication${p.replications === 1 ? "" : "s"}`,
      };
    }),
  );
  return `${JSON.stringify(entries, null, 2)}\n`;
}
