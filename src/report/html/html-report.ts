/**
 * `nicsim report RESULT.json --html FILE`: one self-contained HTML page (inline CSS and SVG, no
 * script, nothing fetched) with throughput vs queue count, latency percentiles vs queue count,
 * per-CPU utilization as a heat map, drops by cause as stacked bars, the results table and the
 * scenario that produced them.
 */
import { pointLabel } from "../metrics.js";
import type { CpuResult, PointResult, RunResult } from "../result-model.js";
import { humanColumns, summedDropsNote } from "../results-columns.js";
import { DOCUMENT_ONLY, settingsNote } from "../settings-note.js";
import { heatMap } from "./heat-map.js";
import { lineChart, type Line } from "./line-chart.js";
import { arrange, type Arranged } from "./series.js";
import { stackedBars } from "./stacked-bars.js";
import { esc, PALETTE } from "./svg.js";

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px auto; max-width: 1100px; color: #1b1b1b; padding: 0 16px; }
h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 17px; margin-top: 32px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.meta { color: #555; } .charts { display: flex; flex-wrap: wrap; gap: 12px; }
svg.chart { background: #fff; border: 1px solid #e4e4e4; border-radius: 4px; max-width: 100%; height: auto; }
.chart-title { font-weight: 600; font-size: 13px; } .tick, .legend, .row-label { font-size: 11px; fill: #333; } .axis-label { font-size: 12px; fill: #333; }
.grid { stroke: #eee; } .axis { stroke: #888; } .series { stroke-width: 2; } .ci { stroke-width: 1.5; opacity: 0.7; }
.cell-value { font-size: 10px; fill: #333; } .cell-value.dark { fill: #fff; }
table { border-collapse: collapse; font-size: 12px; margin-top: 8px; } th, td { padding: 3px 8px; border-bottom: 1px solid #eee; text-align: right; white-space: nowrap; }
th { background: #f6f6f6; position: sticky; top: 0; } .table-wrap { overflow-x: auto; }
pre { background: #f6f8fa; padding: 12px; border-radius: 4px; overflow-x: auto; font-size: 12px; }
`;

function throughputChart(a: Arranged): string {
  const lines: Line[] = a.series.flatMap((s, i) => {
    const color = PALETTE[i % PALETTE.length];
    const delivered: Line = {
      name: `${s.name} delivered`,
      color,
      points: s.points.map(({ x, point }) => ({
        x,
        y: point.delivered.pps / 1e6,
        ...(point.ci95 ? { low: point.ci95.deliveredPps.low / 1e6, high: point.ci95.deliveredPps.high / 1e6 } : {}),
      })),
    };
    const offered: Line = { name: `${s.name} offered`, color, dashed: true, points: s.points.map(({ x, point }) => ({ x, y: point.offered.pps / 1e6 })) };
    return [delivered, offered];
  });
  return lineChart({ title: "Throughput vs queue count", xLabel: a.xAxis ?? "point", xValues: a.xValues, yLabel: "Mpps", lines, width: 900, height: 360 });
}

const PERCENTILES = [
  ["p50", "p50"],
  ["p90", "p90"],
  ["p99", "p99"],
  ["p999", "p99.9"],
] as const;

function latencyCharts(a: Arranged): string {
  return a.series
    .map((s) => {
      const lines: Line[] = PERCENTILES.map(([key, name], i) => ({
        name,
        color: PALETTE[i],
        // A point that delivered nothing has no latency: no mark (older files wrote zeros).
        points: s.points.flatMap(({ x, point }) => {
          const latency = point.latencyUs;
          if (latency === null || point.delivered.packets === 0) return [];
          const ci = point.ci95?.p99Us;
          return [{ x, y: latency[key], ...(key === "p99" && ci ? { low: ci.low, high: ci.high } : {}) }];
        }),
      }));
      return lineChart({ title: `Latency percentiles vs queue count — ${s.name}`, xLabel: a.xAxis ?? "point", xValues: a.xValues, yLabel: "µs", lines, logY: true, width: 540, height: 300 });
    })
    .join("");
}

/** A CPU's busy share: the receive path and, with an application, its threads. */
const busyOf = (c: CpuResult | undefined): number => (c === undefined ? 0 : c.utilization + (c.app ?? 0));

/** What a CPU's busy share is made of, like mpstat (files before version 4 have no split). */
function busyDetail(c: CpuResult | undefined): string | undefined {
  const t = c?.time;
  if (t === undefined) return undefined;
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  return `irq ${pct(t.irq)}, softirq ${pct(t.softirq + (t.ksoftirqd ?? 0))}${(t.ksoftirqd ?? 0) > 0 ? ` (ksoftirqd ${pct(t.ksoftirqd)})` : ""}, app ${pct(t.app)}`;
}

function cpuHeatMap(points: readonly PointResult[]): string {
  const cpus = Math.max(0, ...points.map((p) => p.perCpu.length));
  const each = <T,>(p: PointResult, f: (c: CpuResult | undefined) => T): T[] => Array.from({ length: cpus }, (_, c) => f(p.perCpu[c]));
  const withApp = points.some((p) => p.app !== undefined);
  return heatMap({
    title: withApp ? "Per-CPU busy time (receive path + application)" : "Per-CPU utilization",
    columns: Array.from({ length: cpus }, (_, c) => String(c)),
    rows: points.map((p) => {
      const details = each(p, busyDetail).filter((d): d is string => d !== undefined);
      return { label: pointLabel(p), values: each(p, busyOf), ...(details.length === cpus ? { details } : {}) };
    }),
  });
}

/** Drop causes beyond the receive path's, each stacked when some point of the result has it. */
const CAP_STACKS = [
  ["ingressCap", "ingress cap (tc police, before the NIC)"],
  ["egressCap", "egress cap (tc tbf, replies)"],
] as const;

function dropsChart(points: readonly PointResult[]): string {
  const caps = CAP_STACKS.filter(([key]) => points.some((p) => p.drops[key] !== undefined));
  // Route causes (scenarios with routing) stack on top, each cause that dropped anything.
  const causes = [...new Set(points.flatMap((p) => Object.entries(p.drops.route ?? {}).filter(([, n]) => n > 0).map(([cause]) => cause)))];
  return stackedBars({
    title: "Drops by cause",
    yLabel: "packets dropped",
    stacks: ["rx ring full", "backlog full (netdev_max_backlog)", ...caps.map(([, name]) => name), ...causes.map((cause) => `route: ${cause}`)],
    bars: points.map((p) => ({
      label: pointLabel(p),
      values: [p.drops.rxRing, p.drops.backlog, ...caps.map(([key]) => p.drops[key] ?? 0), ...causes.map((cause) => p.drops.route?.[cause] ?? 0)],
    })),
  });
}

function resultsTable(points: readonly PointResult[]): string {
  const columns = humanColumns(points);
  const head = columns.map((c) => `<th>${esc(c.title)}</th>`).join("");
  const rows = points.map((p) => `<tr>${columns.map((c) => `<td>${esc(c.human(p))}</td>`).join("")}</tr>`).join("\n");
  return `<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table></div>`;
}

/** What the run used (points[].settings), as the table's header lines say it; nothing for older files. */
function settingsParagraph(points: readonly PointResult[]): string {
  const note = settingsNote(points, DOCUMENT_ONLY);
  return note === "" ? "" : `<p class="meta">${note.split("\n").map(esc).join("<br>")}</p>`;
}

export function htmlReport(result: RunResult, fileName: string): string {
  const points = result.points;
  const arranged = arrange(points);
  const replications = [...new Set(points.map((p) => p.replications))].join(", ");
  const shard = result.shard === undefined ? "" : ` — shard ${result.shard.index}/${result.shard.count} only (partial points)`;
  return [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>nicsim report — ${esc(fileName)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<h1>nicsim report</h1>`,
    `<p class="meta">${esc(fileName)}: ${esc(result.generator)}, scenario ${esc(result.source)}, ${points.length} point${points.length === 1 ? "" : "s"}, replications ${esc(replications)}, result schema version ${result.schemaVersion}${esc(shard)}. Latency: NIC arrival to the end of stack processing. Whiskers: 95% intervals across replications.</p>`,
    settingsParagraph(points),
    `<h2 id="throughput">Throughput</h2><div class="charts">${throughputChart(arranged)}</div>`,
    `<h2 id="latency">Latency</h2><div class="charts">${latencyCharts(arranged)}</div>`,
    `<h2 id="cpu">CPU utilization</h2><div class="charts">${cpuHeatMap(points)}</div>`,
    `<h2 id="drops">Drops</h2><div class="charts">${dropsChart(points)}</div>`,
    `<h2 id="results">Results</h2>${resultsTable(points)}${summedDropsNote(points) === "" ? "" : `<p class="meta">${esc(summedDropsNote(points))}</p>`}`,
    `<h2 id="scenario">Scenario</h2><p class="meta">${esc(result.source)}</p><pre>${esc(JSON.stringify(result.scenario, null, 2))}</pre>`,
    "</body></html>",
    "",
  ].join("\n");
}
