import { markdownTable } from "./markdown-table.js";
import type { PointResult } from "./result-model.js";
import { humanColumns } from "./results-columns.js";

/** The terminal table's rows as a Markdown table. */
export function resultsMarkdown(points: readonly PointResult[]): string {
  const columns = humanColumns(points);
  return markdownTable(
    columns.map((c) => c.title),
    points.map((p) => columns.map((c) => c.human(p))),
  );
}
