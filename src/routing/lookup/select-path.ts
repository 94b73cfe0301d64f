/**
 * Which path of a multipath route a flow takes (`fib_select_path` / `fib6_select_path`), on the
 * model's routes: the live paths and their weights, the flow hash (multipath-hash.ts), and what
 * the answer may say about the kernel's pick — exactly it when `fib_multipath_hash_seed` is set,
 * otherwise every live path (`paths`), the chosen one (seed 0) standing for a choice by weight.
 */
import type { RoutingState } from "../model/state.js";
import type { Nexthop, Route } from "../types.js";
import type { FibResult } from "./flow.js";
import { multipathHash, selectPath4, selectPath6, upperBounds } from "./multipath-hash.js";
import type { HashFlow } from "./multipath-hash.js";
import { inetSelectAddr } from "./select-addr4.js";

/** A path the hash may not pick: dead, or without carrier under ignore_routes_with_linkdown. */
function alive4(state: RoutingState, nh: Nexthop): boolean {
  return nh.dead !== true && !(nh.linkdown && state.sysctls.ignoreLinkdown4(nh.dev));
}

export interface PathChoice<T> {
  readonly chosen: T;
  /** Every path the kernel could have taken, when its seed is unknowable; undefined otherwise. */
  readonly paths: T[] | undefined;
}

/**
 * IPv4: the nexthop of `res` the flow hashes to. `saddr` is the lookup's source for the
 * preference of `fib_select_multipath` (0 for input lookups and output without `from`).
 */
export function choosePath4(state: RoutingState, res: FibResult, flow: HashFlow, saddr: bigint): PathChoice<FibResult> {
  const nhs = res.route.nexthops;
  const alive = nhs.map((nh) => alive4(state, nh));
  const bounds = upperBounds(
    nhs.map((nh) => nh.weight),
    alive,
  );
  const hash = multipathHash(flow, state.sysctls.multipath);
  // `nh_saddr`: the address the path's device would give its gateway at the route's scope.
  const pathSaddr = (i: number): bigint => inetSelectAddr(state, nhs[i].dev, nhs[i].gateway ?? 0n, res.route.scope);
  const i = selectPath4(hash, bounds, saddr, pathSaddr);
  const chosen = i < 0 ? res : { ...res, nh: i };
  const paths = state.sysctls.multipath.hashSeed !== 0 ? undefined : nhs.flatMap((_, k) => (alive[k] ? [{ ...res, nh: k }] : []));
  return { chosen, paths };
}

/** IPv6 `rt6_is_dead`. */
function alive6(state: RoutingState, route: Route): boolean {
  const nh = route.nexthops[0];
  return nh.dead !== true && !(nh.linkdown && state.sysctls.ignoreLinkdown6(nh.dev));
}

/**
 * IPv6: the member of the ECMP `group` (list order) the flow hashes to; `matched` is the route
 * the lookup chose, `usable` says whether the flow may leave by a member (`rt6_score_route`).
 */
export function choosePath6(state: RoutingState, group: readonly Route[], matched: Route, flow: HashFlow, usable: (r: Route) => boolean): PathChoice<Route> {
  const bounds = upperBounds(
    group.map((r) => r.nexthops[0].weight),
    group.map((r) => alive6(state, r)),
  );
  const hash = multipathHash(flow, state.sysctls.multipath);
  const i = selectPath6(hash, bounds, (k) => usable(group[k]), group.indexOf(matched));
  const chosen = i < 0 ? matched : group[i];
  return { chosen, paths: state.sysctls.multipath.hashSeed !== 0 ? undefined : [...group] };
}
