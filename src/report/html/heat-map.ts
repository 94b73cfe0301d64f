/**
 * A heat map in SVG: one row per point, one column per CPU, each cell's colour its load
 * (white 0 % → dark red 100 %), with the percentage written in cells wide enough, and the exact
 * value (and what it is made of, when given) on hover.
 */
import { esc, n } from "./svg.js";

export interface HeatMapSpec {
  readonly title: string;
  readonly rows: ReadonlyArray<{ readonly label: string; readonly values: readonly number[]; readonly details?: readonly string[] }>;
  /** Column labels (CPU numbers). */
  readonly columns: readonly string[];
}

/** 0..1 → a colour from near-white to dark red. */
export function heat(v: number): string {
  const t = Math.max(0, Math.min(1, v));
  const mix = (a: number, b: number): number => Math.round(a + (b - a) * t);
  return `rgb(${mix(255, 165)},${mix(247, 15)},${mix(236, 21)})`;
}

export function heatMap(spec: HeatMapSpec): string {
  const labelW = 230;
  const cell = Math.max(14, Math.min(40, Math.floor(620 / Math.max(1, spec.columns.length))));
  const rowH = 20;
  const top = 44;
  const width = labelW + cell * spec.columns.length + 20;
  const height = top + rowH * spec.rows.length + 30;
  const head = spec.columns.map((c, j) => `<text class="tick" x="${n(labelW + j * cell + cell / 2)}" y="${top - 6}" text-anchor="middle">${esc(c)}</text>`).join("");
  const rows = spec.rows
    .map((row, i) => {
      const ry = top + i * rowH;
      const cells = row.values
        .map((v, j) => {
          const text = cell >= 28 ? `<text class="cell-value${v > 0.55 ? " dark" : ""}" x="${n(labelW + j * cell + cell / 2)}" y="${ry + 14}" text-anchor="middle">${Math.round(v * 100)}</text>` : "";
          return `<rect class="cell" x="${labelW + j * cell}" y="${ry}" width="${cell - 1}" height="${rowH - 1}" fill="${heat(v)}"><title>${esc(`${row.label}, CPU ${spec.columns[j]}: ${(v * 100).toFixed(1)}%${row.details?.[j] === undefined ? "" : ` (${row.details[j]})`}`)}</title></rect>${text}`;
        })
        .join("");
      return `<text class="row-label" x="${labelW - 8}" y="${ry + 14}" text-anchor="end">${esc(row.label)}</text>${cells}`;
    })
    .join("");
  return [
    `<svg class="chart heat-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(spec.title)}">`,
    `<title>${esc(spec.title)}</title>`,
    `<text class="chart-title" x="8" y="18">${esc(spec.title)}</text>`,
    `<text class="axis-label" x="${labelW}" y="${top - 22}">CPU (cell: busy %)</text>`,
    head,
    rows,
    "</svg>",
  ].join("");
}
