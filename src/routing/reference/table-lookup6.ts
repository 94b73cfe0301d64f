/**
 * IPv6 `fib6_table_lookup`, written for reading: try the prefixes that contain the destination,
 * longest first; inside one prefix, score the routes of the lowest metric (`find_rr_leaf`) and,
 * if none qualifies, all the others. A route scores 2 when it goes out `oif` (or no `oif` is
 * asked), plus its router preference shifted left 2; under `strict` (RT6_LOOKUP_F_IFACE) a route
 * out another device is not a candidate. The first best score wins. Reject routes (unreachable,
 * prohibit, blackhole, throw) sit on `lo`, so a strict `oif` skips them; found, they answer
 * with their error.
 */
import { ERRNO, routeTypeError } from "../kernel.js";
import { IGNORE_LINKSTATE, LOOKUP_IFACE, LOOKUP_NH_CHECK } from "../lookup/flow.js";
import type { FibOutcome, Flow } from "../lookup/flow.js";
import type { Leaf, RouteTable, RoutingState } from "../model/state.js";
import type { Route } from "../types.js";
import { leafOrder6 } from "./leaf-order6.js";

/** `IPV6_DECODE_PREF`: low 1, medium 2, high 3. */
function decodePref(pref: number): number {
  return (pref ^ 2) & 3;
}

/** `find_match` score of a route, or -1 when it is not a candidate. */
export function score6(state: RoutingState, route: Route, oif: number, flags: number): number {
  const nh = route.nexthops[0];
  if (nh.linkdown && (flags & IGNORE_LINKSTATE) === 0 && state.sysctls.ignoreLinkdown6(nh.dev)) return -1;
  let m = oif === 0 || nh.dev === oif ? 2 : 0;
  if (m === 0 && (flags & LOOKUP_IFACE) !== 0) return -1;
  m |= decodePref(route.pref) << 2;
  return m;
}

/** `rt6_select` on one prefix: the chosen route, or undefined. */
export function selectInLeaf6(state: RoutingState, leaf: Leaf, oif: number, flags: number): Route | undefined {
  const routes = leaf.routes;
  if (routes.length === 0) return undefined;
  const metric = routes[0].metric;
  let best: Route | undefined;
  let bestScore = -1;
  for (const route of routes) {
    if (route.metric !== metric) break;
    const s = score6(state, route, oif, flags);
    if (s > bestScore) {
      best = route;
      bestScore = s;
    }
  }
  if (best !== undefined) return best;
  for (const route of routes) {
    if (route.metric === metric) continue;
    const s = score6(state, route, oif, flags);
    if (s > bestScore) {
      best = route;
      bestScore = s;
    }
  }
  return best;
}

/**
 * Looks `flow` up in one table; EAGAIN when nothing qualifies. `oif` is the device scored
 * against. Prefixes are tried in `leafOrder6`'s order (source-specific routes included).
 */
export function tableLookup6(state: RoutingState, table: RouteTable, flow: Flow, oif: number, flags: number): FibOutcome {
  for (const leaf of leafOrder6(table, flow.daddr, flow.saddr)) {
    const route = selectInLeaf6(state, leaf, oif, flags);
    if (route === undefined) continue;
    const error = routeTypeError(route.type);
    if (error === ERRNO.EAGAIN && (flags & LOOKUP_NH_CHECK) !== 0) return ERRNO.EHOSTUNREACH;
    if (error !== 0) return error;
    return { route, nh: 0, table: table.id, prefixLen: leaf.len, rule: undefined };
  }
  return ERRNO.EAGAIN;
}
