/**
 * IPv4 source address choice (`inet_select_addr`, `fib_result_prefsrc`).
 *
 * On the device: the first primary address whose scope fits (an address inside the subnet of
 * `dst` if one does, else the first that fits). Addresses keep scope link ahead of global, so a
 * scope-link route picks a scope-link address. If the device has none: the first primary,
 * non-link-scope address that fits on any device, devices in order (`lo` first).
 */
import { SCOPE } from "../kernel.js";
import { inPrefix } from "../inet.js";
import type { RoutingState } from "../model/state.js";
import type { FibResult } from "./flow.js";

export function inetSelectAddr(state: RoutingState, dev: number, dst: bigint, scope: number): bigint {
  let addr = 0n;
  for (const a of state.addrs(4, dev)) {
    if (a.secondary) continue;
    if (Math.min(a.scope, SCOPE.HOST) > scope) continue;
    if (dst === 0n || inPrefix(4, dst, a.local, a.prefixLen)) return a.local;
    if (addr === 0n) addr = a.local;
  }
  if (addr !== 0n) return addr;
  for (const d of state.devices) {
    for (const a of state.addrs(4, d.index)) {
      if (a.secondary) continue;
      if (a.scope !== SCOPE.LINK && a.scope <= scope) return a.local;
    }
  }
  return 0n;
}

/** `fib_result_prefsrc`: the route's `src`, else an address of its device fit for its scope. */
export function resultPrefsrc(state: RoutingState, res: FibResult): bigint {
  if (res.route.prefsrc !== undefined) return res.route.prefsrc;
  const nh = res.route.nexthops[res.nh];
  return inetSelectAddr(state, nh.dev, nh.gateway ?? 0n, res.route.scope);
}

/** Whether `addr` is an address of some device (`inet_lookup_ifaddr_rcu`). */
export function isInterfaceAddress4(state: RoutingState, addr: bigint): boolean {
  for (const a of state.allAddrs(4)) if (a.local === addr) return true;
  return false;
}
