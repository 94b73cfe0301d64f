/**
 * The columns of a results table, defined once for every format: a title and a human cell for
 * the terminal and Markdown, a name and a raw value (full precision, base units) for CSV.
 * Parameter columns (the sweep axes) come first; the 95 % interval columns only when some point
 * has replications (per replication: throughput, p99, and drops per replication, while the
 * `drop` columns sum every replication: their titles then end in Σ). The rate columns of a table
 * share one unit chosen from their values (rate-unit.ts); CSV keeps base units.
 */
import type { LatencySummaryUs } from "../stats/latency-summary.js";
import { bitRateUnit, packetRateUnit, type RateUnit } from "./rate-unit.js";
import type { PointResult } from "./result-model.js";

export interface Column {
  /** Terminal / Markdown header. */
  readonly title: string;
  /** CSV header: snake_case with its unit. */
  readonly name: string;
  readonly human: (p: PointResult) => string | number;
  readonly raw: (p: PointResult) => string | number;
}

const us = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
/** A point's latency figure, or null when it delivered nothing (older files wrote zeros then). */
const latencyOf = (p: PointResult, key: keyof LatencySummaryUs): number | null =>
  p.latencyUs === null || p.delivered.packets === 0 ? null : p.latencyUs[key];
/** A point that delivered nothing has no latency: "-" (an empty CSV cell), never a misleading 0.0. */
const latency = (p: PointResult, key: keyof LatencySummaryUs): string => {
  const x = latencyOf(p, key);
  return x === null ? "-" : us(x);
};
const latencyRaw = (p: PointResult, key: keyof LatencySummaryUs): number | string => latencyOf(p, key) ?? "";
/** Whole percents; a CPU that did some work but under 0.5 % reads `<1%`, not 0%. */
const pct = (x: number): string => (x > 0 && x < 0.005 ? "<1%" : `${(x * 100).toFixed(0)}%`);
const span = (low: string, high: string): string => `${low}–${high}`;

const col = (title: string, name: string, human: Column["human"], raw: Column["raw"]): Column => ({ title, name, human, raw });

/** The units of a table's rate columns, chosen from every rate it shows (rate-unit.ts). */
interface TableUnits {
  readonly packets: RateUnit;
  readonly bits: RateUnit;
}

function tableUnits(points: readonly PointResult[]): TableUnits {
  const pps = points.flatMap((p) => [
    p.offered.pps,
    p.delivered.pps,
    ...(p.app ? [p.app.received.pps] : []),
    ...(p.ci95 ? [p.ci95.deliveredPps.low, p.ci95.deliveredPps.high] : []),
  ]);
  return { packets: packetRateUnit(pps), bits: bitRateUnit(points.map((p) => p.delivered.bps)) };
}

/**
 * The drop columns count packets summed over a point's replications (the rates and latencies pool
 * them instead): with replications, their titles say so.
 */
const dropTitle = (cause: string, summed: boolean): string => `drop ${cause}${summed ? " Σ" : ""}`;

function figures(units: TableUnits, summed: boolean): Column[] {
  const { packets, bits } = units;
  return [
    col(`offered ${packets.name}`, "offered_pps", (p) => packets.format(p.offered.pps), (p) => p.offered.pps),
    col(`delivered ${packets.name}`, "delivered_pps", (p) => packets.format(p.delivered.pps), (p) => p.delivered.pps),
    col(`delivered ${bits.name}`, "delivered_bps", (p) => bits.format(p.delivered.bps), (p) => p.delivered.bps),
    col("p50 µs", "p50_us", (p) => latency(p, "p50"), (p) => latencyRaw(p, "p50")),
    col("p90 µs", "p90_us", (p) => latency(p, "p90"), (p) => latencyRaw(p, "p90")),
    col("p99 µs", "p99_us", (p) => latency(p, "p99"), (p) => latencyRaw(p, "p99")),
    col("p99.9 µs", "p999_us", (p) => latency(p, "p999"), (p) => latencyRaw(p, "p999")),
    col("max µs", "max_us", (p) => latency(p, "max"), (p) => latencyRaw(p, "max")),
    col(dropTitle("ring", summed), "drops_rx_ring", (p) => p.drops.rxRing, (p) => p.drops.rxRing),
    col(dropTitle("backlog", summed), "drops_backlog", (p) => p.drops.backlog, (p) => p.drops.backlog),
    col("cpu max", "cpu_max", (p) => pct(p.cpuUtilization.max), (p) => p.cpuUtilization.max),
    col("cpu mean", "cpu_mean", (p) => pct(p.cpuUtilization.mean), (p) => p.cpuUtilization.mean),
    col("imbalance", "imbalance", (p) => p.imbalance.toFixed(2), (p) => p.imbalance),
  ];
}

/** CSV only: figures the terminal table leaves out. */
const CSV_EXTRA: readonly Column[] = [
  col("", "offered_bps", () => "", (p) => p.offered.bps),
  col("", "mean_us", () => "", (p) => latencyRaw(p, "mean")),
  col("", "drops_total", () => "", (p) => p.drops.total),
  col("", "replications", () => "", (p) => p.replications),
  col("", "seed", () => "", (p) => p.seed),
  col("", "duration_s", () => "", (p) => (p.settings === undefined ? "" : p.settings.durationNs / 1e9)),
  col("", "warmup_s", () => "", (p) => (p.settings === undefined ? "" : p.settings.warmupNs / 1e9)),
];

const opt = (x: number | undefined): string | number => x ?? "";

/**
 * The interval columns. A rate or a count is never negative: a low end below 0 (few, noisy
 * replications) reads 0 here; the JSON keeps the interval as computed.
 */
function intervals(units: TableUnits): Column[] {
  const { packets } = units;
  const floor = (x: number): number => Math.max(0, x);
  return [
    col(`${packets.name} 95% CI`, "delivered_pps_ci", (p) => (p.ci95 ? span(packets.format(floor(p.ci95.deliveredPps.low)), packets.format(p.ci95.deliveredPps.high)) : ""), () => ""),
    col("p99 µs 95% CI", "p99_us_ci", (p) => (p.ci95?.p99Us ? span(us(floor(p.ci95.p99Us.low)), us(p.ci95.p99Us.high)) : p.ci95 ? "-" : ""), () => ""),
    col("drops/rep 95% CI", "drops_ci", (p) => (p.ci95 ? span(floor(p.ci95.drops.low).toFixed(0), p.ci95.drops.high.toFixed(0)) : ""), () => ""),
  ];
}

const CSV_INTERVALS: readonly Column[] = (["deliveredPps", "p99Us", "drops"] as const).flatMap((key) => {
  const stem = { deliveredPps: "delivered_pps", p99Us: "p99_us", drops: "drops_per_rep" }[key];
  return (["mean", "low", "high"] as const).map((part) => col("", `${stem}_${part}`, () => "", (p) => opt(p.ci95?.[key]?.[part])));
});

/** The sweep axes of the points, in first-seen order. */
export function paramNames(points: readonly Pick<PointResult, "params">[]): string[] {
  return [...new Set(points.flatMap((p) => Object.keys(p.params)))];
}

function paramColumns(points: readonly PointResult[]): Column[] {
  return paramNames(points).map((n) => col(n, n, (p) => p.params[n] ?? "", (p) => p.params[n] ?? ""));
}

const hasIntervals = (points: readonly PointResult[]): boolean => points.some((p) => p.ci95 !== undefined);

/** Whether some point sums its drops over more than one replication. */
export const summedDrops = (points: readonly Pick<PointResult, "replications">[]): boolean => points.some((p) => p.replications > 1);

/** The line under a table whose drop columns are summed over replications, else "". */
export function summedDropsNote(points: readonly PointResult[]): string {
  if (!summedDrops(points)) return "";
  const reps = [...new Set(points.map((p) => p.replications))].join(" / ");
  return `drop … Σ: packets summed over each point's ${reps} replications; the rates, latencies and CPU figures pool them (rates over the summed windows)${hasIntervals(points) ? "; the 95% CI columns are per replication" : ""}`;
}

const routeDropTotal = (p: PointResult): number => Object.values(p.drops.route ?? {}).reduce((a, b) => a + b, 0);

/** With a routing section: the route drops after the backlog drops (their causes in the JSON). */
function withRouteDrops(points: readonly PointResult[], columns: readonly Column[]): Column[] {
  if (!points.some((p) => p.drops.route !== undefined)) return [...columns];
  const at = columns.findIndex((c) => c.name === "drops_backlog") + 1;
  const route = col(dropTitle("route", summedDrops(points)), "drops_route", routeDropTotal, routeDropTotal);
  return [...columns.slice(0, at), route, ...columns.slice(at)];
}

/**
 * With an application (`app` section): what it read, its recvmsg p99 and its socket drops. A
 * point without one (a file mixing both) shows "-".
 */
function withApp(points: readonly PointResult[], columns: readonly Column[], units: TableUnits, summed: boolean): Column[] {
  if (!points.some((p) => p.app !== undefined)) return [...columns];
  const names = columns.map((c) => c.name);
  const read = col(`app read ${units.packets.name}`, "app_read_pps", (p) => (p.app ? units.packets.format(p.app.received.pps) : "-"), (p) => p.app?.received.pps ?? "");
  const appP99 = (p: PointResult): number | null => p.app?.latencyUs?.p99 ?? null;
  const p99Cell = (p: PointResult): string => {
    const x = appP99(p);
    return x === null ? "-" : us(x);
  };
  const p99 = col("app p99 µs", "app_p99_us", p99Cell, (p) => appP99(p) ?? "");
  const socket = col(dropTitle("socket", summed), "drops_socket_rcvbuf", (p) => p.app?.socketRcvbuf ?? "-", (p) => p.app?.socketRcvbuf ?? "");
  const afterBps = names.indexOf("delivered_bps") + 1;
  const afterMax = names.indexOf("max_us") + 1;
  const afterDrops = Math.max(...["drops_backlog", "drops_route", "drops_ingress_cap", "drops_egress_cap"].map((n) => names.indexOf(n))) + 1;
  return [
    ...columns.slice(0, afterBps),
    read,
    ...columns.slice(afterBps, afterMax),
    p99,
    ...columns.slice(afterMax, afterDrops),
    socket,
    ...columns.slice(afterDrops),
  ];
}

const ingressCapDrops = (p: PointResult): number => p.drops.ingressCap ?? 0;
const egressCapDrops = (p: PointResult): number => p.drops.egressCap ?? 0;

/** With a bandwidth section: the cap drops after the backlog (and route) drops. */
function withCapDrops(points: readonly PointResult[], columns: readonly Column[]): Column[] {
  if (!points.some((p) => p.drops.ingressCap !== undefined)) return [...columns];
  const names = columns.map((c) => c.name);
  const at = Math.max(names.indexOf("drops_backlog"), names.indexOf("drops_route")) + 1;
  const summed = summedDrops(points);
  const cap = col(dropTitle("ingressCap", summed), "drops_ingress_cap", ingressCapDrops, ingressCapDrops);
  const caps = [cap];
  if (points.some((p) => p.drops.egressCap !== undefined)) {
    caps.push(col(dropTitle("egressCap", summed), "drops_egress_cap", egressCapDrops, egressCapDrops));
  }
  return [...columns.slice(0, at), ...caps, ...columns.slice(at)];
}

/**
 * What limits each point, last of the figures (empty for a file written before it was added).
 * Route drops are a verdict, not a capacity limit (report/bottleneck.ts), but a point whose
 * every delivered packet was dropped by routing is not "none"-limited: the cell says `route`.
 */
const bottleneck = (p: PointResult): string =>
  p.bottleneck === "none" && p.delivered.pps === 0 && routeDropTotal(p) > 0 ? "route" : (p.bottleneck ?? "");
const BOTTLENECK = col("bottleneck", "bottleneck", bottleneck, bottleneck);

/** Columns of the terminal and Markdown tables. */
export function humanColumns(points: readonly PointResult[]): Column[] {
  const units = tableUnits(points);
  const body = withApp(points, withCapDrops(points, withRouteDrops(points, figures(units, summedDrops(points)))), units, summedDrops(points));
  return [...paramColumns(points), ...body, BOTTLENECK, ...(hasIntervals(points) ? intervals(units) : [])];
}

/** Columns of the CSV table. */
export function csvColumns(points: readonly PointResult[]): Column[] {
  const units = tableUnits(points);
  const body = withApp(points, withCapDrops(points, withRouteDrops(points, figures(units, false))), units, false);
  return [...paramColumns(points), ...body, BOTTLENECK, ...CSV_EXTRA, ...(hasIntervals(points) ? CSV_INTERVALS : [])];
}
