import type { PointResult } from "./result-model.js";
import { textTable } from "./text-table.js";

const mpps = (pps: number): string => (pps / 1e6).toFixed(3);
const mbps = (bps: number): string => (bps / 1e6).toFixed(1);
const us = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;

/** One row per point: its parameters, throughput, latency percentiles, drops, CPU, imbalance. */
export function resultsTable(points: readonly PointResult[]): string {
  const paramNames = [...new Set(points.flatMap((p) => Object.keys(p.params)))];
  const header = [
    ...paramNames,
    "offered Mpps",
    "delivered Mpps",
    "delivered Mbps",
    "p50 µs",
    "p90 µs",
    "p99 µs",
    "p99.9 µs",
    "max µs",
    "drop ring",
    "drop backlog",
    "cpu max",
    "cpu mean",
    "imbalance",
  ];
  const rows = points.map((p) => [
    ...paramNames.map((n) => p.params[n] ?? ""),
    mpps(p.offered.pps),
    mpps(p.delivered.pps),
    mbps(p.delivered.bps),
    us(p.latencyUs.p50),
    us(p.latencyUs.p90),
    us(p.latencyUs.p99),
    us(p.latencyUs.p999),
    us(p.latencyUs.max),
    p.drops.rxRing,
    p.drops.backlog,
    pct(p.cpuUtilization.max),
    pct(p.cpuUtilization.mean),
    p.imbalance.toFixed(2),
  ]);
  return textTable(header, rows);
}
