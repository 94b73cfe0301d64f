/**
 * Without an `ip -j addr show` dump, the addresses are read back from the routes the kernel made
 * for them (`proto kernel` in a route dump):
 *   - IPv4: each `local` host route in table local is an address of its device; its `prefsrc`
 *     is its primary (a different primary makes it a secondary of that one's prefix). The
 *     prefix length is the one of the connected route through the device with that `prefsrc`,
 *     else the one its subnet broadcast route implies (then the address had `noprefixroute`),
 *     else /32 (a device that is down has neither). The connected route's metric is kept.
 *   - IPv6: each `local` route in table local on a device other than `lo`; the prefix length is
 *     the longest kernel route through that device containing it, else /128 (`noprefixroute`).
 * What routes do not show is lost: an address's scope (global assumed) and, for IPv6, the
 * order of addresses of one scope. Give the addr dump for those.
 */
import { formatAddress, inPrefix, parseAddress, parsePrefix, prefixMask } from "../inet.js";
import type { Family } from "../types.js";
import type { DumpEntry, ImportedLine } from "./dump-entries.js";

interface KernelRoute {
  readonly entry: DumpEntry;
  readonly type: string;
  readonly table: string;
  readonly dev: string;
  readonly dst: bigint;
  readonly len: number;
  readonly prefsrc: bigint | undefined;
  readonly metric: number;
  readonly hostRoute: boolean;
}

function kernelRoutes(entries: readonly DumpEntry[], family: Family): KernelRoute[] {
  const out: KernelRoute[] = [];
  for (const entry of entries) {
    if (entry.fields.protocol !== "kernel" || typeof entry.fields.dev !== "string" || typeof entry.fields.dst !== "string") continue;
    const prefix = entry.fields.dst === "default" ? undefined : parsePrefix(entry.fields.dst, family);
    if (prefix === undefined) continue;
    const src = typeof entry.fields.prefsrc === "string" ? parseAddress(entry.fields.prefsrc, family)?.addr : undefined;
    out.push({
      entry,
      type: typeof entry.fields.type === "string" ? entry.fields.type : "unicast",
      table: typeof entry.fields.table === "string" ? entry.fields.table : "main",
      dev: entry.fields.dev,
      dst: prefix.addr,
      len: prefix.len,
      prefsrc: src,
      metric: typeof entry.fields.metric === "number" ? entry.fields.metric : 0,
      hostRoute: !prefix.lengthGiven || prefix.len === (family === 4 ? 32 : 128),
    });
  }
  return out;
}

function inferred4(routes: readonly KernelRoute[]): ImportedLine[] {
  const locals = routes.filter((r) => r.type === "local" && r.table === "local" && r.hostRoute && r.prefsrc !== undefined);
  const lengthOf = (addr: bigint, dev: string): { len: number; metric: number; noprefixroute: boolean } => {
    const connected = routes.find((r) => r.type === "unicast" && r.dev === dev && r.prefsrc === addr && !r.hostRoute && inPrefix(4, addr, r.dst, r.len));
    if (connected !== undefined) return { len: connected.len, metric: connected.metric, noprefixroute: false };
    for (const b of routes) {
      if (b.type !== "broadcast" || b.dev !== dev || b.prefsrc !== addr) continue;
      for (let len = 31; len >= 1; len--) {
        const host = ~prefixMask(4, len) & 0xffffffffn;
        if ((addr | host) === b.dst) return { len, metric: 0, noprefixroute: true };
      }
    }
    return { len: 32, metric: 0, noprefixroute: false };
  };
  const line = (r: KernelRoute, len: number, metric: number, noprefixroute: boolean): ImportedLine => ({
    entry: r.entry,
    line: `ip -4 addr add ${formatAddress(4, r.dst)}/${len} dev ${r.dev}${noprefixroute ? " noprefixroute" : ""}${metric !== 0 ? ` metric ${metric}` : ""}`,
  });
  const primaries = locals.filter((r) => r.prefsrc === r.dst && !(r.dev === "lo" && r.dst === 0x7f000001n));
  const out = primaries.map((r) => {
    const { len, metric, noprefixroute } = lengthOf(r.dst, r.dev);
    return line(r, len, metric, noprefixroute);
  });
  for (const r of locals) {
    if (r.prefsrc === r.dst || r.prefsrc === undefined) continue;
    const primary = primaries.find((p) => p.dst === r.prefsrc && p.dev === r.dev);
    if (primary === undefined) continue;
    const { len, metric, noprefixroute } = lengthOf(primary.dst, primary.dev);
    out.push(line(r, len, metric, noprefixroute));
  }
  return out;
}

function inferred6(routes: readonly KernelRoute[]): ImportedLine[] {
  const out: ImportedLine[] = [];
  for (const r of routes) {
    if (r.type !== "local" || r.table !== "local" || !r.hostRoute || r.dev === "lo") continue;
    const covering = routes
      .filter((c) => c.type === "unicast" && c.dev === r.dev && !c.hostRoute && inPrefix(6, r.dst, c.dst, c.len))
      .sort((a, b) => b.len - a.len)[0];
    const len = covering?.len ?? 128;
    const extra = covering === undefined ? " noprefixroute" : covering.metric !== 256 ? ` metric ${covering.metric}` : "";
    out.push({ entry: r.entry, line: `ip -6 addr add ${formatAddress(6, r.dst)}/${len} dev ${r.dev}${extra}` });
  }
  return out;
}

/** `addr add` lines for the addresses the route dumps show. */
export function addrsFromRoutes(routes4: readonly DumpEntry[], routes6: readonly DumpEntry[]): ImportedLine[] {
  return [...inferred4(kernelRoutes(routes4, 4)), ...inferred6(kernelRoutes(routes6, 6))];
}
