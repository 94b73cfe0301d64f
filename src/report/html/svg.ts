/**
 * Small helpers for hand-written SVG: escaping, linear and log scales, tick values, a palette.
 * Cold code: a report draws a few hundred elements.
 */

/** Text and attribute values, escaped for XML/HTML. */
export function esc(value: string | number): string {
  return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Numbers in SVG attributes: at most 2 decimals, no `-0`. */
export const n = (x: number): string => {
  const r = Math.round(x * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
};

export type Scale = (v: number) => number;

export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/** Log10 scale; values ≤ 0 are drawn at the domain's low end. */
export function logScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const lin = linearScale([Math.log10(domain[0]), Math.log10(domain[1])], range);
  return (v) => lin(Math.log10(Math.max(v, domain[0])));
}

/** About `count` round tick values from at or below `lo` to at or above `hi` (1, 2, 5 × 10^k steps). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  const first = Math.floor(lo / step + 1e-9);
  for (let k = first; ticks.length === 0 || ticks[ticks.length - 1] < hi - step * 1e-9; k++) ticks.push(+(k * step).toPrecision(12));
  return ticks;
}

/** Width in px that `text` takes at about 11 px sans-serif (for margins; no layout engine here). */
export function textWidth(text: string): number {
  return Math.ceil(text.length * 6.2);
}

/** Powers of ten covering [lo, hi], for a log axis. */
export function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) ticks.push(10 ** e);
  return ticks;
}

/** A tick label: 1500000 → 1.5M, 0.25 → 0.25. */
export function tickLabel(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 1e6) return `${+(v / 1e6).toFixed(2)}M`;
  if (abs >= 1e4) return `${+(v / 1e3).toFixed(1)}k`;
  return String(+v.toPrecision(3));
}

/** Colour-blind-safe categorical palette (Okabe–Ito). */
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"];
