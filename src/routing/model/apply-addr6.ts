/**
 * IPv6 `addr add|del` and the routes addresses and devices bring (addrconf), with duplicate
 * address detection off (as on the hosts nicsim models and in its kernel test):
 *
 * - list order: wider scope first (global before link-local), newest first within a scope —
 *   source selection breaks ties by this order;
 * - each address: `local ADDR` in table local (metric 0, proto kernel), also on a device that
 *   is down; unless `noprefixroute`, the prefix route in main (metric 256 or the address
 *   metric, proto kernel; refused quietly on a down device); with forwarding on, the
 *   subnet-router anycast route in table local;
 * - adding an address also adds `multicast ff00::/8` for its device in table local (not on a
 *   device that is down);
 * - a device that is up (with carrier) has `ff00::/8` from the start. No link-local addresses
 *   are made up: give them with `addr add fe80::…/64` when they matter.
 */
import { ERRNO, KernelError, RTN, RTPROT, TABLE, refuse } from "../kernel.js";
import { isV6Multicast, prefixMask, sourceScope6 } from "../inet.js";
import type { AddrRequest } from "../batch/requests.js";
import type { Device, InterfaceAddress } from "../types.js";
import { createRoute6, insertRoute6 } from "./apply-route6.js";
import type { RouteConfig6 } from "./apply-route6.js";
import { LOOPBACK_IFINDEX } from "./state.js";
import type { RoutingState } from "./state.js";

/** IP6_RT_PRIO_ADDRCONF. */
const ADDRCONF_METRIC = 256;
const MULTICAST_PREFIX = 0xffn << 120n;

/** Adds a kernel route, ignoring "File exists" as addrconf does. */
function kernelRoute(state: RoutingState, cfg: Omit<RouteConfig6, "protocol" | "gateway" | "onlink" | "pref" | "prefsrc">): void {
  const table = state.v6.newTable(cfg.table);
  try {
    const route = createRoute6(state, { ...cfg, protocol: RTPROT.KERNEL, gateway: undefined, onlink: false, pref: 0, prefsrc: undefined });
    const leaf = table.ensureLeaf(route.dst, route.len);
    try {
      insertRoute6(state, leaf, route, "append");
    } finally {
      table.prune(leaf);
    }
  } catch (error) {
    if (!(error instanceof KernelError)) throw error;
  }
}

/** `addrconf_add_mroute`: `multicast ff00::/8 dev D table local metric 256`. */
function addMulticastRoute(state: RoutingState, dev: number): void {
  if (dev === LOOPBACK_IFINDEX) return;
  kernelRoute(state, { table: TABLE.LOCAL, dst: MULTICAST_PREFIX, len: 8, type: RTN.MULTICAST, metric: ADDRCONF_METRIC, dev, ignoreDevDown: false });
}

/** Routes a device brings when it comes up with carrier. */
export function addDeviceRoutes6(state: RoutingState, device: Device): void {
  if (device.state === "up") addMulticastRoute(state, device.index);
}

export function applyAddr6(state: RoutingState, req: AddrRequest): void {
  const dev = state.device(req.dev)?.index ?? 0;
  const list = state.addrs(6, dev);
  if (req.op === "del") {
    const index = list.findIndex((a) => a.local === req.local && (!req.lengthGiven || a.prefixLen === req.prefixLen));
    if (index < 0) refuse(ERRNO.EADDRNOTAVAIL, "ipv6: address not found");
    const [gone] = list.splice(index, 1);
    removeAddrRoutes6(state, gone);
    clearPrefsrc6(state, gone);
    return;
  }
  if (req.prefixLen > 128) refuse(ERRNO.EINVAL, "Invalid prefix length");
  if (list.some((a) => a.local === req.local)) refuse(ERRNO.EEXIST, "ipv6: address already assigned");
  if (req.local === 0n) refuse(ERRNO.EADDRNOTAVAIL, "Invalid address");
  if (isV6Multicast(req.local)) refuse(ERRNO.EADDRNOTAVAIL, "Cannot assign multicast address");
  if (req.local === 1n && dev !== LOOPBACK_IFINDEX) refuse(ERRNO.EADDRNOTAVAIL, "Cannot assign loopback address on this device");
  const addr: InterfaceAddress = {
    family: 6,
    dev,
    local: req.local,
    prefixLen: req.prefixLen,
    scope: req.scope ?? 0,
    secondary: false,
    noprefixroute: req.noprefixroute,
    broadcast: 0n,
    metric: req.metric ?? 0,
    serial: state.nextSerial(),
  };
  const scope = sourceScope6(addr.local);
  let at = list.findIndex((a) => scope >= sourceScope6(a.local));
  if (at < 0) at = list.length;
  list.splice(at, 0, addr);
  addAddrRoutes6(state, addr);
}

function addAddrRoutes6(state: RoutingState, addr: InterfaceAddress): void {
  const base = { dev: addr.dev, ignoreDevDown: true };
  if (addr.dev !== LOOPBACK_IFINDEX) {
    addMulticastRoute(state, addr.dev);
    if (!addr.noprefixroute) {
      const prefix = addr.local & prefixMask(6, addr.prefixLen);
      kernelRoute(state, { ...base, ignoreDevDown: false, table: TABLE.MAIN, dst: prefix, len: addr.prefixLen, type: RTN.UNICAST, metric: addr.metric || ADDRCONF_METRIC });
    }
  }
  kernelRoute(state, { ...base, table: TABLE.LOCAL, dst: addr.local, len: 128, type: RTN.LOCAL, metric: 0 });
  if (state.sysctls.forwarding6 && addr.prefixLen < 127 && addr.dev !== LOOPBACK_IFINDEX) {
    const anycast = addr.local & prefixMask(6, addr.prefixLen);
    kernelRoute(state, { ...base, table: TABLE.LOCAL, dst: anycast, len: 128, type: RTN.ANYCAST, metric: 0 });
  }
}

function removeAddrRoutes6(state: RoutingState, addr: InterfaceAddress): void {
  const prefix = addr.local & prefixMask(6, addr.prefixLen);
  const stillAnycast = state.addrs(6, addr.dev).some((a) => (a.local & prefixMask(6, a.prefixLen)) === prefix && a.prefixLen === addr.prefixLen);
  for (const table of state.v6.tables.values()) {
    for (const leaf of [...table.leaves.values()]) {
      const keep = leaf.routes.filter((r) => {
        if (r.protocol !== RTPROT.KERNEL || r.nexthops[0].dev !== addr.dev) return true;
        if (r.type === RTN.LOCAL && r.dst === addr.local) return false;
        if (r.type === RTN.ANYCAST && r.dst === prefix && !stillAnycast) return false;
        if (r.type === RTN.UNICAST && r.dst === prefix && r.len === addr.prefixLen && !stillAnycast) return false;
        return true;
      });
      leaf.routes.splice(0, leaf.routes.length, ...keep);
      table.prune(leaf);
    }
  }
}

/** `rt6_remove_prefsrc`: once no device has the address any more, routes forget it as their `src`. */
function clearPrefsrc6(state: RoutingState, addr: InterfaceAddress): void {
  for (const a of state.allAddrs(6)) if (a.local === addr.local) return;
  for (const table of state.v6.tables.values()) {
    for (const leaf of table.leaves.values()) {
      leaf.routes.forEach((r, i) => {
        if (r.prefsrc === addr.local) leaf.routes[i] = { ...r, prefsrc: undefined };
      });
    }
  }
}
