/**
 * IPv4 output route (`ip_route_output_key_hash_rcu`, `fib_select_path`, `__mkroute_output`):
 *
 * - `from` must be one of our addresses (or inside a `local` route of table local); a
 *   multicast, broadcast or 0.0.0.0 `from` is invalid; to multicast/broadcast without `oif`,
 *   `from` picks the device.
 * - `oif` must be up; link-local multicast and 255.255.255.255 go straight out of it.
 * - destination 0.0.0.0 is this host (`local`, `lo`, source 127.0.0.1 or `from`).
 * - a failed lookup with `oif` falls back to "on-link out of `oif`" (no gateway, no table),
 *   overriding even unreachable/blackhole results.
 * - a `local` result leaves through `lo`; otherwise the source is the route's `src` or an
 *   address of the chosen device (`fib_result_prefsrc`).
 * - 255.255.255.255 becomes broadcast, 224/4 multicast (no gateway below a /4 route); a
 *   loopback source may only leave through `lo`.
 */
import { ERRNO, RTCF, RTN, SCOPE } from "../kernel.js";
import { isV4LimitedBroadcast, isV4LocalMulticast, isV4Loopback, isV4Multicast, isV4Zeronet } from "../inet.js";
import { ipDevFind } from "../model/addr-type4.js";
import { LOOPBACK_IFINDEX } from "../model/state.js";
import type { RoutingState } from "../model/state.js";
import { isResult } from "./flow.js";
import type { FibBackend, FibResult, Flow } from "./flow.js";
import { inetSelectAddr, resultPrefsrc } from "./select-addr4.js";
import { choosePath4 } from "./select-path.js";

const IPPROTO_IGMP = 2;
const IPPROTO_UDP = 17;
const ALL_HOSTS = 0xe0000001n;

/** The route the kernel made (`struct rtable`) and the lookup result behind it. */
export interface Rt4 {
  readonly type: number;
  readonly dev: number;
  readonly gateway: bigint | undefined;
  readonly flags: number;
  /** `fl4->saddr` after the lookup: the source the kernel picked. */
  readonly saddr: bigint;
  readonly res: FibResult | undefined;
  /** Table that answered (0: none). */
  readonly table: number;
  readonly rulesEvaluated: number;
  /** Every path of a multipath route when the kernel hashed between them. */
  readonly paths: FibResult[] | undefined;
}

export interface OutputKey {
  readonly daddr: bigint;
  readonly saddr: bigint;
  readonly oif: number;
  readonly mark: number;
  readonly tos: number;
  readonly uid: number;
  readonly proto: number;
  readonly sport: number;
  readonly dport: number;
}

/** Whether `dev` has joined multicast group `group` (every up device joins 224.0.0.1). */
export function joinedGroup4(state: RoutingState, dev: number, group: bigint): boolean {
  return group === ALL_HOSTS && state.isUp(dev);
}

interface Making {
  type: number;
  res: FibResult | undefined;
  flags: number;
  saddr: bigint;
  rulesEvaluated: number;
  paths: FibResult[] | undefined;
}

/** Returns the route, or a positive errno. */
export function outputRoute4(state: RoutingState, fib: FibBackend, key: OutputKey): Rt4 | number {
  const m: Making = { type: RTN.UNSPEC, res: undefined, flags: 0, saddr: key.saddr, rulesEvaluated: 0, paths: undefined };
  let daddr = key.daddr;
  const oif = key.oif;
  let devOut = 0;
  if (m.saddr !== 0n) {
    if (isV4Multicast(m.saddr) || isV4LimitedBroadcast(m.saddr) || isV4Zeronet(m.saddr)) return ERRNO.EINVAL;
    if (oif === 0 && (isV4Multicast(daddr) || isV4LimitedBroadcast(daddr))) {
      devOut = ipDevFind(state, m.saddr);
      if (devOut === 0) return ERRNO.ENETUNREACH;
      return makeRoute(state, m, daddr, devOut);
    }
    if (ipDevFind(state, m.saddr) === 0) return ERRNO.ENETUNREACH;
  }
  if (oif !== 0) {
    devOut = oif;
    if (!state.isUp(oif)) return ERRNO.ENETUNREACH;
    if (isV4LocalMulticast(daddr) || isV4LimitedBroadcast(daddr) || key.proto === IPPROTO_IGMP) {
      if (m.saddr === 0n) m.saddr = inetSelectAddr(state, oif, 0n, SCOPE.LINK);
      return makeRoute(state, m, daddr, devOut);
    }
    if (m.saddr === 0n) {
      if (isV4Multicast(daddr)) m.saddr = inetSelectAddr(state, oif, 0n, SCOPE.UNIVERSE);
      else if (daddr === 0n) m.saddr = inetSelectAddr(state, oif, 0n, SCOPE.HOST);
    }
  }
  if (daddr === 0n) {
    daddr = m.saddr;
    if (daddr === 0n) daddr = m.saddr = 0x7f000001n;
    m.type = RTN.LOCAL;
    m.flags |= RTCF.LOCAL;
    return makeRoute(state, m, daddr, LOOPBACK_IFINDEX);
  }
  const flow: Flow = {
    daddr,
    saddr: m.saddr,
    iif: LOOPBACK_IFINDEX,
    oif,
    mark: key.mark,
    tos: key.tos,
    scope: SCOPE.UNIVERSE,
    uid: key.uid,
    proto: key.proto,
    sport: key.sport,
    dport: key.dport,
  };
  const answer = fib.lookup(4, flow, 0);
  m.rulesEvaluated = answer.rulesEvaluated;
  if (!isResult(answer.outcome)) {
    if (oif !== 0) {
      if (m.saddr === 0n) m.saddr = inetSelectAddr(state, devOut, 0n, SCOPE.LINK);
      m.type = RTN.UNICAST;
      return makeRoute(state, m, daddr, devOut);
    }
    return answer.outcome;
  }
  let res = answer.outcome;
  if (oif === 0 && res.route.nexthops.length > 1) {
    // fib_select_multipath: the flow hash (the packet route get builds: UDP unless ipproto says) picks a path.
    const flow4 = { family: 4 as const, src: key.saddr, dst: key.daddr, proto: key.proto === 0 ? IPPROTO_UDP : key.proto, sport: key.sport, dport: key.dport };
    const choice = choosePath4(state, res, flow4, key.saddr);
    res = choice.chosen;
    m.paths = choice.paths;
  }
  m.res = res;
  m.type = res.route.type;
  if (res.route.type === RTN.LOCAL) {
    if (m.saddr === 0n) m.saddr = res.route.prefsrc ?? daddr;
    m.flags |= RTCF.LOCAL;
    return makeRoute(state, m, daddr, LOOPBACK_IFINDEX);
  }
  if (m.saddr === 0n) m.saddr = resultPrefsrc(state, res);
  return makeRoute(state, m, daddr, res.route.nexthops[res.nh].dev);
}

/** `__mkroute_output` + `rt_set_nexthop`. */
function makeRoute(state: RoutingState, m: Making, daddr: bigint, devOut: number): Rt4 | number {
  if (isV4Loopback(m.saddr) && devOut !== LOOPBACK_IFINDEX) return ERRNO.EINVAL;
  let type = m.type;
  let flags = m.flags;
  let fi: FibResult | undefined = m.res;
  if (isV4LimitedBroadcast(daddr)) type = RTN.BROADCAST;
  else if (isV4Multicast(daddr)) type = RTN.MULTICAST;
  else if (isV4Zeronet(daddr)) return ERRNO.EINVAL;
  if (devOut === LOOPBACK_IFINDEX) flags |= RTCF.LOCAL;
  if (type === RTN.BROADCAST) {
    flags |= RTCF.BROADCAST | RTCF.LOCAL;
    fi = undefined;
  } else if (type === RTN.MULTICAST) {
    flags |= RTCF.MULTICAST | RTCF.LOCAL;
    if (!joinedGroup4(state, devOut, daddr)) flags &= ~RTCF.LOCAL;
    if (fi !== undefined && fi.prefixLen < 4) fi = undefined;
  }
  let gateway: bigint | undefined;
  if (fi !== undefined) {
    const nh = fi.route.nexthops[fi.nh];
    if (nh.gateway !== undefined && nh.scope === SCOPE.LINK) gateway = nh.gateway;
  }
  return {
    type,
    dev: devOut,
    gateway,
    flags: flags >>> 0,
    saddr: m.saddr,
    res: m.res,
    table: m.res?.table ?? 0,
    rulesEvaluated: m.rulesEvaluated,
    paths: m.paths,
  };
}
