/**
 * IPv6 `route add|append|prepend|replace|change|del` (`ip6_route_info_create`, `fib6_nh_init`,
 * `ip6_validate_gw`, `fib6_add_rt2node`, `ip6_route_del`).
 *
 * Routes of one prefix are kept by metric; a new route goes after those of equal metric. `add`
 * of an existing (prefix, metric) is "File exists"; `append`/`prepend` of the same nexthop too,
 * and of another gateway with the same metric it makes an ECMP group. `replace` swaps the first
 * route of that metric (or adds); `change` must find one. Without `metric` a route gets 1024.
 * Host bits of the prefix are dropped, not refused. Reject types get `dev lo`.
 */
import { ERRNO, RTN, TABLE, refuse, routeTypeError } from "../kernel.js";
import { prefixMask } from "../inet.js";
import type { NexthopRequest, RouteRequest } from "../batch/requests.js";
import type { Nexthop, Route } from "../types.js";
import { isLocal6, validateGateway6 } from "./nexthop6.js";
import { LOOPBACK_IFINDEX } from "./state.js";
import type { Leaf, RoutingState } from "./state.js";

/** IP6_RT_PRIO_USER. */
export const V6_USER_METRIC = 1024;

export interface RouteConfig6 {
  readonly table: number;
  readonly dst: bigint;
  readonly len: number;
  readonly type: number;
  readonly protocol: number;
  readonly metric: number;
  readonly prefsrc: bigint | undefined;
  readonly gateway: bigint | undefined;
  readonly dev: number;
  readonly onlink: boolean;
  readonly pref: number;
  /** Kernel-made routes (addresses, ff00::/8) may use a device that is down. */
  readonly ignoreDevDown: boolean;
  /** `nexthop … weight W` (1 when not given). */
  readonly weight?: number;
  /** `from` prefix (source-specific route); length 0 when none. */
  readonly src?: bigint;
  readonly srcLen?: number;
}

/** `ip6_route_info_create` + `fib6_nh_init`. */
export function createRoute6(state: RoutingState, cfg: RouteConfig6): Route {
  if (cfg.len > 128) refuse(ERRNO.EINVAL, "Invalid prefix length");
  const dst = cfg.dst & prefixMask(6, cfg.len);
  const srcLen = cfg.srcLen ?? 0;
  const src = (cfg.src ?? 0n) & prefixMask(6, srcLen);
  if (cfg.dev !== 0 && state.deviceAt(cfg.dev) === undefined) refuse(ERRNO.ENODEV);
  if (cfg.onlink) {
    if (cfg.dev === 0) refuse(ERRNO.ENODEV, "Nexthop device required for onlink");
    if (!state.isUp(cfg.dev)) refuse(ERRNO.ENETDOWN, "Nexthop device is not up");
  }
  // A direct route through `lo` is promoted to a reject route (`fib6_is_reject`).
  const viaLo = cfg.dev === LOOPBACK_IFINDEX && cfg.gateway === undefined && dst !== 1n && cfg.type !== RTN.LOCAL && cfg.type !== RTN.ANYCAST;
  const reject = routeTypeError(cfg.type) !== 0 || viaLo;
  let nh: Nexthop;
  if (reject) {
    nh = { gateway: undefined, dev: LOOPBACK_IFINDEX, onlink: cfg.onlink, weight: 1, linkdown: false, scope: 0 };
  } else {
    const dev = cfg.gateway !== undefined ? validateGateway6(state, cfg, cfg.gateway) : cfg.dev;
    if (dev === 0) refuse(ERRNO.ENODEV);
    if (!state.isUp(dev) && !cfg.ignoreDevDown) refuse(ERRNO.ENETDOWN, "Nexthop device is not up");
    const linkdown = cfg.type !== RTN.LOCAL && cfg.type !== RTN.ANYCAST && !state.hasCarrier(dev);
    nh = { gateway: cfg.gateway, dev, onlink: cfg.onlink, weight: cfg.weight ?? 1, linkdown, scope: 0 };
  }
  if (cfg.prefsrc !== undefined && cfg.prefsrc !== 0n && !isLocal6(state, cfg.prefsrc, nh.dev)) refuse(ERRNO.EINVAL, "Invalid source address");
  return {
    id: state.nextSerial(),
    family: 6,
    table: cfg.table,
    dst,
    len: cfg.len,
    tos: 0,
    type: cfg.type === RTN.UNSPEC ? RTN.UNICAST : cfg.type,
    metric: cfg.metric,
    protocol: cfg.protocol,
    scope: 0,
    prefsrc: cfg.prefsrc === 0n ? undefined : cfg.prefsrc,
    nexthops: [nh],
    linkdown: nh.linkdown,
    pref: cfg.pref,
    siblingGroup: 0,
    reject: viaLo,
    ...(srcLen > 0 ? { src, srcLen } : {}),
  };
}

/** `rt6_qualify_for_ecmp`: a gateway route. */
function ecmpCapable(route: Route): boolean {
  return route.nexthops[0].gateway !== undefined;
}

export type InsertOp6 = "add" | "append" | "prepend" | "replace" | "change";

/** `fib6_add_rt2node` on the list of one prefix. Returns the route as inserted (with its ECMP group). */
export function insertRoute6(state: RoutingState, leaf: Leaf, route: Route, op: InsertOp6): void {
  const list = leaf.routes;
  const excl = op === "add";
  const replace = op === "replace" || op === "change";
  let ins = 0;
  let found = -1;
  let fallback = -1;
  let sibling: Route | undefined;
  for (let i = 0; i < list.length; i++) {
    const iter = list[i];
    if (iter.metric === route.metric) {
      if (excl) refuse(ERRNO.EEXIST);
      if (replace) {
        if (ecmpCapable(route) === ecmpCapable(iter)) {
          found = i;
          break;
        }
        if (fallback < 0) fallback = i;
        ins = i + 1;
        continue;
      }
      const a = iter.nexthops[0];
      const b = route.nexthops[0];
      if (a.dev === b.dev && a.gateway === b.gateway) refuse(ERRNO.EEXIST);
      if (ecmpCapable(route) && ecmpCapable(iter)) sibling ??= iter;
    }
    if (iter.metric > route.metric) break;
    ins = i + 1;
  }
  if (fallback >= 0 && found < 0) found = fallback;
  if (!replace) {
    const inserted = sibling === undefined ? route : { ...route, siblingGroup: groupOf(state, leaf, sibling) };
    list.splice(ins, 0, inserted);
    return;
  }
  if (found < 0) {
    if (op === "replace") {
      list.splice(ins, 0, route);
      return;
    }
    refuse(ERRNO.ENOENT);
  }
  const old = list[found];
  const kept = old.siblingGroup === 0 ? list.filter((r) => r !== old) : list.filter((r) => r.siblingGroup !== old.siblingGroup);
  kept.splice(Math.min(found, kept.length), 0, route);
  list.splice(0, list.length, ...kept);
}

/** The ECMP group of `sibling`, giving it one when it has none yet. */
function groupOf(state: RoutingState, leaf: Leaf, sibling: Route): number {
  if (sibling.siblingGroup !== 0) return sibling.siblingGroup;
  const group = state.nextSerial();
  const i = leaf.routes.indexOf(sibling);
  leaf.routes[i] = { ...sibling, siblingGroup: group };
  return group;
}

function config6(state: RoutingState, req: RouteRequest, nh: NexthopRequest | undefined): RouteConfig6 {
  const devName = nh === undefined ? req.dev : nh.dev;
  return {
    table: req.table === TABLE.UNSPEC ? TABLE.MAIN : req.table,
    dst: req.dst,
    len: req.dstLen,
    type: req.type,
    protocol: req.protocol,
    metric: req.metric === undefined || req.metric === 0 ? V6_USER_METRIC : req.metric,
    prefsrc: req.prefsrc,
    gateway: nh === undefined ? req.gateway : nh.gateway,
    dev: devName === undefined ? 0 : (state.device(devName)?.index ?? 0),
    onlink: nh === undefined ? req.onlink : nh.onlink,
    pref: req.pref,
    ignoreDevDown: false,
    src: req.src,
    srcLen: req.srcLen,
    weight: nh?.weight ?? 1,
  };
}

export function applyRoute6(state: RoutingState, req: RouteRequest): void {
  if (req.op === "del") {
    deleteRoute6(state, req);
    return;
  }
  const op = req.op;
  if (req.multipath !== undefined) {
    applyMultipath6(state, { ...req, op }, req.multipath);
    return;
  }
  const cfg = config6(state, req, undefined);
  insertOne6(state, req, cfg, createRoute6(state, cfg), op);
}

/**
 * `ip6_route_multipath_add`: every path is made (and checked) first, a path equal to an earlier
 * one (same device and gateway, `rt6_duplicate_nexthop`) refuses the whole request with "File
 * exists"; then the paths go in one by one (the first with the request's own operation, the
 * rest appended), and if one is refused, those already in are taken out again.
 */
function applyMultipath6(state: RoutingState, req: RouteRequest & { op: InsertOp6 }, nexthops: readonly NexthopRequest[]): void {
  const made: { cfg: RouteConfig6; route: Route }[] = [];
  for (const nh of nexthops) {
    const cfg = config6(state, req, nh);
    // `ip6_route_info_create` makes the table (NLM_F_CREATE) before anything can be refused.
    if (req.op !== "change") state.v6.newTable(cfg.table);
    const route = createRoute6(state, cfg);
    const a = route.nexthops[0];
    if (made.some((m) => m.route.nexthops[0].dev === a.dev && m.route.nexthops[0].gateway === a.gateway)) refuse(ERRNO.EEXIST);
    made.push({ cfg, route });
  }
  const inserted: number[] = [];
  try {
    made.forEach(({ cfg, route }, i) => {
      insertOne6(state, req, cfg, route, i === 0 ? req.op : "append");
      inserted.push(route.id);
    });
  } catch (error) {
    for (const table of state.v6.tables.values()) {
      for (const leaf of [...table.leaves.values()]) {
        const keep = leaf.routes.filter((r) => !inserted.includes(r.id));
        if (keep.length === leaf.routes.length) continue;
        leaf.routes.splice(0, leaf.routes.length, ...keep);
        table.prune(leaf);
      }
    }
    throw error;
  }
}

/** Puts one made route in its table's leaf (`fib6_add`). */
function insertOne6(state: RoutingState, req: RouteRequest, cfg: RouteConfig6, route: Route, op: InsertOp6): void {
  {
    const table = req.op === "change" ? (state.v6.table(cfg.table) ?? state.v6.newTable(cfg.table)) : state.v6.newTable(cfg.table);
    // The root (::/0) always exists, so only a longer prefix (or a source prefix) can be missing.
    const srcLen = route.srcLen ?? 0;
    const leaf = table.leaf(route.dst, route.len, route.src, srcLen);
    if (leaf === undefined && req.op === "change" && (route.len > 0 || srcLen > 0)) refuse(ERRNO.ENOENT, "Can not replace route - no match found");
    const target = table.ensureLeaf(route.dst, route.len, route.src, srcLen);
    try {
      insertRoute6(state, target, route, op);
    } finally {
      table.prune(target);
    }
  }
}

/** `ip6_route_del`: the first route of the prefix matching what is given; its ECMP group goes with it unless a gateway was given. */
function deleteRoute6(state: RoutingState, req: RouteRequest): void {
  const tid = req.table === TABLE.UNSPEC ? TABLE.MAIN : req.table;
  const table = state.v6.table(tid);
  if (table === undefined) refuse(ERRNO.ESRCH, "FIB table does not exist");
  // `fib6_locate`: the destination prefix and, for a source-specific route, the source prefix exactly.
  const leaf = req.dstLen > 128 || req.srcLen > 128 ? undefined : table.leaf(req.dst & prefixMask(6, req.dstLen), req.dstLen, req.src & prefixMask(6, req.srcLen), req.srcLen);
  const dev = req.dev === undefined ? 0 : (state.device(req.dev)?.index ?? 0);
  if (leaf === undefined) {
    // An empty root holds the kernel's null entry (metric 0xffffffff, dev lo): a request that
    // names nothing matches it, and deleting it is refused with ENOENT.
    const nullMatches = req.dstLen === 0 && req.srcLen === 0 && (req.metric === undefined || req.metric === 0 || req.metric === 0xffffffff) && (req.protocol === 0 || req.protocol === 2) && (dev === 0 || dev === LOOPBACK_IFINDEX) && req.gateway === undefined;
    refuse(nullMatches ? ERRNO.ENOENT : ERRNO.ESRCH);
  }
  const victim = leaf.routes.find(
    (r) =>
      (req.metric === undefined || req.metric === 0 || r.metric === req.metric) &&
      (req.protocol === 0 || r.protocol === req.protocol) &&
      (dev === 0 || r.nexthops[0].dev === dev) &&
      (req.gateway === undefined || r.nexthops[0].gateway === req.gateway),
  );
  if (victim === undefined) refuse(ERRNO.ESRCH);
  const all = req.gateway === undefined && victim.siblingGroup !== 0;
  leaf.routes.splice(0, leaf.routes.length, ...leaf.routes.filter((r) => (all ? r.siblingGroup !== victim.siblingGroup : r !== victim)));
  table.prune(leaf);
}
