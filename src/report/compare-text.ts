/**
 * A comparison for people: one row per point, each figure's baseline, current and change side
 * by side, and a verdict; then one summary line. `compareTable` for the terminal,
 * `compareMarkdown` for a pull-request comment or a CI step summary.
 */
import type { Comparison, FigureComparison, PointComparison } from "./compare.js";
import { markdownTable } from "./markdown-table.js";
import type { Metric } from "./metrics.js";
import { packetRateUnit } from "./rate-unit.js";
import { paramNames } from "./results-columns.js";
import { textTable } from "./text-table.js";

/** `+1.2%`, `-3.4%`, `0.0%`; `new` when the baseline was 0. */
export function formatChange(change: number): string {
  if (change === Number.POSITIVE_INFINITY) return "new";
  if (change === Number.NEGATIVE_INFINITY) return "gone";
  const pct = change * 100;
  return `${pct > 0 ? "+" : pct < 0 ? "-" : ""}${Math.abs(pct).toFixed(1)}%`;
}

/**
 * How a comparison shows each metric: packet rates in one unit for the whole comparison, chosen
 * from its values (rate-unit.ts: kpps for cloud-sized loads, never 0.000 Mpps); the others as
 * metrics.ts formats them.
 */
export function shownMetrics(c: Comparison): Map<string, Pick<Metric, "title" | "format">> {
  const shown = new Map<string, Pick<Metric, "title" | "format">>();
  for (const m of c.metrics) {
    if (m.unit !== "packets/s") {
      shown.set(m.name, m);
      continue;
    }
    const values = c.points.flatMap((p) =>
      p.figures.filter((f) => f.metric.name === m.name).flatMap((f) => [f.baseline, f.current].filter((x): x is number => x !== null)),
    );
    const unit = packetRateUnit(values);
    shown.set(m.name, { title: unit.name, format: unit.format });
  }
  return shown;
}

/** A figure for people: `-` when the point has none (no latency without a delivered packet). */
export function figureText(f: FigureComparison, side: "baseline" | "current", format: (x: number) => string = f.metric.format): string {
  const x = f[side];
  return x === null ? "-" : format(x);
}

/** `1.998` or, with replications, `1.998 ±0.004` (half-width of the 95 % interval). */
function figure(f: FigureComparison, side: "baseline" | "current", format: (x: number) => string): string {
  const interval = side === "baseline" ? f.baselineInterval : f.currentInterval;
  const text = figureText(f, side, format);
  return interval === undefined ? text : `${text} ±${format((interval.high - interval.low) / 2)}`;
}

function verdictCell(p: PointComparison): string {
  const named = (v: FigureComparison["verdict"]): string[] => p.figures.filter((f) => f.verdict === v).map((f) => f.metric.name);
  const parts: string[] = [];
  const regressions = named("regression");
  if (regressions.length > 0) parts.push(`REGRESSION ${regressions.join(" ")}`);
  const noise = named("noise");
  if (noise.length > 0) parts.push(`noise ${noise.join(" ")}`);
  const improved = named("improved");
  if (improved.length > 0) parts.push(`improved ${improved.join(" ")}`);
  return parts.length === 0 ? "ok" : parts.join("; ");
}

function rows(c: Comparison): { header: string[]; body: string[][] } {
  const params = paramNames(c.points);
  const shown = shownMetrics(c);
  const look = (m: Metric): Pick<Metric, "title" | "format"> => shown.get(m.name) ?? m;
  const header = [...params, ...c.metrics.flatMap((m) => [`${look(m).title} base`, `${look(m).title} now`, "change"]), "verdict"];
  const body = c.points.map((p) => [
    ...params.map((n) => String(p.params[n] ?? "")),
    ...p.figures.flatMap((f) => [figure(f, "baseline", look(f.metric).format), figure(f, "current", look(f.metric).format), formatChange(f.change)]),
    verdictCell(p),
  ]);
  return { header, body };
}

/** `No regression in 16 points (threshold 5%; throughput, p99, drops).` or the count of regressions. */
export function compareSummary(c: Comparison): string {
  const tail = `(threshold ${+(c.threshold * 100).toFixed(3)}%; ${c.metrics.map((m) => m.name).join(", ")})`;
  if (c.regressions === 0) return `No regression in ${c.points.length} point${c.points.length === 1 ? "" : "s"} ${tail}.`;
  const points = c.points.filter((p) => p.figures.some((f) => f.verdict === "regression")).length;
  return `${c.regressions} regression${c.regressions === 1 ? "" : "s"} in ${points} of ${c.points.length} points ${tail}.`;
}

export function compareTable(c: Comparison): string {
  const { header, body } = rows(c);
  return `${textTable(header, body)}\n\n${compareSummary(c)}\n`;
}

export function compareMarkdown(c: Comparison): string {
  const { header, body } = rows(c);
  const bold = body.map((row) => row.map((cell, i) => (i === row.length - 1 && cell.startsWith("REGRESSION") ? `**${cell}**` : cell)));
  const mark = c.regressions === 0 ? "✅" : "❌";
  return `### nicsim compare\n\n${mark} ${compareSummary(c)}\n\n${markdownTable(header, bold)}\n`;
}
