/**
 * What the kernel knows about an IPv4 address without policy routing: its type in one table
 * (`inet_addr_type_table`, `inet_addr_type_dev_table`) and the device that owns it
 * (`__ip_dev_find`: an interface address, else a `local` route in table local).
 */
import { RTN, TABLE } from "../kernel.js";
import { isV4LimitedBroadcast, isV4Multicast, isV4Zeronet } from "../inet.js";
import { isResult } from "../lookup/flow.js";
import type { Flow } from "../lookup/flow.js";
import { referenceTableLookup4 } from "../reference/fib4.js";
import { LOOPBACK_IFINDEX } from "./state.js";
import type { RoutingState } from "./state.js";

/** A plain flow to `daddr`: output, any device, universe scope. */
export function plainFlow(daddr: bigint): Flow {
  return { daddr, saddr: 0n, iif: LOOPBACK_IFINDEX, oif: 0, mark: 0, tos: 0, scope: 0, uid: 0, proto: 0, sport: 0, dport: 0 };
}

/** `__inet_dev_addr_type`: the route type of `addr` in `table`, optionally only via device `dev`. */
export function addrType4(state: RoutingState, addr: bigint, table: number, dev = 0): number {
  if (isV4Zeronet(addr) || isV4LimitedBroadcast(addr)) return RTN.BROADCAST;
  if (isV4Multicast(addr)) return RTN.MULTICAST;
  if (!state.v4.tables.has(table)) return RTN.BROADCAST;
  const outcome = referenceTableLookup4(state, table, plainFlow(addr), 0);
  if (isResult(outcome) && (dev === 0 || outcome.route.nexthops[0]?.dev === dev)) return outcome.route.type;
  return RTN.UNICAST;
}

/**
 * `__ip_dev_find`: the device index owning `addr` (an address — the one added last when several
 * devices have it, as the kernel's address hash keeps the newest first — or a local route in
 * table local), 0 if none.
 */
export function ipDevFind(state: RoutingState, addr: bigint): number {
  let newest: { dev: number; serial: number } | undefined;
  for (const a of state.allAddrs(4)) if (a.local === addr && (newest === undefined || a.serial > newest.serial)) newest = a;
  if (newest !== undefined) return newest.dev;
  if (!state.v4.tables.has(TABLE.LOCAL)) return 0;
  const outcome = referenceTableLookup4(state, TABLE.LOCAL, plainFlow(addr), 0);
  if (isResult(outcome) && outcome.route.type === RTN.LOCAL) return outcome.route.nexthops[outcome.nh]?.dev ?? 0;
  return 0;
}
