/**
 * IPv4 reverse-path and martian-source check (`fib_validate_source`, `__fib_validate_source`).
 *
 * With rp_filter 0, no custom rules and no custom local routes, the only check is that the
 * source is not one of our addresses. Otherwise the kernel routes the source back: a lookup
 * with source and destination swapped, through the policy rules, as if generated here (`iif`
 * is lo, or the output device when forwarding). It must find a unicast route (local only with
 * accept_local); if the route leaves through the input device, the source is fine, and the
 * answer says whether it is directly connected (then a forward back out the same device is a
 * redirect). Strict mode (1) refuses a route through another device; loose mode (2) accepts
 * any route; with rp_filter 0 an unroutable source is fine.
 *
 * Returns a negative errno, 0, or 1 (source directly connected on the input device).
 */
import { ERRNO, RTN, SCOPE } from "../kernel.js";
import type { RoutingState } from "../model/state.js";
import { LOOPBACK_IFINDEX } from "../model/state.js";
import { IGNORE_LINKSTATE, isResult } from "./flow.js";
import type { FibBackend, Flow } from "./flow.js";
import { isInterfaceAddress4 } from "./select-addr4.js";

export interface SourceCheck {
  readonly src: bigint;
  readonly dst: bigint;
  readonly tos: number;
  /** The output device when forwarding, 0 for local delivery. */
  readonly oif: number;
  /** The input device. */
  readonly dev: number;
  readonly proto: number;
  readonly sport: number;
  readonly dport: number;
}

export function validateSource4(state: RoutingState, fib: FibBackend, c: SourceCheck): number {
  const rpf = state.sysctls.rpFilter(c.dev);
  if (rpf === 0 && (c.dev !== c.oif || !state.sysctls.sendRedirects(c.dev))) {
    if (state.sysctls.acceptLocal(c.dev)) return 0;
    if (!state.v4.customLocalRoutes && !state.v4.customRules) return isInterfaceAddress4(state, c.src) ? -ERRNO.EINVAL : 0;
  }
  return fullCheck(state, fib, c, rpf);
}

function fullCheck(state: RoutingState, fib: FibBackend, c: SourceCheck, rpf: number): number {
  const dissect = state.v4.requireFlowDissect > 0;
  const flow: Flow = {
    daddr: c.src,
    saddr: c.dst,
    iif: c.oif !== 0 ? c.oif : LOOPBACK_IFINDEX,
    oif: 0,
    mark: 0,
    tos: c.tos,
    scope: SCOPE.UNIVERSE,
    uid: 0,
    proto: dissect ? c.proto : 0,
    sport: dissect ? c.dport : 0,
    dport: dissect ? c.sport : 0,
  };
  const noAddr = state.addrs(4, c.dev).length === 0;
  const first = fib.lookup(4, flow, 0).outcome;
  if (!isResult(first)) return rpf !== 0 ? -ERRNO.EXDEV : 0;
  const type = first.route.type;
  if (type !== RTN.UNICAST && (type !== RTN.LOCAL || !state.sysctls.acceptLocal(c.dev))) return -ERRNO.EINVAL;
  const devMatch = first.route.nexthops.some((nh) => nh.dev === c.dev) || (type === RTN.LOCAL && c.dev === LOOPBACK_IFINDEX);
  if (devMatch) return first.route.nexthops[first.nh].scope >= SCOPE.HOST ? 1 : 0;
  if (noAddr) return rpf !== 0 ? -ERRNO.EXDEV : 0;
  if (rpf === 1) return -ERRNO.EXDEV;
  const second = fib.lookup(4, { ...flow, oif: c.dev }, IGNORE_LINKSTATE).outcome;
  if (isResult(second) && second.route.type === RTN.UNICAST) return second.route.nexthops[second.nh].scope >= SCOPE.HOST ? 1 : 0;
  return 0;
}
