/**
 * `ethtool -x DEV` (RSS indirection table, key, hash function, input transformation), text and
 * JSON forms.
 *
 * Text: "RX flow hash indirection table for DEV with N RX ring(s):" then rows `%5u:` + up to 8
 * entries; "RSS hash key:" then colon-separated hex bytes; "RSS hash function:" then
 * `    NAME: on|off` lines (absent in old versions); "RSS input transformation:" then
 * `    symmetric-xor: on|off` (and `symmetric-or-xor`), only in recent versions. A part the device
 * lacks reads "Operation not supported" (null here).
 * JSON (ethtool 6.2+): `rss-indirection-table` (array), `rss-hash-key` (array of byte values),
 * `rss-hash-function` (name), `rss-input-transformation` ({ "symmetric-xor": bool,
 * "symmetric-or-xor": bool }); ethtool's netlink/rss.c.
 */
import { SnapshotFormatError, count, jsonObjects, numberedLines } from "./format-error.js";

export type InputXfrm = "none" | "symmetric-xor" | "symmetric-or-xor";

export interface EthtoolRxfh {
  /** "with N RX ring(s)" (null in the JSON form, which does not say). */
  readonly rings: number | null;
  /** The indirection table (null: not supported). */
  readonly table: readonly number[] | null;
  /** The key bytes (null: not supported). */
  readonly key: readonly number[] | null;
  /** The hash function that is on (null: not shown). */
  readonly hfunc: string | null;
  /** null: the version shows no input transformation. */
  readonly inputXfrm: InputXfrm | null;
}

function parseKey(text: string, file: string, line: number): number[] {
  const bytes = text.trim().split(":");
  return bytes.map((b, i) => {
    if (!/^[0-9a-fA-F]{2}$/.test(b)) throw new SnapshotFormatError(file, line, `RSS hash key byte ${i}`, `${JSON.stringify(b)} is not two hex digits`);
    return parseInt(b, 16);
  });
}

export function parseEthtoolRxfh(text: string, file: string): EthtoolRxfh {
  let rings: number | null = null;
  let table: number[] | null = null;
  let key: number[] | null = null;
  let hfunc: string | null = null;
  let xfrm: InputXfrm | null = null;
  let part: "table" | "key" | "hfunc" | "xfrm" | null = null;
  let seenHeader = false;
  for (const { n, text: line } of numberedLines(text)) {
    const t = line.trim();
    if (t === "") continue;
    const header = /^RX flow hash indirection table for \S+ with (\d+) RX ring\(s\):$/.exec(t);
    if (header !== null) {
      rings = Number(header[1]);
      part = "table";
      seenHeader = true;
      continue;
    }
    if (t === "RSS hash key:") {
      part = "key";
      seenHeader = true;
      continue;
    }
    if (t === "RSS hash function:") {
      part = "hfunc";
      continue;
    }
    if (t === "RSS input transformation:") {
      part = "xfrm";
      xfrm = "none";
      continue;
    }
    if (/^Operation not supported$/.test(t) || /^RSS context \d+/.test(t)) continue;
    if (part === "table") {
      const m = /^(\d+):((?:\s+\d+)*)$/.exec(t);
      if (m === null) throw new SnapshotFormatError(file, n, "indirection table", `unexpected row ${JSON.stringify(t)}`);
      const start = Number(m[1]);
      table ??= [];
      if (start !== table.length) throw new SnapshotFormatError(file, n, "indirection table", `row starts at ${start}, expected ${table.length}`);
      for (const v of m[2].trim().split(/\s+/)) if (v !== "") table.push(count(v, file, n, `indirection table entry ${table.length}`));
    } else if (part === "key") {
      key = parseKey(t, file, n);
      part = null;
    } else if (part === "hfunc" || part === "xfrm") {
      const m = /^([A-Za-z0-9-]+):\s*(on|off)$/.exec(t);
      if (m === null) {
        if (/^Unknown bits/.test(t)) continue;
        throw new SnapshotFormatError(file, n, part === "hfunc" ? "RSS hash function" : "RSS input transformation", `unexpected line ${JSON.stringify(t)}`);
      }
      if (m[2] === "on") {
        if (part === "hfunc") hfunc = m[1];
        else if (m[1] === "symmetric-xor" || m[1] === "symmetric-or-xor") xfrm = m[1];
      }
    } else {
      throw new SnapshotFormatError(file, n, "", `unexpected line ${JSON.stringify(t)}`);
    }
  }
  if (!seenHeader) throw new SnapshotFormatError(file, 0, "", "no indirection table or key section: not `ethtool -x` output");
  return { rings, table, key, hfunc, inputXfrm: xfrm };
}

function byteArray(value: unknown, file: string, field: string): number[] {
  if (!Array.isArray(value)) throw new SnapshotFormatError(file, 0, field, "is not an array");
  return value.map((v, i) => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw new SnapshotFormatError(file, 0, `${field}[${i}]`, `${JSON.stringify(v)} is not a whole number`);
    return v;
  });
}

export function parseEthtoolRxfhJson(text: string, file: string): EthtoolRxfh {
  const [o] = jsonObjects(text, file);
  if (o === undefined) throw new SnapshotFormatError(file, 0, "", "an empty list");
  const table = o["rss-indirection-table"] === undefined ? null : byteArray(o["rss-indirection-table"], file, "rss-indirection-table");
  const key = o["rss-hash-key"] === undefined ? null : byteArray(o["rss-hash-key"], file, "rss-hash-key");
  if (key !== null && key.some((b) => b > 255)) throw new SnapshotFormatError(file, 0, "rss-hash-key", "has a value above 255");
  const hf = o["rss-hash-function"];
  if (hf !== undefined && typeof hf !== "string") throw new SnapshotFormatError(file, 0, "rss-hash-function", "is not a string");
  const x = o["rss-input-transformation"];
  let inputXfrm: InputXfrm | null = null;
  if (x !== undefined) {
    if (typeof x !== "object" || x === null) throw new SnapshotFormatError(file, 0, "rss-input-transformation", "is not an object");
    const flags = x as Record<string, unknown>;
    inputXfrm = flags["symmetric-or-xor"] === true ? "symmetric-or-xor" : flags["symmetric-xor"] === true ? "symmetric-xor" : "none";
  }
  return { rings: null, table, key, hfunc: hf ?? null, inputXfrm };
}
