/**
 * IPv4 `route get` (`inet_rtm_getroute`): an output lookup, or an input lookup when `iif` is
 * given, then the reply — the route the kernel made (`rt_fill_info`) or, with `fibmatch`, the
 * FIB entry behind it (`fib_dump_info`; "No route to host" when there is none, as after the
 * `oif` on-link fallback).
 */
import { ERRNO, RTCF, RTN, RTPROT, SCOPE, kernelErrorText, routeTypeError } from "../kernel.js";
import type { RoutingState } from "../model/state.js";
import type { Route } from "../types.js";
import { blankAnswer } from "./answer.js";
import type { AnswerNexthop, RouteAnswer, RouteGetResult } from "./answer.js";
import type { FibBackend, FibResult } from "./flow.js";
import { inputRoute4 } from "./input4.js";
import type { InRt4 } from "./input4.js";
import { outputRoute4 } from "./output4.js";
import type { Rt4 } from "./output4.js";
import type { RouteQuery } from "./query.js";
import { resultPrefsrc } from "./select-addr4.js";

const IPPROTO_ICMP = 1;
const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;
/** RTCF_MULTICAST shares its bit with RTM_F_OFFLOAD_FAILED, which iproute2 prints. */
const OFFLOAD_FAILED = 0x20000000;

export function failure(errno: number, rulesEvaluated = 0, extack?: string): RouteGetResult {
  return { ok: false, errno, error: kernelErrorText(errno, extack), rulesEvaluated };
}

/** `print_cache_flags`. */
export function cacheNames(flags: number): string[] {
  const out: string[] = [];
  if ((flags & RTCF.LOCAL) !== 0) out.push("local");
  if ((flags & RTCF.MULTICAST) !== 0) out.push("mc");
  if ((flags & RTCF.BROADCAST) !== 0) out.push("brd");
  if ((flags & RTCF.DOREDIRECT) !== 0) out.push("redirect");
  return out;
}

/** `print_rt_flags` for one nexthop's flags. */
export function nexthopFlagNames(state: RoutingState, family: 4 | 6, linkdown: boolean, onlink: boolean, dev: number, dead = false): string[] {
  const out: string[] = [];
  const ignore = family === 4 ? state.sysctls.ignoreLinkdown4(dev) : state.sysctls.ignoreLinkdown6(dev);
  if (dead || (linkdown && ignore)) out.push("dead");
  if (onlink) out.push("onlink");
  if (linkdown) out.push("linkdown");
  return out;
}

export function routeGet4(state: RoutingState, fib: FibBackend, q: RouteQuery): RouteGetResult {
  if (q.ipproto !== 0 && q.ipproto !== IPPROTO_TCP && q.ipproto !== IPPROTO_UDP && q.ipproto !== IPPROTO_ICMP) {
    return failure(95, 0, "Unsupported ip proto");
  }
  // `inet_rtm_getroute`: without `ipproto` the lookup (and the packet it builds) is UDP.
  const proto = q.ipproto === 0 ? IPPROTO_UDP : q.ipproto;
  const src = q.from ?? 0n;
  const base = { ...blankAnswer(4, q.fibmatch), dst: q.dst, from: src !== 0n ? src : undefined, mark: q.mark };
  if (q.iif !== undefined) {
    const dev = state.device(q.iif)?.index ?? 0;
    const rt = inputRoute4(state, fib, {
      daddr: q.dst,
      saddr: src,
      dev,
      mark: q.mark,
      tos: q.tos & 0xfc,
      proto,
      sport: q.sport,
      dport: q.dport,
    });
    if (typeof rt === "number") return failure(ERRNO.EINVAL);
    if (rt.error !== 0) return failure(rt.error, rt.rulesEvaluated);
    if (q.fibmatch) return fibMatch(state, base, rt.res, rt.type, rt.rulesEvaluated);
    return { ok: true, answer: inputAnswer(base, rt, dev, q.uid) };
  }
  const oif = q.oif === undefined ? 0 : (state.device(q.oif)?.index ?? 0);
  const rt = outputRoute4(state, fib, {
    daddr: q.dst,
    saddr: src,
    oif,
    mark: q.mark,
    tos: q.tos & 0xfc,
    uid: q.uid ?? 0,
    proto,
    sport: q.sport,
    dport: q.dport,
  });
  if (typeof rt === "number") return failure(rt);
  if (q.fibmatch) return fibMatch(state, base, rt.res, rt.type, rt.rulesEvaluated);
  return { ok: true, answer: outputAnswer(state, base, rt, src, q.uid ?? 0) };
}

/**
 * Every path of a multipath route, as the answer would show it had the hash picked it:
 * broadcast and (below a /4) multicast use no gateway; the source shows only without `from`.
 */
function paths(state: RoutingState, rt: Rt4, src: bigint): RouteAnswer["paths"] {
  const gatewayUsed = rt.type !== RTN.BROADCAST && !(rt.type === RTN.MULTICAST && (rt.res?.prefixLen ?? 0) < 4);
  return rt.paths?.map((res) => {
    const nh = res.route.nexthops[res.nh];
    const gateway = gatewayUsed && nh.gateway !== undefined && nh.scope === SCOPE.LINK ? nh.gateway : undefined;
    const prefsrc = src === 0n ? resultPrefsrc(state, res) : 0n;
    return { dev: nh.dev, gateway, prefsrc: prefsrc === 0n ? undefined : prefsrc };
  });
}

function outputAnswer(state: RoutingState, base: RouteAnswer, rt: Rt4, src: bigint, uid: number): RouteAnswer {
  return {
    ...base,
    type: rt.type,
    tos: rt.res?.route.tos ?? 0,
    gateway: rt.gateway,
    dev: rt.dev,
    table: rt.table,
    prefsrc: rt.saddr !== src ? rt.saddr : undefined,
    flags: (rt.flags & OFFLOAD_FAILED) !== 0 ? ["rt_offload_failed"] : [],
    uid,
    cache: cacheNames(rt.flags),
    paths: paths(state, rt, src),
    rulesEvaluated: rt.rulesEvaluated,
    route: rt.res?.route,
  };
}

function inputAnswer(base: RouteAnswer, rt: InRt4, dev: number, uid: number | undefined): RouteAnswer {
  return {
    ...base,
    type: rt.type,
    tos: rt.res?.route.tos ?? 0,
    gateway: rt.gateway,
    dev: rt.dev,
    table: rt.table,
    flags: (rt.flags & OFFLOAD_FAILED) !== 0 ? ["rt_offload_failed"] : [],
    uid,
    cache: cacheNames(rt.flags),
    iif: dev,
    paths: rt.paths?.map((res) => ({ dev: res.route.nexthops[res.nh].dev, gateway: res.route.nexthops[res.nh].gateway, prefsrc: undefined })),
    rulesEvaluated: rt.rulesEvaluated,
    route: rt.res?.route,
  };
}

/** `fib_dump_info` of the FIB entry that decided. */
function fibMatch(state: RoutingState, base: RouteAnswer, res: FibResult | undefined, rtType: number, rules: number): RouteGetResult {
  if (res === undefined) {
    const error = routeTypeError(rtType === RTN.UNSPEC ? RTN.UNICAST : rtType);
    return failure(error !== 0 ? error : ERRNO.EHOSTUNREACH, rules);
  }
  return { ok: true, answer: { ...describeRoute4(state, res.route, res.table, rtType), rulesEvaluated: rules, from: undefined, mark: 0 } };
}

/** A FIB entry as `fib_dump_info` reports it (also used for dumps). */
export function describeRoute4(state: RoutingState, route: Route, table: number, type = route.type): RouteAnswer {
  const single = route.nexthops.length === 1;
  const nh = route.nexthops[0];
  const nexthops: AnswerNexthop[] | undefined = single
    ? undefined
    : route.nexthops.map((n) => ({ gateway: n.gateway, dev: n.dev, weight: n.weight, flags: nexthopFlagNames(state, 4, n.linkdown, n.onlink, n.dev, n.dead) }));
  return {
    ...blankAnswer(4, true),
    type,
    dst: route.dst,
    dstLen: route.len,
    tos: route.tos,
    gateway: single ? nh.gateway : undefined,
    dev: single && nh.dev !== 0 ? nh.dev : undefined,
    table,
    protocol: route.protocol !== RTPROT.BOOT ? route.protocol : undefined,
    scope: route.scope !== SCOPE.UNIVERSE ? route.scope : undefined,
    prefsrc: route.prefsrc,
    metric: route.metric !== 0 ? route.metric : undefined,
    flags: single ? nexthopFlagNames(state, 4, nh.linkdown, nh.onlink, nh.dev) : route.linkdown ? ["linkdown"] : [],
    nexthops,
    route,
  };
}
