/**
 * A line chart in SVG: categorical x (equally spaced, e.g. queue counts 1, 2, 4, 8), linear or
 * log y, one path per line with a marker per point (hover shows the value), optional 95 %
 * interval whiskers, a legend on the right.
 */
import { esc, linearScale, logScale, logTicks, n, niceTicks, textWidth, tickLabel } from "./svg.js";

export interface LinePoint {
  /** Index into `xValues`. */
  readonly x: number;
  readonly y: number;
  readonly low?: number;
  readonly high?: number;
}

export interface Line {
  readonly name: string;
  readonly color: string;
  readonly dashed?: boolean;
  readonly points: readonly LinePoint[];
}

export interface LineChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly xValues: ReadonlyArray<string | number>;
  readonly yLabel: string;
  readonly lines: readonly Line[];
  readonly logY?: boolean;
  readonly width?: number;
  readonly height?: number;
}

export function lineChart(spec: LineChartSpec): string {
  const M = { top: 34, right: 56 + Math.max(40, ...spec.lines.map((l) => textWidth(l.name))), bottom: 46, left: 64 };
  const width = Math.max(spec.width ?? 760, M.left + M.right + 240);
  const height = spec.height ?? 320;
  const plotW = width - M.left - M.right;
  const plotH = height - M.top - M.bottom;
  const ys = spec.lines.flatMap((l) => l.points.flatMap((p) => [p.y, p.low ?? p.y, p.high ?? p.y]));
  const positive = ys.filter((y) => y > 0);
  const logY = spec.logY === true && positive.length > 0;
  const yMin = logY ? Math.min(...positive) : Math.min(0, ...ys);
  const yMax = Math.max(...ys, logY ? yMin * 10 : 1e-9);
  const ticks = logY ? logTicks(yMin, yMax) : niceTicks(yMin, yMax);
  const domain: [number, number] = [ticks[0], Math.max(ticks[ticks.length - 1], yMax)];
  const y = logY ? logScale(domain, [M.top + plotH, M.top]) : linearScale(domain, [M.top + plotH, M.top]);
  const step = spec.xValues.length > 1 ? plotW / (spec.xValues.length - 1) : 0;
  const x = (i: number): number => M.left + (spec.xValues.length > 1 ? i * step : plotW / 2);

  const grid = ticks
    .map((t) => `<line class="grid" x1="${M.left}" x2="${M.left + plotW}" y1="${n(y(t))}" y2="${n(y(t))}"/><text class="tick" x="${M.left - 6}" y="${n(y(t) + 4)}" text-anchor="end">${esc(tickLabel(t))}</text>`)
    .join("");
  const xTicks = spec.xValues.map((v, i) => `<text class="tick" x="${n(x(i))}" y="${M.top + plotH + 16}" text-anchor="middle">${esc(v)}</text>`).join("");
  const lines = spec.lines
    .map((line) => {
      const d = line.points.map((p, i) => `${i === 0 ? "M" : "L"}${n(x(p.x))},${n(y(p.y))}`).join("");
      const whiskers = line.points
        .filter((p) => p.low !== undefined && p.high !== undefined)
        .map((p) => `<line class="ci" stroke="${line.color}" x1="${n(x(p.x))}" x2="${n(x(p.x))}" y1="${n(y(p.low ?? p.y))}" y2="${n(y(p.high ?? p.y))}"/>`)
        .join("");
      const marks = line.points
        .map((p) => `<circle class="mark" cx="${n(x(p.x))}" cy="${n(y(p.y))}" r="3.5" fill="${line.color}"><title>${esc(`${line.name}, ${spec.xLabel} ${spec.xValues[p.x]}: ${tickLabel(p.y)} ${spec.yLabel}`)}</title></circle>`)
        .join("");
      const dash = line.dashed === true ? ' stroke-dasharray="5 4"' : "";
      return `<g class="line"><path class="series" d="${d}" stroke="${line.color}"${dash} fill="none"/>${whiskers}${marks}</g>`;
    })
    .join("");
  const legend = spec.lines
    .map((line, i) => {
      const ly = M.top + 6 + i * 18;
      const dash = line.dashed === true ? ' stroke-dasharray="5 4"' : "";
      return `<line x1="${width - M.right + 14}" x2="${width - M.right + 36}" y1="${ly}" y2="${ly}" stroke="${line.color}" stroke-width="2"${dash}/><text class="legend" x="${width - M.right + 42}" y="${ly + 4}">${esc(line.name)}</text>`;
    })
    .join("");
  return [
    `<svg class="chart line-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(spec.title)}">`,
    `<title>${esc(spec.title)}</title>`,
    `<text class="chart-title" x="${M.left}" y="20">${esc(spec.title)}</text>`,
    grid,
    `<line class="axis" x1="${M.left}" x2="${M.left + plotW}" y1="${M.top + plotH}" y2="${M.top + plotH}"/>`,
    `<line class="axis" x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${M.top + plotH}"/>`,
    xTicks,
    `<text class="axis-label" x="${M.left + plotW / 2}" y="${height - 8}" text-anchor="middle">${esc(spec.xLabel)}</text>`,
    `<text class="axis-label" transform="translate(14 ${M.top + plotH / 2}) rotate(-90)" text-anchor="middle">${esc(spec.yLabel)}${logY ? " (log)" : ""}</text>`,
    lines,
    legend,
    "</svg>",
  ].join("");
}
