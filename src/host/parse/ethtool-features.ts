/**
 * `ethtool -k DEV` (offload features), text and JSON forms. Text: "Features for DEV:" then
 * `name: on|off`, optionally followed by ` [fixed]` or ` [requested on]`; sub-features are indented
 * under their group (`tx-checksumming: on` then `\ttx-checksum-ipv4: off [fixed]`). JSON (netlink
 * ethtool): one object per device with `"name": { "active", "fixed", "requested" }`. Both are
 * read into feature name → active.
 */
import { SnapshotFormatError, jsonObjects, numberedLines } from "./format-error.js";

export function parseEthtoolFeatures(text: string, file: string): ReadonlyMap<string, boolean> {
  const out = new Map<string, boolean>();
  let header = false;
  for (const { n, text: line } of numberedLines(text)) {
    const t = line.trim();
    if (/^Features for /.test(t)) {
      header = true;
      continue;
    }
    if (t === "") continue;
    const m = /^([A-Za-z0-9_-]+):\s*(on|off)(\s+\[.*\])?$/.exec(t);
    if (m === null) throw new SnapshotFormatError(file, n, t, "is not `name: on|off` as `ethtool -k` prints a feature");
    out.set(m[1], m[2] === "on");
  }
  if (!header) throw new SnapshotFormatError(file, 0, "", 'no "Features for" line: not `ethtool -k` output');
  return out;
}

export function parseEthtoolFeaturesJson(text: string, file: string): ReadonlyMap<string, boolean> {
  const [o] = jsonObjects(text, file);
  if (o === undefined) throw new SnapshotFormatError(file, 0, "", "an empty list");
  const out = new Map<string, boolean>();
  for (const [name, value] of Object.entries(o)) {
    if (typeof value !== "object" || value === null || !("active" in value)) continue;
    const active = (value as { active: unknown }).active;
    if (typeof active !== "boolean") throw new SnapshotFormatError(file, 0, `${name}.active`, `${JSON.stringify(active)} is not true or false`);
    out.set(name, active);
  }
  return out;
}
