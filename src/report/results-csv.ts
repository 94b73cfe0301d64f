import { csvTable } from "./csv.js";
import type { PointResult } from "./result-model.js";
import { csvColumns } from "./results-columns.js";

/** One CSV row per point, full precision, base units (pps, bps, µs, fractions of a CPU). */
export function resultsCsv(points: readonly PointResult[]): string {
  const columns = csvColumns(points);
  return csvTable(
    columns.map((c) => c.name),
    points.map((p) => columns.map((c) => c.raw(p))),
  );
}
