/**
 * IPv4 `addr del` (`inet_rtm_deladdr`, `__inet_del_ifa`, `fib_del_ifaddr`).
 *
 * The first address matching what the request gives goes ("ipv4: Address not found"
 * otherwise); a primary takes the secondaries of its prefix with it (promote_secondaries off),
 * the secondaries first. For each address gone, the kernel routes it brought are deleted
 * unless an address that remains still needs them: its connected route, its broadcast routes,
 * its local route — and when the address is gone from the host, main's routes using it as
 * `src`. When a device loses its last address, IPv4 is disabled on it: every route through it
 * is flushed (a multipath route keeps its other paths, marking these dead).
 */
import { ERRNO, RTN, RTPROT, SCOPE, TABLE, refuse } from "../kernel.js";
import { prefixMask } from "../inet.js";
import type { AddrRequest } from "../batch/requests.js";
import type { InterfaceAddress, Route } from "../types.js";
import { addrType4 } from "./addr-type4.js";
import { primaryOf, samePrefix } from "./apply-addr4.js";
import { LOOPBACK_IFINDEX } from "./state.js";
import type { RoutingState } from "./state.js";

const ALL_ONES = 0xffffffffn;

export function deleteAddr4(state: RoutingState, req: AddrRequest, dev: number): void {
  const list = state.addrs(4, dev);
  const gone = list.find((a) => a.local === req.local && (!req.lengthGiven || samePrefix(a, req.local, req.prefixLen)));
  if (gone === undefined) refuse(ERRNO.EADDRNOTAVAIL, "ipv4: Address not found");
  const secondaries = gone.secondary ? [] : list.filter((a) => a.secondary && samePrefix(a, gone.local, gone.prefixLen));
  for (const ifa of [...secondaries, gone]) {
    const prim = primaryOf(state, ifa);
    list.splice(list.indexOf(ifa), 1);
    fibDelIfaddr(state, ifa, prim);
  }
  if (list.length === 0) disableIp4(state, dev);
}

/** `fib_magic(RTM_DELROUTE, …)`: deletes the kernel route of that kind, if there is one. */
function magicDelete(state: RoutingState, type: number, dst: bigint, len: number, prim: InterfaceAddress, metric: number): void {
  const table = state.v4.tables.get(type === RTN.UNICAST ? TABLE.MAIN : TABLE.LOCAL);
  const leaf = table?.leaf(dst, len);
  if (table === undefined || leaf === undefined) return;
  const scope = type === RTN.LOCAL ? SCOPE.HOST : SCOPE.LINK;
  const i = leaf.routes.findIndex(
    (r) =>
      r.tos === 0 &&
      r.type === type &&
      r.scope === scope &&
      r.protocol === RTPROT.KERNEL &&
      r.prefsrc === prim.local &&
      (metric === 0 || r.metric === metric) &&
      r.nexthops[0]?.dev === prim.dev,
  );
  if (i < 0) return;
  leaf.routes.splice(i, 1);
  table.prune(leaf);
}

/** `fib_del_ifaddr` for one address already off the device's list. */
function fibDelIfaddr(state: RoutingState, ifa: InterfaceAddress, prim: InterfaceAddress): void {
  const mask = prefixMask(4, ifa.prefixLen);
  const prefix = ifa.local & mask;
  const brd = prefix | (~mask & ALL_ONES);
  let subnet = false;
  if (!ifa.secondary && prefix >> 24n !== 0n && (prefix !== ifa.local || ifa.prefixLen < 32)) {
    if (!ifa.noprefixroute) magicDelete(state, ifa.dev === LOOPBACK_IFINDEX ? RTN.LOCAL : RTN.UNICAST, prefix, ifa.prefixLen, prim, ifa.metric);
    subnet = true;
  }
  let localOk = false;
  let brdOk = false;
  let brd1Ok = false;
  let brd0Ok = false;
  for (const a of state.addrs(4, ifa.dev)) {
    const aprim = primaryOf(state, a);
    if (aprim.local !== prim.local) continue;
    if (a.local === ifa.local) localOk = true;
    if (a.broadcast === ifa.broadcast) brdOk = true;
    if (a.broadcast === brd) brd1Ok = true;
    if (a.broadcast === prefix) brd0Ok = true;
    if (aprim === a && a.prefixLen < 31) {
      const amask = prefixMask(4, a.prefixLen);
      const any1 = a.local & amask;
      const brd1 = any1 | (~amask & ALL_ONES);
      if (any1 >> 24n !== 0n) {
        if (ifa.broadcast === brd1 || ifa.broadcast === any1) brdOk = true;
        if (brd === brd1 || brd === any1) brd1Ok = true;
        if (prefix === brd1 || prefix === any1) brd0Ok = true;
      }
    }
  }
  if (!brdOk) magicDelete(state, RTN.BROADCAST, ifa.broadcast, 32, prim, 0);
  if (subnet && ifa.prefixLen < 31) {
    if (!brd1Ok) magicDelete(state, RTN.BROADCAST, brd, 32, prim, 0);
    if (!brd0Ok) magicDelete(state, RTN.BROADCAST, prefix, 32, prim, 0);
  }
  if (!localOk) {
    magicDelete(state, RTN.LOCAL, ifa.local, 32, prim, 0);
    if (addrType4(state, ifa.local, TABLE.LOCAL) !== RTN.LOCAL) syncDownAddr(state, ifa.local);
  }
}

/** `fib_sync_down_addr` + flush: main's routes with `local` as `src` go. */
function syncDownAddr(state: RoutingState, local: bigint): void {
  const main = state.v4.tables.get(TABLE.MAIN);
  if (main === undefined) return;
  for (const leaf of [...main.leaves.values()]) {
    leaf.routes.splice(0, leaf.routes.length, ...leaf.routes.filter((r) => r.prefsrc !== local));
    main.prune(leaf);
  }
}

/** `fib_disable_ip` / `fib_sync_down_dev` with force. */
function disableIp4(state: RoutingState, dev: number): void {
  for (const table of state.v4.tables.values()) {
    for (const leaf of [...table.leaves.values()]) {
      const kept: Route[] = [];
      for (const r of leaf.routes) {
        if (!r.nexthops.some((nh) => nh.dev === dev)) kept.push(r);
        else if (!r.nexthops.every((nh) => nh.dev === dev || nh.dead === true)) {
          kept.push({ ...r, nexthops: r.nexthops.map((nh) => (nh.dev === dev ? { ...nh, dead: true, linkdown: true } : nh)) });
        }
      }
      leaf.routes.splice(0, leaf.routes.length, ...kept);
      table.prune(leaf);
    }
  }
}
