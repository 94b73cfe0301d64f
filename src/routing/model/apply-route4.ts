/**
 * IPv4 `route add|append|prepend|replace|change|del` (`inet_rtm_newroute`, `fib_create_info`,
 * `fib_table_insert`, `fib_table_delete`).
 *
 * Inside one prefix the routes are kept as the kernel keeps its aliases: `tos` descending, then
 * metric ascending; among equal (tos, metric) `append` goes last and the others first. `add`
 * of an existing (prefix, tos, metric) is "File exists" whatever the gateway; `append` and
 * `prepend` of an identical route too; `replace` swaps the first route of that (tos, metric);
 * `change` is `replace` that may not create. `del` removes the first route of the prefix and
 * tos that matches every field the request gives.
 */
import { ERRNO, RTN, RTPROT, SCOPE, TABLE, refuse, routeTypeError, routeTypeScope } from "../kernel.js";
import { prefixMask } from "../inet.js";
import type { RouteRequest } from "../batch/requests.js";
import type { Nexthop, Route } from "../types.js";
import { addrType4 } from "./addr-type4.js";
import { checkNexthop4 } from "./nexthop4.js";
import type { NexthopSpec4 } from "./nexthop4.js";
import type { Leaf, RoutingState } from "./state.js";

const INET_ECN_MASK = 0x03;

/** The fields `fib_config` carries into `fib_create_info`, names resolved to indexes. */
export interface RouteConfig4 {
  readonly table: number;
  readonly dst: bigint;
  readonly len: number;
  readonly tos: number;
  readonly type: number;
  readonly protocol: number;
  readonly scope: number;
  readonly metric: number;
  readonly prefsrc: bigint | undefined;
  readonly nexthops: readonly NexthopSpec4[];
  /** Whether the request named a gateway, a device or several paths (error types refuse them). */
  readonly hasPath: boolean;
}

/** `fib_valid_key_len`. */
export function checkKey(family: 4 | 6, dst: bigint, len: number): void {
  const bits = family === 4 ? 32 : 128;
  if (len > bits) refuse(ERRNO.EINVAL, "Invalid prefix length");
  if ((dst & ~prefixMask(family, len) & ((1n << BigInt(bits)) - 1n)) !== 0n) refuse(ERRNO.EINVAL, "Invalid prefix for given prefix length");
}

export function routeConfig4(state: RoutingState, req: RouteRequest): RouteConfig4 {
  const devIndex = (name: string | undefined): number => (name === undefined ? 0 : (state.device(name)?.index ?? 0));
  const nexthops: NexthopSpec4[] =
    req.multipath !== undefined
      ? req.multipath.map((nh) => ({ gateway: nh.gateway, dev: devIndex(nh.dev), onlink: nh.onlink, weight: nh.weight }))
      : [{ gateway: req.gateway, dev: devIndex(req.dev), onlink: req.onlink, weight: 1 }];
  return {
    table: req.table === TABLE.UNSPEC ? TABLE.MAIN : req.table,
    dst: req.dst,
    len: req.dstLen,
    tos: req.tos,
    type: req.type,
    protocol: req.protocol,
    scope: req.scope,
    metric: req.metric ?? 0,
    prefsrc: req.prefsrc,
    nexthops,
    hasPath: req.gateway !== undefined || req.dev !== undefined || req.multipath !== undefined,
  };
}

/** `fib_create_info`: the route the config describes, or the kernel's refusal. */
export function createRoute4(state: RoutingState, cfg: RouteConfig4): Route {
  if (routeTypeScope(cfg.type) > cfg.scope) refuse(ERRNO.EINVAL, "Invalid scope");
  let nexthops: Nexthop[];
  if (routeTypeError(cfg.type) !== 0) {
    if (cfg.hasPath) refuse(ERRNO.EINVAL, "Gateway, device and multipath can not be specified for this route type");
    nexthops = [{ gateway: undefined, dev: 0, onlink: false, weight: 1, linkdown: false, scope: SCOPE.NOWHERE }];
  } else {
    if (![RTN.UNICAST, RTN.LOCAL, RTN.BROADCAST, RTN.ANYCAST, RTN.MULTICAST].includes(cfg.type as 1)) refuse(ERRNO.EINVAL, "Invalid route type");
    if (cfg.scope > SCOPE.HOST) refuse(ERRNO.EINVAL, "Invalid scope");
    if (cfg.scope === SCOPE.HOST) nexthops = [hostNexthop(state, cfg)];
    else nexthops = cfg.nexthops.map((spec) => checkNexthop4(state, spec, cfg.table, cfg.scope));
    if (cfg.prefsrc !== undefined && !validPrefsrc(state, cfg, cfg.prefsrc)) refuse(ERRNO.EINVAL, "Invalid prefsrc address");
  }
  return {
    id: state.nextSerial(),
    family: 4,
    table: cfg.table,
    dst: cfg.dst,
    len: cfg.len,
    tos: cfg.tos,
    type: cfg.type,
    metric: cfg.metric,
    protocol: cfg.protocol,
    scope: cfg.scope,
    prefsrc: cfg.prefsrc,
    nexthops,
    linkdown: nexthops.every((nh) => nh.linkdown),
    pref: 0,
    siblingGroup: 0,
  };
}

function hostNexthop(state: RoutingState, cfg: RouteConfig4): Nexthop {
  if (cfg.nexthops.length !== 1) refuse(ERRNO.EINVAL, "Route with host scope can not have multiple nexthops");
  const [spec] = cfg.nexthops;
  if (spec.gateway !== undefined) refuse(ERRNO.EINVAL, "Route with host scope can not have a gateway");
  if (spec.dev === 0) refuse(ERRNO.ENODEV);
  return { gateway: undefined, dev: spec.dev, onlink: spec.onlink, weight: 1, linkdown: false, scope: SCOPE.NOWHERE };
}

/** `fib_valid_prefsrc`: `src` must be local in the route's table (main counts as local) or in local. */
function validPrefsrc(state: RoutingState, cfg: RouteConfig4, prefsrc: bigint): boolean {
  if (cfg.type === RTN.LOCAL && cfg.dst !== 0n && prefsrc === cfg.dst) return true;
  const tb = cfg.table === TABLE.MAIN ? TABLE.LOCAL : cfg.table;
  if (addrType4(state, prefsrc, tb) === RTN.LOCAL) return true;
  return tb !== TABLE.LOCAL && addrType4(state, prefsrc, TABLE.LOCAL) === RTN.LOCAL;
}

/** `fib_find_info` equality: the same route apart from its position. */
export function sameRouteInfo(a: Route, b: Route): boolean {
  return (
    a.type === b.type &&
    a.protocol === b.protocol &&
    a.scope === b.scope &&
    a.prefsrc === b.prefsrc &&
    a.metric === b.metric &&
    a.table === b.table &&
    a.nexthops.length === b.nexthops.length &&
    a.nexthops.every((nh, i) => {
      const other = b.nexthops[i];
      return nh.dev === other.dev && nh.gateway === other.gateway && nh.weight === other.weight && nh.onlink === other.onlink;
    })
  );
}

interface InsertFlags {
  readonly create: boolean;
  readonly excl: boolean;
  readonly replace: boolean;
  readonly append: boolean;
}

const FLAGS: Readonly<Record<Exclude<RouteRequest["op"], "del">, InsertFlags>> = {
  add: { create: true, excl: true, replace: false, append: false },
  append: { create: true, excl: false, replace: false, append: true },
  prepend: { create: true, excl: false, replace: false, append: false },
  replace: { create: true, excl: false, replace: true, append: false },
  change: { create: false, excl: false, replace: true, append: false },
};

/** `fib_table_insert` for the alias list of one prefix. */
export function insertRoute4(leaf: Leaf, route: Route, op: Exclude<RouteRequest["op"], "del">): void {
  const flags = FLAGS[op];
  const list = leaf.routes;
  // fib_find_alias: the first route with a lower tos, or the same tos and a metric >= ours.
  let fa = list.findIndex((r) => r.tos <= route.tos && (r.tos < route.tos || r.metric >= route.metric));
  if (fa >= 0 && list[fa].tos === route.tos && list[fa].metric === route.metric) {
    if (flags.excl) refuse(ERRNO.EEXIST);
    const first = fa;
    let match = -1;
    let j = fa;
    for (; j < list.length; j++) {
      if (list[j].tos !== route.tos || list[j].metric !== route.metric) break;
      if (sameRouteInfo(list[j], route)) {
        match = j;
        break;
      }
    }
    if (flags.replace) {
      if (match >= 0) {
        if (match !== first) refuse(ERRNO.EEXIST);
        return;
      }
      list[first] = route;
      return;
    }
    if (match >= 0) refuse(ERRNO.EEXIST);
    fa = flags.append ? (j < list.length ? j : -1) : first;
  }
  if (!flags.create) refuse(ERRNO.ENOENT);
  if (fa < 0) list.push(route);
  else list.splice(fa, 0, route);
}

/** Applies an IPv4 route request. */
export function applyRoute4(state: RoutingState, req: RouteRequest): void {
  const fam = state.v4;
  if ((req.tos & INET_ECN_MASK) !== 0) refuse(ERRNO.EINVAL, "Invalid dsfield (tos): ECN bits must be 0");
  const cfg = routeConfig4(state, req);
  if (req.op === "del") {
    const table = fam.table(cfg.table);
    if (table === undefined) refuse(ERRNO.ESRCH, "FIB table does not exist");
    checkKey(4, cfg.dst, cfg.len);
    deleteRoute4(table.leaf(cfg.dst, cfg.len), req, cfg, (leaf) => table.prune(leaf));
    return;
  }
  const table = fam.newTable(cfg.table);
  checkKey(4, cfg.dst, cfg.len);
  const route = createRoute4(state, cfg);
  const existing = table.leaf(cfg.dst, cfg.len);
  if (existing === undefined && !FLAGS[req.op].create) refuse(ERRNO.ENOENT);
  const leaf = table.ensureLeaf(cfg.dst, cfg.len);
  try {
    insertRoute4(leaf, route, req.op);
  } finally {
    table.prune(leaf);
  }
  if (cfg.type === RTN.LOCAL) fam.customLocalRoutes = true;
}

/** `fib_table_delete`. */
function deleteRoute4(leaf: Leaf | undefined, req: RouteRequest, cfg: RouteConfig4, prune: (leaf: Leaf) => void): void {
  if (leaf === undefined) refuse(ERRNO.ESRCH);
  const start = leaf.routes.findIndex((r) => r.tos <= cfg.tos);
  if (start < 0) refuse(ERRNO.ESRCH);
  for (let i = start; i < leaf.routes.length; i++) {
    const r = leaf.routes[i];
    if (r.tos !== cfg.tos) break;
    if (deleteMatches(r, req, cfg)) {
      leaf.routes.splice(i, 1);
      prune(leaf);
      return;
    }
  }
  refuse(ERRNO.ESRCH);
}

function deleteMatches(r: Route, req: RouteRequest, cfg: RouteConfig4): boolean {
  if (req.typeGiven && r.type !== req.type) return false;
  if (req.scope !== SCOPE.NOWHERE && r.scope !== req.scope) return false;
  if (req.prefsrc !== undefined && r.prefsrc !== req.prefsrc) return false;
  if (req.protocol !== RTPROT.UNSPEC && r.protocol !== req.protocol) return false;
  if (req.metric !== undefined && req.metric !== 0 && r.metric !== req.metric) return false;
  if (req.multipath === undefined) {
    const [spec] = cfg.nexthops;
    if (spec.dev !== 0 || spec.gateway !== undefined) {
      const nh = r.nexthops[0];
      if (spec.dev !== 0 && spec.dev !== nh.dev) return false;
      if (spec.gateway !== undefined && spec.gateway !== nh.gateway) return false;
    }
    return true;
  }
  // fib_nh_match walks the route's paths; the request must list at least as many.
  if (cfg.nexthops.length < r.nexthops.length) return false;
  return r.nexthops.every((nh, i) => {
    const spec = cfg.nexthops[i];
    if (spec.dev !== 0 && spec.dev !== nh.dev) return false;
    return spec.gateway === undefined || spec.gateway === nh.gateway;
  });
}
