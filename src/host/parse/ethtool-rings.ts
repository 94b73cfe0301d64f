/**
 * `ethtool -g DEV` (ring sizes), text and JSON forms. Text: "Pre-set maximums:" and "Current
 * hardware settings:" sections with `RX:`, `RX Mini:`, `RX Jumbo:`, `TX:` (newer versions add
 * `RX Buf Len:`, `CQE Size:`, `TX Push:`, `TCP data split:`, read and ignored); `n/a` = not
 * reported. JSON (ethtool 6.2+): `rx-max`, `rx`, `tx-max`, `tx`, … absent when not reported.
 */
import { SnapshotFormatError, count, jsonCount, jsonObjects, numberedLines } from "./format-error.js";

export interface EthtoolRings {
  readonly rxMax: number | null;
  readonly rx: number | null;
  readonly txMax: number | null;
  readonly tx: number | null;
}

export function parseEthtoolRings(text: string, file: string): EthtoolRings {
  const values: Record<string, number | null> = {};
  let section: "max" | "current" | null = null;
  for (const { n, text: line } of numberedLines(text)) {
    const t = line.trim();
    if (t === "" || /^Ring parameters for /.test(t)) continue;
    if (t === "Pre-set maximums:") section = "max";
    else if (t === "Current hardware settings:") section = "current";
    else {
      const m = /^(RX|TX):\s*(\S+)$/.exec(t);
      if (m === null) continue; // RX Mini, RX Jumbo, RX Buf Len, CQE Size, TX Push, …
      if (section === null) throw new SnapshotFormatError(file, n, m[1], 'appears before "Pre-set maximums:"');
      values[`${m[1]}-${section}`] = m[2] === "n/a" ? null : count(m[2], file, n, m[1]);
    }
  }
  if (section === null) throw new SnapshotFormatError(file, 0, "", 'no "Pre-set maximums:" section: not `ethtool -g` output');
  return { rxMax: values["RX-max"] ?? null, rx: values["RX-current"] ?? null, txMax: values["TX-max"] ?? null, tx: values["TX-current"] ?? null };
}

export function parseEthtoolRingsJson(text: string, file: string): EthtoolRings {
  const [o] = jsonObjects(text, file);
  if (o === undefined) throw new SnapshotFormatError(file, 0, "", "an empty list");
  const get = (key: string): number | null => jsonCount(o, key, file) ?? null;
  return { rxMax: get("rx-max"), rx: get("rx"), txMax: get("tx-max"), tx: get("tx") };
}
