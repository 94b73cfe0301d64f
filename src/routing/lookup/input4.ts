/**
 * IPv4 input route (`ip_route_input_rcu`, `ip_route_input_slow`, `__mkroute_input`), as
 * `route get … iif DEV from SRC` asks for it:
 *
 * - martians are refused: a multicast, broadcast, 0.0.0.0 or loopback source, a 0.0.0.0 or
 *   loopback destination; to 255.255.255.255 (or 0→0) the packet is a local broadcast;
 * - a multicast destination is accepted only for a group the device joined (224.0.0.1);
 * - the policy lookup runs with `iif` = the input device and uid 0; a failure becomes the
 *   route's error (`No route to host` when the device does not forward);
 * - broadcast and local results are delivered here after the source check; anything else
 *   needs forwarding on the input device and a unicast result, then the source check against
 *   the output device (a forward back out the input device to a connected source is a redirect).
 *
 * Every refusal on the way is "Invalid argument" (`inet_rtm_getroute` maps them so).
 */
import { ERRNO, RTCF, RTN, SCOPE } from "../kernel.js";
import { isV4LimitedBroadcast, isV4Loopback, isV4Multicast, isV4Zeronet } from "../inet.js";
import { LOOPBACK_IFINDEX } from "../model/state.js";
import type { RoutingState } from "../model/state.js";
import { isResult } from "./flow.js";
import type { FibBackend, FibResult, Flow } from "./flow.js";
import { joinedGroup4 } from "./output4.js";
import { validateSource4 } from "./validate-source4.js";
import { choosePath4 } from "./select-path.js";

const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;

export interface InputKey {
  readonly daddr: bigint;
  readonly saddr: bigint;
  readonly dev: number;
  readonly mark: number;
  readonly tos: number;
  readonly proto: number;
  readonly sport: number;
  readonly dport: number;
}

/** The input route, as `route get` reports it. */
export interface InRt4 {
  readonly type: number;
  readonly dev: number;
  readonly gateway: bigint | undefined;
  readonly flags: number;
  readonly res: FibResult | undefined;
  readonly table: number;
  /** The route's error (`dst.error`) for an unreachable input route; 0 otherwise. */
  readonly error: number;
  readonly rulesEvaluated: number;
  readonly paths: FibResult[] | undefined;
}

/**
 * Returns the input route, or a positive errno: EXDEV for a reverse-path (rp_filter) failure,
 * EINVAL for other martians. `route get` reports every one as "Invalid argument".
 */
export function inputRoute4(state: RoutingState, fib: FibBackend, key: InputKey): InRt4 | number {
  const { daddr, saddr, dev } = key;
  if (isV4Multicast(daddr)) {
    if (!joinedGroup4(state, dev, daddr)) return ERRNO.EINVAL;
    return multicastInput(state, fib, key);
  }
  if (isV4Multicast(saddr) || isV4LimitedBroadcast(saddr)) return ERRNO.EINVAL;
  if (isV4LimitedBroadcast(daddr) || (saddr === 0n && daddr === 0n)) return broadcastInput(state, fib, key, undefined, 0);
  if (isV4Zeronet(saddr) || isV4Zeronet(daddr) || isV4Loopback(daddr) || isV4Loopback(saddr)) return ERRNO.EINVAL;
  const dissect = state.v4.requireFlowDissect > 0;
  const l4 = key.proto === IPPROTO_TCP || key.proto === IPPROTO_UDP;
  const flow: Flow = {
    daddr,
    saddr,
    iif: dev,
    oif: 0,
    mark: key.mark,
    tos: key.tos,
    scope: SCOPE.UNIVERSE,
    uid: 0,
    proto: dissect ? key.proto : 0,
    sport: dissect && l4 ? key.sport : 0,
    dport: dissect && l4 ? key.dport : 0,
  };
  const answer = fib.lookup(4, flow, 0);
  const forwarding = state.sysctls.forwarding4(dev);
  if (!isResult(answer.outcome)) {
    return unreachable(forwarding ? answer.outcome : ERRNO.EHOSTUNREACH, answer.rulesEvaluated);
  }
  const res = answer.outcome;
  if (res.route.type === RTN.BROADCAST) return broadcastInput(state, fib, key, res, answer.rulesEvaluated);
  if (res.route.type === RTN.LOCAL) {
    const check = validateSource4(state, fib, sourceCheck(key, daddr, 0));
    if (check < 0) return -check;
    return local(RTN.LOCAL, RTCF.LOCAL, res, answer.rulesEvaluated);
  }
  if (!forwarding) return unreachable(ERRNO.EHOSTUNREACH, answer.rulesEvaluated);
  if (res.route.type !== RTN.UNICAST) return ERRNO.EINVAL;
  return forward(state, fib, key, res, answer.rulesEvaluated);
}

function sourceCheck(key: InputKey, dst: bigint, oif: number) {
  return { src: key.saddr, dst, tos: key.tos, oif, dev: key.dev, proto: key.proto, sport: key.sport, dport: key.dport };
}

function unreachable(error: number, rulesEvaluated: number): InRt4 {
  return { type: RTN.UNREACHABLE, dev: LOOPBACK_IFINDEX, gateway: undefined, flags: 0, res: undefined, table: 0, error, rulesEvaluated, paths: undefined };
}

function local(type: number, flags: number, res: FibResult | undefined, rulesEvaluated: number): InRt4 {
  return { type, dev: LOOPBACK_IFINDEX, gateway: undefined, flags: (flags | RTCF.LOCAL) >>> 0, res, table: res?.table ?? 0, error: 0, rulesEvaluated, paths: undefined };
}

function broadcastInput(state: RoutingState, fib: FibBackend, key: InputKey, res: FibResult | undefined, rules: number): InRt4 | number {
  const check = isV4Zeronet(key.saddr) ? 0 : validateSource4(state, fib, sourceCheck(key, 0n, 0));
  if (check < 0) return -check;
  return local(RTN.BROADCAST, RTCF.BROADCAST, res, rules);
}

/** `ip_route_input_mc` + `ip_mc_validate_source`. */
function multicastInput(state: RoutingState, fib: FibBackend, key: InputKey): InRt4 | number {
  const { saddr } = key;
  if (isV4Multicast(saddr) || isV4LimitedBroadcast(saddr) || isV4Loopback(saddr)) return ERRNO.EINVAL;
  if (isV4Zeronet(saddr)) {
    if (key.daddr >> 8n !== 0xe00000n && key.proto !== 2) return ERRNO.EINVAL;
  } else {
    const check = validateSource4(state, fib, sourceCheck(key, 0n, 0));
    if (check < 0) return -check;
  }
  return { type: RTN.MULTICAST, dev: LOOPBACK_IFINDEX, gateway: undefined, flags: (RTCF.MULTICAST | RTCF.LOCAL) >>> 0, res: undefined, table: 0, error: 0, rulesEvaluated: 0, paths: undefined };
}

/** `ip_mkroute_input` / `__mkroute_input`. */
function forward(state: RoutingState, fib: FibBackend, key: InputKey, found: FibResult, rules: number): InRt4 | number {
  let res = found;
  let paths: FibResult[] | undefined;
  if (res.route.nexthops.length > 1) {
    // ip_mkroute_input: the hash of the packet (UDP unless ipproto says), no source preference.
    const flow4 = { family: 4 as const, src: key.saddr, dst: key.daddr, proto: key.proto === 0 ? IPPROTO_UDP : key.proto, sport: key.sport, dport: key.dport };
    const choice = choosePath4(state, res, flow4, 0n);
    res = choice.chosen;
    paths = choice.paths;
  }
  const nh = res.route.nexthops[res.nh];
  const check = validateSource4(state, fib, sourceCheck(key, key.daddr, nh.dev));
  if (check < 0) return -check;
  let flags = 0;
  if (nh.dev === key.dev && check > 0 && state.sysctls.sendRedirects(nh.dev)) {
    // shared_media is on by default, so the kernel's on-link test of the source always passes.
    flags |= RTCF.DOREDIRECT;
  }
  const gateway = nh.gateway !== undefined && nh.scope === SCOPE.LINK ? nh.gateway : undefined;
  return { type: res.route.type, dev: nh.dev, gateway, flags: flags >>> 0, res, table: res.table, error: 0, rulesEvaluated: rules, paths };
}
