/**
 * `route add|append|prepend|replace|change|del …` as iproute2 6.1 `iproute_modify` reads it:
 * the same keywords, the same defaults (table main, or local for local/broadcast/anycast/nat
 * types; protocol boot; scope host for local, link for broadcast/multicast/anycast and for
 * unicast without a gateway, global otherwise; IPv6 always global) and the same refusals of
 * its own (`Cannot find device "eth9"`).
 */
import { RTN, RTPROT, SCOPE, TABLE } from "../kernel.js";
import { dsfieldId, parseUnsigned, protocolId, routeTypeId, scopeId, tableId } from "../names.js";
import type { Family } from "../types.js";
import type { NexthopRequest, RefusedRequest, RouteOp, RouteRequest } from "./requests.js";
import { BatchSyntaxError, invalidArgument, matches, readAddress, readPrefix } from "./words.js";
import type { Words } from "./words.js";

/** Route metrics iproute2 accepts; they do not change a routing decision, so they are read and dropped. */
const METRIC_KEYWORDS = new Set([
  "mtu",
  "hoplimit",
  "advmss",
  "reordering",
  "rtt",
  "rttvar",
  "window",
  "cwnd",
  "initcwnd",
  "initrwnd",
  "features",
  "quickack",
  "congctl",
  "rto_min",
  "ssthresh",
  "realms",
  "expires",
  "fastopen_no_cookie",
]);

const ICMPV6_ROUTER_PREF = { low: 3, medium: 0, high: 1 } as const;

interface Draft {
  family: Family | undefined;
  type: number;
  typeGiven: boolean;
  table: number | undefined;
  dst: bigint;
  dstLen: number;
  dstGiven: boolean;
  tos: number;
  protocol: number;
  scope: number | undefined;
  metric: number | undefined;
  prefsrc: bigint | undefined;
  gateway: bigint | undefined;
  dev: string | undefined;
  onlink: boolean;
  multipath: NexthopRequest[] | undefined;
  pref: number;
  src: bigint;
  srcLen: number;
}

export function parseRoute(
  op: RouteOp,
  words: Words,
  family: Family | undefined,
  hasDevice: (name: string) => boolean,
): RouteRequest | RefusedRequest {
  const del = op === "del";
  const d: Draft = {
    family,
    type: del ? RTN.UNSPEC : RTN.UNICAST,
    typeGiven: false,
    table: undefined,
    dst: 0n,
    dstLen: 0,
    dstGiven: false,
    tos: 0,
    protocol: del ? RTPROT.UNSPEC : RTPROT.BOOT,
    scope: undefined,
    metric: undefined,
    prefsrc: undefined,
    gateway: undefined,
    dev: undefined,
    onlink: false,
    multipath: undefined,
    pref: 0,
    src: 0n,
    srcLen: 0,
  };
  while (!words.done) {
    const w = words.take();
    if (w === "nexthop") {
      d.multipath = parseNexthops(["nexthop", ...words.rest()], d);
      break;
    }
    readKeyword(w, words, d);
  }
  if (!d.dstGiven) throw new BatchSyntaxError(`Usage: ip route { add | del | change | append | replace } ROUTE`);
  const devices = [d.dev, ...(d.multipath ?? []).map((nh) => nh.dev)];
  for (const name of devices) if (name !== undefined && !hasDevice(name)) return { kind: "refused", message: `Cannot find device "${name}"` };
  const fam: Family = d.family ?? 4;
  const table = d.table ?? ([RTN.LOCAL, RTN.BROADCAST, RTN.NAT, RTN.ANYCAST].includes(d.type as 2) ? TABLE.LOCAL : TABLE.MAIN);
  return {
    kind: "route",
    op,
    family: fam,
    type: d.type,
    typeGiven: d.typeGiven,
    table,
    dst: d.dst,
    dstLen: d.dstLen,
    tos: d.tos,
    protocol: d.protocol,
    scope: d.scope ?? defaultScope(fam, d, del),
    metric: d.metric,
    prefsrc: d.prefsrc,
    gateway: d.gateway,
    dev: d.dev,
    onlink: d.onlink,
    multipath: d.multipath,
    pref: d.pref,
    src: d.src,
    srcLen: d.srcLen,
  };
}

function defaultScope(family: Family, d: Draft, del: boolean): number {
  if (family === 6) return SCOPE.UNIVERSE;
  switch (d.type) {
    case RTN.LOCAL:
    case RTN.NAT:
      return SCOPE.HOST;
    case RTN.BROADCAST:
    case RTN.MULTICAST:
    case RTN.ANYCAST:
      return SCOPE.LINK;
    case RTN.UNICAST:
    case RTN.UNSPEC:
      if (del) return SCOPE.NOWHERE;
      return d.gateway === undefined && d.multipath === undefined ? SCOPE.LINK : SCOPE.UNIVERSE;
    default:
      return del ? SCOPE.NOWHERE : SCOPE.UNIVERSE;
  }
}

function readKeyword(w: string, words: Words, d: Draft): void {
  if (w === "from") {
    // iproute2 sends RTA_SRC/rtm_src_len; IPv4 drops it, IPv6 keeps a source-specific route.
    const p = readPrefix(words.next(), d.family);
    d.family ??= p.family;
    d.src = p.addr;
    d.srcLen = p.len;
  } else if (w === "src") {
    const a = readAddress(words.next(), d.family);
    d.family ??= a.family;
    d.prefsrc = a.addr;
  } else if (w === "via") {
    if (d.gateway !== undefined) throw invalidArgument("use nexthop syntax to specify multiple via\n", w);
    let word = words.next();
    let fam = d.family;
    if (word === "inet" || word === "inet6") {
      fam = word === "inet" ? 4 : 6;
      word = words.next();
    }
    const a = readAddress(word, fam);
    d.family ??= a.family;
    if (a.family !== d.family) throw new BatchSyntaxError(`Error: nicsim does not model gateways of another family (RTA_VIA): "${word}"`);
    d.gateway = a.addr;
  } else if (w === "tos" || matches(w, "dsfield")) {
    const word = words.next();
    const tos = dsfieldId(word);
    if (tos === undefined) throw invalidArgument('"tos" value is invalid\n', word);
    d.tos = tos;
  } else if (matches(w, "metric") || matches(w, "priority") || w === "preference") {
    const word = words.next();
    const metric = parseUnsigned(word);
    if (metric === undefined) throw invalidArgument('"metric" value is invalid\n', word);
    d.metric = metric;
  } else if (w === "scope") {
    const word = words.next();
    const scope = scopeId(word);
    if (scope === undefined) throw invalidArgument('invalid "scope" value\n', word);
    d.scope = scope;
  } else if (w === "onlink") {
    d.onlink = true;
  } else if (matches(w, "protocol")) {
    const word = words.next();
    const protocol = protocolId(word);
    if (protocol === undefined) throw invalidArgument('"protocol" value is invalid\n', word);
    d.protocol = protocol;
  } else if (matches(w, "table")) {
    const word = words.next();
    const table = tableId(word);
    if (table === undefined) throw invalidArgument('"table" value is invalid\n', word);
    d.table = table;
  } else if (w === "dev" || w === "oif") {
    d.dev = words.next();
  } else if (matches(w, "pref")) {
    const word = words.next();
    if (word !== "low" && word !== "medium" && word !== "high") throw invalidArgument('"pref" value is invalid\n', word);
    d.pref = ICMPV6_ROUTER_PREF[word];
  } else if (METRIC_KEYWORDS.has(w)) {
    words.next();
  } else {
    readDestination(w, words, d);
  }
}

function readDestination(first: string, words: Words, d: Draft): void {
  let w = first;
  if (w === "to") w = words.next();
  const type = /^[0-9]/.test(w) ? undefined : routeTypeId(w);
  if (type !== undefined) {
    d.type = type;
    d.typeGiven = true;
    w = words.next();
  }
  if (d.dstGiven) throw new BatchSyntaxError(`Error: either "to" is duplicate, or "${w}" is a garbage.`);
  const p = readPrefix(w, d.family);
  d.family ??= p.family;
  d.dst = p.addr;
  d.dstLen = p.len;
  d.dstGiven = true;
}

/** `nexthop via A dev D weight W onlink nexthop …` (iproute2 `parse_nexthops`). */
function parseNexthops(rest: string[], d: Draft): NexthopRequest[] {
  const out: NexthopRequest[] = [];
  let i = 0;
  while (i < rest.length) {
    if (rest[i] !== "nexthop") throw new BatchSyntaxError(`Error: "nexthop" or end of line is expected instead of "${rest[i]}"`);
    if (i + 1 >= rest.length) throw new BatchSyntaxError(`Error: unexpected end of line after "nexthop"`);
    i++;
    let gateway: bigint | undefined;
    let dev: string | undefined;
    let weight = 1;
    let onlink = false;
    const arg = (): string => {
      if (i + 1 >= rest.length) throw new BatchSyntaxError(`Command line is not complete. Try option "help"`);
      i++;
      return rest[i];
    };
    for (; i < rest.length; i++) {
      const w = rest[i];
      if (w === "via") {
        const a = readAddress(arg(), d.family);
        d.family ??= a.family;
        gateway = a.addr;
      } else if (w === "dev") {
        dev = arg();
      } else if (w === "weight") {
        const word = arg();
        const n = parseUnsigned(word);
        if (n === undefined || n === 0 || n > 256) throw invalidArgument('"weight" is invalid\n', word);
        weight = n;
      } else if (w === "onlink") {
        onlink = true;
      } else if (matches(w, "realms")) {
        arg();
      } else {
        break;
      }
    }
    out.push({ gateway, dev, weight, onlink });
  }
  return out;
}
