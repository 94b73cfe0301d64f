/**
 * `ethtool -n DEV rx-flow-hash TYPE`: which header fields the NIC hashes for a flow type.
 * "UDP over IPV4 flows use these fields for computing Hash flow key:" then one line per field
 * (`L2DA`, `VLAN tag`, `L3 proto`, `IP SA`, `IP DA`, `L4 bytes 0 & 1 [TCP/UDP src port]`,
 * `L4 bytes 2 & 3 [TCP/UDP dst port]`), or `None`. Returned as ethtool's `-N` letters
 * (m v t s d f n), in that canonical order; "" for None.
 */
import { SnapshotFormatError, numberedLines } from "./format-error.js";

const FIELDS: readonly (readonly [RegExp, string])[] = [
  [/^L2DA$/, "m"],
  [/^VLAN tag$/, "v"],
  [/^L3 proto$/, "t"],
  [/^IP SA$/, "s"],
  [/^IP DA$/, "d"],
  [/^L4 bytes 0 & 1/, "f"],
  [/^L4 bytes 2 & 3/, "n"],
  [/^GTP TEID/, "e"],
];
const ORDER = "mvtsdfne";

export function parseEthtoolFlowHash(text: string, file: string): string {
  const lines = numberedLines(text).filter((l) => l.text.trim() !== "");
  if (lines.length === 0 || !/flows use these fields for computing Hash flow key:$/.test(lines[0].text.trim())) {
    throw new SnapshotFormatError(file, lines[0]?.n ?? 0, "", "no \"... flows use these fields for computing Hash flow key:\" line: not `ethtool -n DEV rx-flow-hash` output");
  }
  const letters = new Set<string>();
  for (const { n, text: line } of lines.slice(1)) {
    const t = line.trim();
    if (t === "None") continue;
    const hit = FIELDS.find(([re]) => re.test(t));
    if (hit === undefined) throw new SnapshotFormatError(file, n, "hash field", `unknown field ${JSON.stringify(t)}`);
    letters.add(hit[1]);
  }
  return [...ORDER].filter((c) => letters.has(c)).join("");
}
