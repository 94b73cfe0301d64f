/**
 * `ip -j addr show` → `addr add` lines, device by device in the dump's order. IPv4 addresses
 * in the kernel's list order (primaries before their secondaries: replaying them gives the same
 * list); IPv6 ones in reverse, since the kernel puts the newest address of a scope first and
 * source selection breaks ties by that order.
 * Kept: local/prefixlen, scope, noprefixroute, metric, broadcast. `lo`'s 127.0.0.1/8 and ::1
 * are skipped (the model always has them). IPv6 addresses still tentative or that failed DAD
 * are skipped: the kernel has no local route for them yet. Peer (point-to-point) addresses and
 * other families are refused: the model has no such thing.
 */
import { parseAddress } from "../inet.js";
import type { DumpEntry, ImportedLine } from "./dump-entries.js";

const ADDR_KEYS = new Set([
  "family",
  "address",
  "local",
  "prefixlen",
  "scope",
  "broadcast",
  "secondary",
  "noprefixroute",
  "metric",
  "label",
  "valid_life_time",
  "preferred_life_time",
  "dynamic",
  "deprecated",
  "permanent",
  "tentative",
  "dadfailed",
  "nodad",
  "optimistic",
  "home",
  "mngtmpaddr",
  "autojoin",
  "stable-privacy",
  "protocol",
]);

function isLoopbackDefault(dev: string, family: string, local: string, len: number): boolean {
  return dev === "lo" && ((family === "inet" && local === "127.0.0.1" && len === 8) || (family === "inet6" && local === "::1" && len === 128));
}

/** One address → its `ip -4|-6 addr add` line, or undefined when it is skipped. */
function addrLine(dev: string, info: DumpEntry): string | undefined {
  const where = (detail: string): never => info.fail(detail);
  for (const key of Object.keys(info.fields)) if (!ADDR_KEYS.has(key)) where(`"${key}" is not modelled`);
  const family = info.string("family") ?? where(`"family" is missing`);
  if (family !== "inet" && family !== "inet6") where(`family "${family}" is not modelled (inet and inet6 are)`);
  const fam = family === "inet" ? 4 : 6;
  const local = info.string("local") ?? where(`"local" is missing`);
  if (parseAddress(local, fam) === undefined) where(`"local" ${JSON.stringify(local)} is not an ${family} address`);
  const len = info.number("prefixlen") ?? where(`"prefixlen" is missing`);
  if (len > (fam === 4 ? 32 : 128)) where(`"prefixlen" ${len} is too long`);
  if (info.has("address") && info.fields.address !== local) where(`peer addresses are not modelled`);
  if (isLoopbackDefault(dev, family, local, len)) return undefined;
  if (info.has("tentative") || info.has("dadfailed")) return undefined;
  const words = [`ip -${fam} addr add ${local}/${len} dev ${dev}`];
  const broadcast = info.string("broadcast");
  if (broadcast !== undefined) {
    if (parseAddress(broadcast, 4) === undefined) where(`"broadcast" ${JSON.stringify(broadcast)} is not an inet address`);
    words.push(`brd ${broadcast}`);
  }
  const scope = info.numberOrString("scope");
  if (scope !== undefined) words.push(`scope ${scope}`);
  if (info.has("noprefixroute")) words.push("noprefixroute");
  const metric = info.number("metric");
  if (metric !== undefined) words.push(`metric ${metric}`);
  return words.join(" ");
}

/** The `addr add` lines of an addr dump, each with the entry it came from. */
export function importAddrs(entries: readonly DumpEntry[]): ImportedLine[] {
  const lines: ImportedLine[] = [];
  for (const entry of entries) {
    const dev = entry.requiredString("ifname");
    const v4: ImportedLine[] = [];
    const v6: ImportedLine[] = [];
    entry.objects("addr_info").forEach((info) => {
      const line = addrLine(dev, info);
      if (line !== undefined) (line.startsWith("ip -4") ? v4 : v6).push({ entry, line });
    });
    // IPv6 lists the newest address of a scope first: replaying oldest first rebuilds the order
    lines.push(...v4, ...v6.reverse());
  }
  return lines;
}
