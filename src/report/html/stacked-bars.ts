/**
 * Stacked bars in SVG: one bar per point, one stacked segment per drop cause, a legend; a point
 * without drops has no bar (and says so on hover of its label).
 */
import { esc, linearScale, n, niceTicks, PALETTE, textWidth, tickLabel } from "./svg.js";

export interface StackedBarsSpec {
  readonly title: string;
  readonly yLabel: string;
  readonly stacks: readonly string[];
  readonly bars: ReadonlyArray<{ readonly label: string; readonly values: readonly number[] }>;
}

export function stackedBars(spec: StackedBarsSpec): string {
  // Labels hang at 45°: they need about 0.71 × their length below the axis.
  const longest = Math.max(0, ...spec.bars.map((b) => textWidth(b.label)));
  const M = { top: 34, right: 40 + Math.max(...spec.stacks.map(textWidth)), bottom: 24 + Math.ceil(longest * 0.71), left: 70 };
  const barW = Math.max(10, Math.min(40, Math.floor(640 / Math.max(1, spec.bars.length)) - 6));
  const plotW = spec.bars.length * (barW + 6);
  const plotH = 220;
  const width = M.left + plotW + M.right;
  const height = M.top + plotH + M.bottom;
  const totals = spec.bars.map((b) => b.values.reduce((a, v) => a + v, 0));
  const ticks = niceTicks(0, Math.max(1, ...totals));
  const y = linearScale([0, ticks[ticks.length - 1]], [M.top + plotH, M.top]);
  const grid = ticks
    .map((t) => `<line class="grid" x1="${M.left}" x2="${M.left + plotW}" y1="${n(y(t))}" y2="${n(y(t))}"/><text class="tick" x="${M.left - 6}" y="${n(y(t) + 4)}" text-anchor="end">${esc(tickLabel(t))}</text>`)
    .join("");
  const bars = spec.bars
    .map((bar, i) => {
      const bx = M.left + 3 + i * (barW + 6);
      let base = 0;
      const segments = bar.values
        .map((v, k) => {
          if (v <= 0) return "";
          const y0 = y(base);
          base += v;
          const y1 = y(base);
          return `<rect class="bar" x="${bx}" y="${n(y1)}" width="${barW}" height="${n(Math.max(0.5, y0 - y1))}" fill="${PALETTE[k % PALETTE.length]}"><title>${esc(`${bar.label}: ${v} ${spec.stacks[k]}`)}</title></rect>`;
        })
        .join("");
      const lx = bx + barW / 2;
      const label = `<text class="tick bar-label" transform="translate(${n(lx)} ${M.top + plotH + 10}) rotate(45)">${esc(bar.label)}<title>${esc(`${bar.label}: ${totals[i]} drops`)}</title></text>`;
      return segments + label;
    })
    .join("");
  const legend = spec.stacks
    .map((s, k) => `<rect x="${M.left + plotW + 16}" y="${M.top + k * 18}" width="12" height="12" fill="${PALETTE[k % PALETTE.length]}"/><text class="legend" x="${M.left + plotW + 34}" y="${M.top + k * 18 + 10}">${esc(s)}</text>`)
    .join("");
  return [
    `<svg class="chart stacked-bars" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(spec.title)}">`,
    `<title>${esc(spec.title)}</title>`,
    `<text class="chart-title" x="${M.left}" y="20">${esc(spec.title)}</text>`,
    grid,
    `<line class="axis" x1="${M.left}" x2="${M.left + plotW}" y1="${M.top + plotH}" y2="${M.top + plotH}"/>`,
    `<text class="axis-label" transform="translate(16 ${M.top + plotH / 2}) rotate(-90)" text-anchor="middle">${esc(spec.yLabel)}</text>`,
    bars,
    legend,
    "</svg>",
  ].join("");
}
