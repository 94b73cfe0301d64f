/**
 * The figures `compare` can judge, each with its direction: throughput lower is worse; latency
 * and drops higher is worse. Three of them have per-replication intervals (`ci95`).
 */
import type { MeanInterval } from "./confidence.js";
import type { PointResult } from "./result-model.js";

export type Better = "higher" | "lower";

export interface Metric {
  readonly name: string;
  /** Shown in tables. */
  readonly title: string;
  /** Unit of `value`, as written in tables and github-action-benchmark files. */
  readonly unit: string;
  readonly better: Better;
  /** A value for people (tables). */
  readonly format: (x: number) => string;
  /** The point's figure; null when it has none (latency of a point that delivered nothing). */
  readonly value: (p: PointResult) => number | null;
  /** The per-replication interval, when the point has replications. */
  readonly interval?: (p: PointResult) => MeanInterval | undefined;
  /** Bencher Metric Format measure slug, and the factor from `unit` to that measure's unit. */
  readonly bmf: { readonly slug: string; readonly scale: number };
}

const us = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

const latency = (key: "p50" | "p90" | "p99" | "p999" | "max" | "mean", title: string, slug: string): Metric => ({
  name: key,
  title,
  unit: "us",
  better: "lower",
  format: us,
  // Files before version 3 wrote zeros for a point that delivered nothing: no latency either.
  value: (p) => (p.latencyUs === null || p.delivered.packets === 0 ? null : p.latencyUs[key]),
  ...(key === "p99" ? { interval: (p: PointResult) => p.ci95?.p99Us ?? undefined } : {}),
  bmf: { slug, scale: 1000 },
});

export const METRICS: Readonly<Record<string, Metric>> = {
  throughput: {
    name: "throughput",
    title: "Mpps",
    unit: "packets/s",
    better: "higher",
    format: (x) => (x / 1e6).toFixed(3),
    value: (p) => p.delivered.pps,
    interval: (p) => p.ci95?.deliveredPps,
    bmf: { slug: "throughput", scale: 1 },
  },
  mbps: {
    name: "mbps",
    title: "delivered Mbps",
    unit: "Mbit/s",
    better: "higher",
    format: (x) => x.toFixed(1),
    value: (p) => p.delivered.bps / 1e6,
    bmf: { slug: "delivered-mbps", scale: 1 },
  },
  p50: latency("p50", "p50 µs", "latency-p50"),
  p90: latency("p90", "p90 µs", "latency-p90"),
  // p99 is the built-in Bencher `latency` measure (ns).
  p99: latency("p99", "p99 µs", "latency"),
  p999: latency("p999", "p99.9 µs", "latency-p999"),
  max: latency("max", "max µs", "latency-max"),
  mean: latency("mean", "mean µs", "latency-mean"),
  drops: {
    name: "drops",
    title: "drops",
    unit: "packets",
    better: "lower",
    format: (x) => x.toFixed(0),
    value: (p) => p.drops.total,
    // Per replication, while `value` sums them: the ratio of two points is the same either way.
    interval: (p) => p.ci95?.drops,
    bmf: { slug: "drops", scale: 1 },
  },
};

export const DEFAULT_METRICS: readonly string[] = ["throughput", "p99", "drops"];

/** `queues=4,traffic.load.pps=2000000` — a point's name in every format; `scenario` without a sweep. */
export function pointLabel(p: PointResult): string {
  const entries = Object.entries(p.params);
  return entries.length === 0 ? "scenario" : entries.map(([k, v]) => `${k}=${v}`).join(",");
}
