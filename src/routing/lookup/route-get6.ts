/**
 * IPv6 `route get` (`inet6_rtm_getroute`, `ip6_route_output_flags`, `ip6_route_input_lookup`,
 * `rt6_fill_node`).
 *
 * Output: `oif` is a requirement only without `from` (or for multicast, link-local and ::1
 * destinations); otherwise it only prefers routes through it. `from` may be any address. The
 * reply always carries `from` (:: when not given) and the source the kernel would pick, even
 * when `from` is given. Input: routes through the input device are preferred; forwarding is
 * not consulted. A multicast destination answers with its `local` table multicast route: 6.18.44
 * fills that reply; earlier 6.x kernels failed it with "Message too long" (`rt6_fill_node`
 * could not encode the input multicast route), a reporting quirk, not a routing decision.
 */
import { RTN, RTPROT } from "../kernel.js";
import { isV6LinkLocal, isV6Multicast, V6_LOOPBACK } from "../inet.js";
import { LOOPBACK_IFINDEX } from "../model/state.js";
import type { RoutingState } from "../model/state.js";
import type { Route } from "../types.js";
import { blankAnswer } from "./answer.js";
import type { AnswerPath, RouteAnswer, RouteGetResult } from "./answer.js";
import { LOOKUP_HAS_SADDR, LOOKUP_IFACE, isResult } from "./flow.js";
import type { FibBackend, FibResult, Flow } from "./flow.js";
import type { RouteQuery } from "./query.js";
import { failure, nexthopFlagNames } from "./route-get4.js";
import { score6 } from "../reference/table-lookup6.js";
import { selectSource6 } from "./source6.js";
import { choosePath6 } from "./select-path.js";

const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;
const IPPROTO_ICMPV6 = 58;
const INVALID_UID = 0xffffffff;

/** `rt6_need_strict`: multicast, link-local and loopback destinations. */
function needStrict(daddr: bigint): boolean {
  return isV6Multicast(daddr) || isV6LinkLocal(daddr) || daddr === V6_LOOPBACK;
}

/** `ip6_rt_get_dev_rcu`: local and anycast routes answer through `lo`. */
function replyDev(route: Route): number {
  return route.type === RTN.LOCAL || route.type === RTN.ANYCAST ? LOOPBACK_IFINDEX : route.nexthops[0].dev;
}

/** The ECMP group of the chosen route, in its prefix (siblings share `siblingGroup`). */
function siblings(state: RoutingState, res: FibResult): Route[] {
  if (res.route.siblingGroup === 0) return [res.route];
  const leaf = state.v6.table(res.route.table)?.leaf(res.route.dst, res.route.len, res.route.src, res.route.srcLen);
  return leaf?.routes.filter((r) => r.siblingGroup === res.route.siblingGroup) ?? [res.route];
}

export function routeGet6(state: RoutingState, fib: FibBackend, q: RouteQuery): RouteGetResult {
  if (q.ipproto !== 0 && q.ipproto !== IPPROTO_TCP && q.ipproto !== IPPROTO_UDP && q.ipproto !== IPPROTO_ICMPV6) {
    return failure(95, 0, "Unsupported ip proto");
  }
  const saddr = q.from ?? 0n;
  const input = q.iif !== undefined;
  const iif = input ? (state.device(q.iif ?? "")?.index ?? 0) : 0;
  const oif = !input && q.oif !== undefined ? (state.device(q.oif)?.index ?? 0) : 0;
  let flags = saddr !== 0n ? LOOKUP_HAS_SADDR : 0;
  if (needStrict(q.dst) || (!input && oif !== 0 && saddr === 0n)) flags |= LOOKUP_IFACE;
  const flow: Flow = {
    daddr: q.dst,
    saddr,
    iif: input ? iif : LOOPBACK_IFINDEX,
    oif,
    mark: q.mark,
    // `route get … tos T` puts the dsfield into the flow's traffic class (`ip6_make_flowinfo`).
    tos: q.tos,
    scope: 0,
    uid: q.uid ?? (input ? INVALID_UID : 0),
    proto: q.ipproto,
    sport: q.sport,
    dport: q.dport,
  };
  const answer = fib.lookup(6, flow, flags, input ? iif : oif);
  const rules = answer.rulesEvaluated;
  if (!isResult(answer.outcome)) return failure(answer.outcome, rules);
  const res = answer.outcome;
  if (q.fibmatch) return { ok: true, answer: { ...describeRoute6(state, res.route, siblings(state, res)), iif: input ? iif : undefined, rulesEvaluated: rules } };
  // fib6_select_path hashes over the ECMP group whatever the oif; a strict oif rules members out.
  const scoreOif = input ? iif : oif;
  const all = siblings(state, res);
  const prefsrcOf = (r: Route): bigint | undefined => r.prefsrc ?? (input ? undefined : selectSource6(state, r.nexthops[0].dev, q.dst));
  let route = res.route;
  let paths: AnswerPath[] | undefined;
  if (all.length > 1) {
    const strict = (flags & LOOKUP_IFACE) !== 0;
    const usable = (r: Route): boolean => !strict || scoreOif === 0 || r.nexthops[0].dev === scoreOif;
    const flow6 = { family: 6 as const, src: saddr, dst: q.dst, proto: q.ipproto, sport: q.sport, dport: q.dport };
    const choice = choosePath6(state, all, route, flow6, usable);
    route = choice.chosen;
    const group = choice.paths?.filter((r) => r === route || score6(state, r, scoreOif, flags) >= 0);
    if (group !== undefined && group.length > 1) paths = group.map((r) => ({ dev: replyDev(r), gateway: r.nexthops[0].gateway, prefsrc: prefsrcOf(r) }));
  }
  const a: RouteAnswer = {
    ...blankAnswer(6, false),
    type: route.type,
    dst: q.dst,
    from: saddr,
    gateway: route.nexthops[0].gateway,
    dev: replyDev(route),
    table: route.table,
    protocol: route.protocol !== RTPROT.BOOT ? route.protocol : undefined,
    prefsrc: prefsrcOf(route),
    metric: route.metric,
    iif: input ? iif : undefined,
    pref: route.pref,
    paths,
    rulesEvaluated: rules,
    route,
  };
  return { ok: true, answer: a };
}

/** A FIB entry as `rt6_fill_node` reports it without a cached route (fibmatch, dumps). */
export function describeRoute6(state: RoutingState, route: Route, group: readonly Route[] = [route]): RouteAnswer {
  const nh = route.nexthops[0];
  const multipath = group.length > 1;
  const ordered = multipath ? [route, ...group.filter((r) => r !== route)] : [route];
  return {
    ...blankAnswer(6, true),
    type: route.type,
    dst: route.dst,
    dstLen: route.len,
    ...(route.srcLen !== undefined && route.srcLen > 0 ? { from: route.src, fromLen: route.srcLen } : {}),
    gateway: multipath ? undefined : nh.gateway,
    dev: multipath ? undefined : nh.dev,
    table: route.table,
    protocol: route.protocol !== RTPROT.BOOT ? route.protocol : undefined,
    prefsrc: route.prefsrc,
    metric: route.metric,
    flags: multipath ? [] : nexthopFlagNames(state, 6, nh.linkdown, nh.onlink, nh.dev),
    pref: route.pref,
    nexthops: multipath
      ? ordered.map((r) => ({
          gateway: r.nexthops[0].gateway,
          dev: r.nexthops[0].dev,
          weight: r.nexthops[0].weight,
          flags: nexthopFlagNames(state, 6, r.nexthops[0].linkdown, r.nexthops[0].onlink, r.nexthops[0].dev),
        }))
      : undefined,
    route,
  };
}

