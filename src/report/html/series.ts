/**
 * Arranging points for charts: the x axis is the `queues` sweep axis when there is one (else the
 * first axis, else the point order), and the other axes' values name the series, so the bench
 * gives one line per offered load across 1, 2, 4, 8 queues.
 */
import type { PointResult } from "../result-model.js";

export interface Arranged {
  /** Axis on x, or undefined (x = point index). */
  readonly xAxis: string | undefined;
  /** The distinct x values in order of appearance (numbers or strings). */
  readonly xValues: ReadonlyArray<string | number>;
  readonly series: ReadonlyArray<{ readonly name: string; readonly points: ReadonlyArray<{ readonly x: number; readonly point: PointResult }> }>;
}

export function arrange(points: readonly PointResult[]): Arranged {
  const axes = [...new Set(points.flatMap((p) => Object.keys(p.params)))];
  const xAxis = axes.includes("queues") ? "queues" : axes[0];
  const xOf = (p: PointResult, i: number): string | number => (xAxis === undefined ? i + 1 : (p.params[xAxis] ?? ""));
  const xValues = [...new Set(points.map(xOf))];
  const numeric = xValues.every((v) => typeof v === "number");
  const ordered = numeric ? [...xValues].sort((a, b) => Number(a) - Number(b)) : xValues;
  const groups = new Map<string, Array<{ x: number; point: PointResult }>>();
  points.forEach((p, i) => {
    const name = axes.filter((a) => a !== xAxis).map((a) => `${a}=${p.params[a]}`).join(", ");
    const list = groups.get(name) ?? [];
    list.push({ x: ordered.indexOf(xOf(p, i)), point: p });
    groups.set(name, list);
  });
  return {
    xAxis,
    xValues: ordered,
    series: [...groups.entries()].map(([name, list]) => ({ name: name === "" ? "all points" : name, points: list.sort((a, b) => a.x - b.x) })),
  };
}
