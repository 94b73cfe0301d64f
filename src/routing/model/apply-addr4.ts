/**
 * IPv4 `addr add|del` and the routes an address brings (`__inet_insert_ifa`, `fib_add_ifaddr`):
 *
 * - A second address inside a prefix the device already has (same mask) is *secondary*; the
 *   same address twice is "ipv4: Address already assigned", another scope in that prefix
 *   "ipv4: Invalid scope value".
 * - List order: primaries by scope, narrowest first (host, link, global), each scope in
 *   insertion order; secondaries after them. Source selection reads this order.
 * - Every address gets `local ADDR` in table local (prefsrc: the primary of its prefix), even
 *   on an admin-down device. On a device that is up, a primary also gets its connected route
 *   (main, scope link, proto kernel, the address `metric`; none with `noprefixroute`; type local
 *   in table local on `lo`) and, below /31, the subnet broadcast route; an explicit `brd` gets
 *   a broadcast route too.
 */
import { ERRNO, KernelError, RTN, RTPROT, SCOPE, TABLE, refuse } from "../kernel.js";
import { inPrefix, isV4Zeronet, prefixMask } from "../inet.js";
import type { AddrRequest } from "../batch/requests.js";
import type { InterfaceAddress } from "../types.js";
import { createRoute4, insertRoute4 } from "./apply-route4.js";
import { deleteAddr4 } from "./delete-addr4.js";
import type { RouteConfig4 } from "./apply-route4.js";
import { LOOPBACK_IFINDEX } from "./state.js";
import type { RoutingState } from "./state.js";

const ALL_ONES = 0xffffffffn;

function mask(len: number): bigint {
  return prefixMask(4, len);
}

/** Same mask and same subnet (`ifa1->ifa_mask == ifa->ifa_mask && inet_ifa_match`). */
export function samePrefix(a: InterfaceAddress, local: bigint, len: number): boolean {
  return a.prefixLen === len && inPrefix(4, a.local, local, len);
}

export function applyAddr4(state: RoutingState, req: AddrRequest): void {
  const dev = state.device(req.dev)?.index ?? 0;
  if (req.op === "del") {
    deleteAddr4(state, req, dev);
    return;
  }
  const list = state.addrs(4, dev);
  const scope = req.scope ?? SCOPE.UNIVERSE;
  let secondary = false;
  for (const a of list) {
    if (!samePrefix(a, req.local, req.prefixLen)) continue;
    if (a.local === req.local) refuse(ERRNO.EEXIST, "ipv4: Address already assigned");
    if (a.scope !== scope) refuse(ERRNO.EINVAL, "ipv4: Invalid scope value");
    secondary = true;
  }
  let broadcast = 0n;
  if (req.broadcast === "+") broadcast = req.prefixLen < 31 ? (req.local | (~mask(req.prefixLen) & ALL_ONES)) : 0n;
  else if (req.broadcast === "-") broadcast = req.prefixLen < 31 ? req.local & mask(req.prefixLen) : 0n;
  else if (req.broadcast !== undefined) broadcast = req.broadcast;
  const addr: InterfaceAddress = {
    family: 4,
    dev,
    local: req.local,
    prefixLen: req.prefixLen,
    scope,
    secondary,
    noprefixroute: req.noprefixroute,
    broadcast,
    metric: req.metric ?? 0,
    serial: state.nextSerial(),
  };
  insertAddr(list, addr);
  addAddrRoutes4(state, addr);
}

/** Primaries after the last primary of the same or a narrower scope; secondaries last. */
function insertAddr(list: InterfaceAddress[], addr: InterfaceAddress): void {
  if (addr.secondary) {
    list.push(addr);
    return;
  }
  let at = 0;
  for (let i = 0; i < list.length; i++) if (!list[i].secondary && addr.scope <= list[i].scope) at = i + 1;
  list.splice(at, 0, addr);
}

/** The primary address of `addr`'s prefix on its device (itself when primary). */
export function primaryOf(state: RoutingState, addr: InterfaceAddress): InterfaceAddress {
  if (!addr.secondary) return addr;
  return state.addrs(4, addr.dev).find((a) => !a.secondary && samePrefix(a, addr.local, addr.prefixLen)) ?? addr;
}

/** `fib_magic(RTM_NEWROUTE, …)`: insert a kernel route, ignoring "File exists". */
function magic(state: RoutingState, type: number, dst: bigint, len: number, prim: InterfaceAddress, metric: number): void {
  const table = type === RTN.UNICAST ? TABLE.MAIN : TABLE.LOCAL;
  const cfg: RouteConfig4 = {
    table,
    dst,
    len,
    tos: 0,
    type,
    protocol: RTPROT.KERNEL,
    scope: type === RTN.LOCAL ? SCOPE.HOST : SCOPE.LINK,
    metric,
    prefsrc: prim.local,
    nexthops: [{ gateway: undefined, dev: prim.dev, onlink: false, weight: 1 }],
    hasPath: true,
  };
  const tb = state.v4.newTable(table);
  try {
    const route = createRoute4(state, cfg);
    insertRoute4(tb.ensureLeaf(dst, len), route, "append");
  } catch (error) {
    if (!(error instanceof KernelError)) throw error;
  }
  const leaf = tb.leaf(dst, len);
  if (leaf !== undefined) tb.prune(leaf);
}

/** `fib_add_ifaddr`. */
export function addAddrRoutes4(state: RoutingState, addr: InterfaceAddress): void {
  const prim = primaryOf(state, addr);
  magic(state, RTN.LOCAL, addr.local, 32, prim, 0);
  if (!state.isUp(addr.dev)) return;
  if (addr.broadcast !== 0n && addr.broadcast !== ALL_ONES) magic(state, RTN.BROADCAST, addr.broadcast, 32, prim, 0);
  const m = mask(addr.prefixLen);
  const prefix = addr.local & m;
  if (!isV4Zeronet(prefix) && !addr.secondary && (prefix !== addr.local || addr.prefixLen < 32)) {
    if (!addr.noprefixroute) magic(state, addr.dev === LOOPBACK_IFINDEX ? RTN.LOCAL : RTN.UNICAST, prefix, addr.prefixLen, prim, addr.metric);
    if (addr.prefixLen < 31) magic(state, RTN.BROADCAST, prefix | (~m & ALL_ONES), 32, prim, 0);
  }
}
