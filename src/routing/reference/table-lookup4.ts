/**
 * IPv4 `fib_table_lookup`, written for reading: collect every prefix of the table(s) that
 * contains the destination, try them longest first, and inside one prefix try its routes in
 * order. A route is skipped when its `tos` is set and differs from the flow's legacy TOS bits,
 * when its scope is wider than the flow allows, or when none of its nexthops is usable (device
 * without carrier under ignore_routes_with_linkdown, or not the required `oif`). A route of an
 * error type (unreachable, prohibit, blackhole, throw) answers with its error at once, before
 * any nexthop is looked at — which is why `oif` cannot skip it.
 *
 * Cost: linear in the number of routes. This is the oracle for `fast/`.
 */
import { ERRNO, routeTypeError } from "../kernel.js";
import { inPrefix } from "../inet.js";
import { IGNORE_LINKSTATE } from "../lookup/flow.js";
import type { FibOutcome, Flow } from "../lookup/flow.js";
import type { Leaf, RouteTable, RoutingState } from "../model/state.js";
import type { Nexthop } from "../types.js";

/** The legacy TOS bits a route or rule `tos` is compared with (INET_DSCP_LEGACY_TOS_MASK). */
export const LEGACY_TOS_MASK = 0x1c;

/** A usable nexthop for this flow (`fib_lookup_good_nhc`). */
export function goodNexthop4(state: RoutingState, nh: Nexthop, flow: Flow, flags: number): boolean {
  if (nh.dead === true) return false;
  if (nh.linkdown && (flags & IGNORE_LINKSTATE) === 0 && state.sysctls.ignoreLinkdown4(nh.dev)) return false;
  if (flow.oif !== 0 && flow.oif !== nh.dev) return false;
  return true;
}

/**
 * Looks `flow` up in `tables` taken together (local before main when they are merged) and
 * reports `reportedTable` as the answering table.
 */
export function tableLookup4(
  state: RoutingState,
  tables: readonly RouteTable[],
  reportedTable: number,
  flow: Flow,
  flags: number,
): FibOutcome {
  const leaves: Leaf[] = [];
  for (const table of tables) {
    for (const leaf of table.leaves.values()) if (inPrefix(4, flow.daddr, leaf.dst, leaf.len)) leaves.push(leaf);
  }
  leaves.sort((a, b) => b.len - a.len); // stable: local's leaf before main's for one prefix
  for (const leaf of leaves) {
    for (const route of leaf.routes) {
      if (route.tos !== 0 && route.tos !== (flow.tos & LEGACY_TOS_MASK)) continue;
      if (route.scope < flow.scope) continue;
      const error = routeTypeError(route.type);
      if (error !== 0) return error;
      for (let i = 0; i < route.nexthops.length; i++) {
        if (goodNexthop4(state, route.nexthops[i], flow, flags)) {
          return { route, nh: i, table: reportedTable, prefixLen: leaf.len, rule: undefined };
        }
      }
    }
  }
  return ERRNO.EAGAIN;
}
