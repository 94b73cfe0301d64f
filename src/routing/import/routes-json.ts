/**
 * `ip -j route show table all` (or `ip -j -6 route show table all`) → one `RouteSpec` per
 * route: type, prefix, tos, table, protocol, scope, metric, prefsrc, IPv6 preference and the
 * nexthops (gateway, device, weight, onlink), with iproute2's omissions filled back in (no
 * `type` = unicast, no `table` = main, no `protocol` = boot, no `scope` = global, no `metric`
 * = 0). Flags the kernel derives (linkdown, dead, offload…) are dropped: the model derives them
 * from the device states. Keys that would change a decision and are not modelled (nhid, encap,
 * vrf…) are refused.
 */
import { parseAddress, parsePrefix } from "../inet.js";
import { RTN, RTPROT, SCOPE, TABLE } from "../kernel.js";
import { dsfieldId, protocolId, routeTypeId, scopeId, tableId } from "../names.js";
import type { Family } from "../types.js";
import type { DumpEntry } from "./dump-entries.js";
import { routeSpec } from "./route-spec.js";
import type { PathSpec, RouteSpec } from "./route-spec.js";

const ROUTE_KEYS = new Set([
  "type",
  "dst",
  "tos",
  "gateway",
  "dev",
  "table",
  "protocol",
  "scope",
  "prefsrc",
  "metric",
  "flags",
  "pref",
  "nexthops",
  "expires",
  "metrics",
  "cache",
  "from",
]);
const NEXTHOP_KEYS = new Set(["gateway", "dev", "weight", "flags"]);

/**
 * The family of one dumped route: IPv6 routes always carry `pref`; otherwise its addresses
 * tell, and a route with none (`default` blackhole, …) is IPv4. `ip -j route show table all`
 * lists both families, `ip -j -6 route show …` only IPv6.
 */
export function routeEntryFamily(e: DumpEntry): Family {
  if (e.has("pref")) return 6;
  const nexthops = Array.isArray(e.fields.nexthops) ? (e.fields.nexthops as unknown[]) : [];
  const gateways = nexthops.map((n) => (typeof n === "object" && n !== null ? (n as Record<string, unknown>).gateway : undefined));
  for (const text of [e.fields.dst, e.fields.gateway, e.fields.prefsrc, ...gateways]) {
    if (typeof text !== "string" || text === "default") continue;
    const parsed = parsePrefix(text, undefined);
    if (parsed?.family !== undefined) return parsed.family;
  }
  return 4;
}

function idOf(entry: DumpEntry, key: string, parse: (text: string) => number | undefined, fallback: number): number {
  const text = entry.numberOrString(key);
  if (text === undefined) return fallback;
  return parse(text) ?? entry.fail(`"${key}" ${JSON.stringify(text)} is not a known ${key}`);
}

function gatewayOf(entry: DumpEntry, family: Family): bigint | undefined {
  const text = entry.string("gateway");
  if (text === undefined) return undefined;
  const parsed = parseAddress(text, family);
  return parsed?.addr ?? entry.fail(`"gateway" ${JSON.stringify(text)} is not an IPv${family} address`);
}

/** One dumped route → its spec. */
export function dumpedRoute(entry: DumpEntry, family: Family): RouteSpec {
  entry.onlyKeys(ROUTE_KEYS, "routes");
  const fromText = entry.string("from");
  const from = fromText === undefined || family === 4 ? undefined : parsePrefix(fromText, family);
  if (fromText !== undefined && family === 6 && from === undefined) entry.fail(`"from" ${JSON.stringify(fromText)} is not an IPv6 prefix`);
  const type = idOf(entry, "type", routeTypeId, RTN.UNICAST);
  if (type === RTN.NAT || type === RTN.XRESOLVE || type === RTN.UNSPEC) entry.fail(`route type ${JSON.stringify(entry.fields.type)} is not modelled`);
  const dstText = entry.requiredString("dst");
  const prefix = dstText === "default" ? { addr: 0n, len: 0 } : parsePrefix(dstText, family);
  if (prefix === undefined) entry.fail(`"dst" ${JSON.stringify(dstText)} is not an IPv${family} prefix`);
  const prefsrcText = entry.string("prefsrc");
  const prefsrc = prefsrcText === undefined ? undefined : (parseAddress(prefsrcText, family)?.addr ?? entry.fail(`"prefsrc" ${JSON.stringify(prefsrcText)} is not an IPv${family} address`));
  const pref = entry.string("pref") ?? "medium";
  if (pref !== "low" && pref !== "medium" && pref !== "high") entry.fail(`"pref" ${JSON.stringify(pref)} is not low, medium or high`);
  const nexthops = entry.objects("nexthops");
  let paths: PathSpec[];
  if (nexthops.length > 0) {
    if (entry.has("gateway") || entry.has("dev")) entry.fail(`"nexthops" and a top-level "gateway"/"dev" together`);
    paths = nexthops.map((nh) => {
      nh.onlyKeys(NEXTHOP_KEYS, "nexthops");
      const weight = nh.number("weight") ?? 1;
      if (weight < 1 || weight > 256) nh.fail(`"weight" ${weight} is not 1..256`);
      return { gateway: gatewayOf(nh, family), dev: nh.string("dev"), weight, onlink: nh.strings("flags").includes("onlink") };
    });
  } else {
    paths = [{ gateway: gatewayOf(entry, family), dev: entry.string("dev"), weight: 1, onlink: entry.strings("flags").includes("onlink") }];
  }
  return routeSpec({
    family,
    type,
    dst: prefix.addr,
    len: prefix.len,
    tos: idOf(entry, "tos", dsfieldId, 0),
    table: idOf(entry, "table", tableId, TABLE.MAIN),
    protocol: idOf(entry, "protocol", protocolId, RTPROT.BOOT),
    scope: family === 4 ? idOf(entry, "scope", scopeId, SCOPE.UNIVERSE) : SCOPE.UNIVERSE,
    metric: entry.number("metric") ?? 0,
    prefsrc,
    pref,
    paths,
    src: from?.addr,
    srcLen: from?.len,
  });
}

export interface DumpedRoute {
  readonly entry: DumpEntry;
  readonly spec: RouteSpec;
}

export function importRoutes(entries: readonly DumpEntry[], family: Family): DumpedRoute[] {
  return entries.map((entry) => ({ entry, spec: dumpedRoute(entry, family) }));
}
