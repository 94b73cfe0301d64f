/** RFC 4180 CSV: comma-separated, CRLF-free (`\n`), fields quoted when they hold `,` `"` or a line break. */
export function csvTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const field = (x: string | number): string => {
    const s = String(x);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((row) => row.map(field).join(",")).join("\n");
}
