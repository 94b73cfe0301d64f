import { LoadError } from "../../config/errors.js";

/**
 * A snapshot file nicsim cannot read: names the file, the 1-based line (0: the whole file) and
 * the field. It is a LoadError, so every command reports it as one line and exits 2:
 * `ethtool/eth0/l.txt:7: Combined: "x" is not a number`.
 */
export class SnapshotFormatError extends LoadError {
  constructor(
    readonly file: string,
    readonly lineNumber: number,
    readonly field: string,
    readonly reason: string,
  ) {
    super(lineNumber > 0 ? `${file}:${lineNumber}` : file, field === "" ? reason : `${field}: ${reason}`);
  }
}

/** A text's lines with their 1-based numbers; a final empty line (the trailing newline) dropped. */
export function numberedLines(text: string): { readonly n: number; readonly text: string }[] {
  const lines = text.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines.map((line, i) => ({ n: i + 1, text: line.replace(/\r$/, "") }));
}

/** A decimal count: digits only. */
export function count(value: string, file: string, line: number, field: string): number {
  const v = value.trim();
  if (!/^\d+$/.test(v)) throw new SnapshotFormatError(file, line, field, `${JSON.stringify(v)} is not a whole number`);
  return Number(v);
}

/** JSON text as an array of objects (what `ethtool --json` prints: one object per device). */
export function jsonObjects(text: string, file: string): Record<string, unknown>[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SnapshotFormatError(file, 0, "", `not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const items = Array.isArray(value) ? value : [value];
  items.forEach((item, i) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) throw new SnapshotFormatError(file, 0, `[${i}]`, "is not an object");
  });
  return items as Record<string, unknown>[];
}

/** A JSON member that must be a whole number when present; undefined when absent. */
export function jsonCount(object: Record<string, unknown>, key: string, file: string): number | undefined {
  const v = object[key];
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw new SnapshotFormatError(file, 0, key, `${JSON.stringify(v)} is not a whole number`);
  return v;
}

/**
 * The CPU ids of a per-CPU table's header line (`CPU0 CPU1 …`: /proc/interrupts, /proc/softirqs),
 * and the numbered lines; an empty text or another word in the header is a SnapshotFormatError.
 */
export function cpuHeader(text: string, file: string): { readonly cpus: number[]; readonly lines: { readonly n: number; readonly text: string }[] } {
  const lines = numberedLines(text);
  const head = lines[0];
  if (head === undefined) throw new SnapshotFormatError(file, 0, "", "empty");
  const cpus = head.text
    .trim()
    .split(/\s+/)
    .map((w) => {
      const m = /^CPU(\d+)$/.exec(w);
      if (m === null) throw new SnapshotFormatError(file, head.n, "header", `${JSON.stringify(w)} is not CPUn`);
      return Number(m[1]);
    });
  return { cpus, lines };
}
