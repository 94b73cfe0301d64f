/**
 * IPv6 gateway checks when a route is added (`ip6_validate_gw`, `ip6_route_check_nh`,
 * `ip6_route_check_nh_onlink`), in the kernel's order: a gateway that is one of our addresses
 * is refused ("Gateway can not be a local address"); a global gateway must be on-link through a
 * route without gateway — looked up in the route's own table, then with the policy rules
 * (where a throw route is a dead end) — else "No route to host"; `onlink` must not contradict
 * main's route to the gateway; the egress device may not be `lo`. Link-local gateways need `dev`.
 */
import { ERRNO, RTN, TABLE, refuse } from "../kernel.js";
import { isV6LinkLocal, isV6Multicast, sourceScope6 } from "../inet.js";
import { IGNORE_LINKSTATE, LOOKUP_IFACE, LOOKUP_NH_CHECK, isResult } from "../lookup/flow.js";
import type { FibOutcome, Flow } from "../lookup/flow.js";
import { referenceLookup6, referenceTableLookup6 } from "../reference/fib6.js";
import type { RouteConfig6 } from "./apply-route6.js";
import { LOOPBACK_IFINDEX } from "./state.js";
import type { RoutingState } from "./state.js";

/**
 * Whether `addr` is one of our IPv6 addresses (`ipv6_chk_addr`): on `dev` for a link-local or
 * host-scope address, on any device otherwise (or when dev is 0).
 */
export function isLocal6(state: RoutingState, addr: bigint, dev = 0): boolean {
  for (const a of state.allAddrs(6)) {
    if (a.local !== addr) continue;
    if (dev === 0 || a.dev === dev || sourceScope6(a.local) > 2) return true;
  }
  return false;
}

/** The kernel's zero-filled `flowi6` for a gateway check: no iif (so `iif lo` rules do not match). */
function gatewayFlow(gateway: bigint, oif: number, saddr: bigint): Flow {
  return { daddr: gateway, saddr, iif: 0, oif, mark: 0, tos: 0, scope: 0, uid: 0, proto: 0, sport: 0, dport: 0 };
}

/** `ip6_route_check_nh`: the gateway must be on-link through a route without gateway. */
function checkNh6(state: RoutingState, cfg: RouteConfig6, gateway: bigint): number {
  const flow = gatewayFlow(gateway, cfg.dev, 0n);
  const onlink = (o: FibOutcome): o is Exclude<FibOutcome, number> =>
    isResult(o) && o.route.reject !== true && o.route.nexthops[0].gateway === undefined;
  const own = referenceTableLookup6(state, cfg.table, flow, cfg.dev, LOOKUP_IFACE | IGNORE_LINKSTATE);
  if (onlink(own) && (cfg.dev === 0 || own.route.nexthops[0].dev === cfg.dev)) return own.route.nexthops[0].dev;
  const any = referenceLookup6(state, flow, cfg.dev, LOOKUP_IFACE | LOOKUP_NH_CHECK).outcome;
  if (!onlink(any)) refuse(ERRNO.EHOSTUNREACH);
  const dev = any.route.nexthops[0].dev;
  if (cfg.dev !== 0 && dev !== cfg.dev) refuse(ERRNO.EHOSTUNREACH);
  return dev;
}

/** `ip6_validate_gw`: returns the egress device. */
export function validateGateway6(state: RoutingState, cfg: RouteConfig6, gateway: bigint): number {
  const linkLocal = isV6LinkLocal(gateway);
  if (cfg.dev !== 0 && isLocal6(state, gateway, linkLocal ? cfg.dev : 0)) refuse(ERRNO.EINVAL, "Gateway can not be a local address");
  let dev = cfg.dev;
  if (!linkLocal) {
    if (isV6Multicast(gateway) || gateway === 0n) refuse(ERRNO.EINVAL, "Invalid gateway address");
    if (cfg.onlink) {
      const found = referenceTableLookup6(state, TABLE.MAIN, gatewayFlow(gateway, cfg.dev, 0n), cfg.dev, IGNORE_LINKSTATE);
      // A match on a route to :: (the default route) does not count.
      if (isResult(found) && found.route.reject !== true && found.route.dst !== 0n && (found.route.type !== RTN.UNICAST || found.route.nexthops[0].dev !== cfg.dev)) {
        refuse(ERRNO.EINVAL, "Nexthop has invalid gateway or device mismatch");
      }
    } else {
      dev = checkNh6(state, cfg, gateway);
    }
  }
  if (dev === 0) refuse(ERRNO.EINVAL, "Egress device not specified");
  if (dev === LOOPBACK_IFINDEX) refuse(ERRNO.EINVAL, "Egress device can not be loopback device for this route");
  if (cfg.dev === 0 && isLocal6(state, gateway, linkLocal ? dev : 0)) refuse(ERRNO.EINVAL, "Gateway can not be a local address");
  return dev;
}

