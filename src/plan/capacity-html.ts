/**
 * The capacity document as one self-contained HTML page (inline CSS and SVG, no script): a bar
 * per configuration at its capacity, a whisker out to the first load that failed (the bracket),
 * the binding term written beside it, and the table below.
 */
import { esc, linearScale, n, niceTicks, PALETTE, textWidth, tickLabel } from "../report/html/svg.js";
import type { CapacityDocument, CapacityResult } from "./capacity-model.js";
import { bracketText } from "./capacity-text.js";

const STYLE = `body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1000px; color: #1b1b1b; padding: 0 16px; }
h1 { font-size: 22px; } .meta { color: #555; } svg { background: #fff; border: 1px solid #e4e4e4; border-radius: 4px; max-width: 100%; height: auto; }
.tick, .row-label, .note { font-size: 11px; fill: #333; } .grid { stroke: #eee; } .axis-label { font-size: 12px; fill: #333; }
table { border-collapse: collapse; font-size: 12px; margin-top: 12px; } th, td { padding: 3px 8px; border-bottom: 1px solid #eee; text-align: right; } th { background: #f6f6f6; }
pre { background: #f6f8fa; padding: 12px; border-radius: 4px; overflow-x: auto; font-size: 12px; }`;

const labelOf = (c: CapacityResult): string =>
  Object.keys(c.params).length === 0 ? "scenario" : Object.entries(c.params).map(([k, v]) => `${k}=${v}`).join(", ");

function chart(doc: CapacityDocument): string {
  const rows = doc.configurations;
  const labelWidth = Math.max(60, ...rows.map((c) => textWidth(labelOf(c)))) + 12;
  const width = 900;
  const barH = 22;
  const top = 36;
  const height = top + rows.length * (barH + 10) + 44;
  const maxLoad = Math.max(1, ...rows.map((c) => c.bracket.high ?? c.capacity));
  const ticks = niceTicks(0, maxLoad);
  const x = linearScale([0, ticks[ticks.length - 1]], [labelWidth, width - 160]);
  const parts: string[] = [
    `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="capacity per configuration">`,
    `<text x="${labelWidth}" y="20" class="axis-label">Highest ${esc(doc.loadAxis)} meeting ${esc(doc.slo.text)}</text>`,
  ];
  for (const t of ticks) {
    parts.push(`<line class="grid" x1="${n(x(t))}" x2="${n(x(t))}" y1="${top - 6}" y2="${height - 36}"/>`);
    parts.push(`<text class="tick" x="${n(x(t))}" y="${height - 20}" text-anchor="middle">${esc(tickLabel(t))}</text>`);
  }
  rows.forEach((c, i) => {
    const y = top + i * (barH + 10);
    const color = PALETTE[0];
    parts.push(`<text class="row-label" x="${labelWidth - 8}" y="${n(y + barH / 2 + 4)}" text-anchor="end">${esc(labelOf(c))}</text>`);
    parts.push(`<rect x="${n(x(0))}" y="${y}" width="${n(x(c.capacity) - x(0))}" height="${barH}" fill="${color}"><title>${esc(`${labelOf(c)}: ${c.capacity} (${bracketText(c)})`)}</title></rect>`);
    const end = c.bracket.high;
    if (end !== null) {
      const ym = y + barH / 2;
      parts.push(`<line x1="${n(x(c.capacity))}" x2="${n(x(end))}" y1="${n(ym)}" y2="${n(ym)}" stroke="#D55E00" stroke-width="2"/>`);
      parts.push(`<line x1="${n(x(end))}" x2="${n(x(end))}" y1="${y + 4}" y2="${y + barH - 4}" stroke="#D55E00" stroke-width="2"/>`);
    }
    const note = end === null ? "met at the highest load tried" : `${c.binding.join(", ") || "—"}; ${c.aboveCapacity?.bottleneck ?? ""}`;
    parts.push(`<text class="note" x="${n(x(end ?? c.capacity) + 6)}" y="${n(y + barH / 2 + 4)}">${esc(note)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n");
}

function table(doc: CapacityDocument): string {
  const head = ["configuration", "capacity", "bracket", "cpu max at capacity", "binds above", "bottleneck above"].map((h) => `<th>${esc(h)}</th>`).join("");
  const rows = doc.configurations
    .map((c) => {
      const cells = [labelOf(c), String(c.capacity), bracketText(c), c.atCapacity ? `${Math.round(c.atCapacity.cpuMax * 100)}%` : "-", c.binding.join(" ") || "-", c.aboveCapacity?.bottleneck ?? "-"];
      return `<tr>${cells.map((v) => `<td>${esc(v)}</td>`).join("")}</tr>`;
    })
    .join("\n");
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

export function capacityHtml(doc: CapacityDocument, fileName: string): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>nicsim capacity — ${esc(fileName)}</title><style>${STYLE}</style></head><body>`,
    "<h1>nicsim capacity</h1>",
    `<p class="meta">${esc(fileName)}: ${esc(doc.generator)}, scenario ${esc(doc.source)}; SLO ${esc(doc.slo.text)}; ${doc.replications} replication(s) per probe; resolution ${+(doc.resolution * 100).toFixed(3)}%. Bar: the highest load that met the SLO; whisker: up to the first load that did not.</p>`,
    chart(doc),
    table(doc),
    `<h2>Scenario</h2><pre>${esc(JSON.stringify(doc.scenario, null, 2))}</pre>`,
    "</body></html>",
    "",
  ].join("\n");
}
