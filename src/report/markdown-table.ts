/**
 * GitHub-flavoured Markdown table (pull-request comments, `$GITHUB_STEP_SUMMARY`): numeric
 * columns right-aligned, `|` and line breaks escaped so a cell never breaks the table.
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cell = (x: string | number): string => String(x).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === "number" || /^[-+0-9.,%–]*$/.test(String(row[i]))));
  const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  return [
    line(header.map(cell)),
    line(numeric.map((n) => (n ? "---:" : ":---"))),
    ...rows.map((row) => line(row.map(cell))),
  ].join("\n");
}
