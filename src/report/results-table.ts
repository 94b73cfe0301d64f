import type { PointResult } from "./result-model.js";
import { humanColumns } from "./results-columns.js";
import { textTable } from "./text-table.js";

/** One row per point: its parameters, throughput, latency percentiles, drops, CPU, imbalance. */
export function resultsTable(points: readonly PointResult[]): string {
  const columns = humanColumns(points);
  return textTable(
    columns.map((c) => c.title),
    points.map((p) => columns.map((c) => c.human(p))),
  );
}
