/**
 * IPv4 nexthop checks when a route is added (`fib_check_nh`), in the kernel's order:
 *
 * - `onlink` gateway: the route may not be `scope link`/`host`, the device must be up, and the
 *   gateway must not be a local or broadcast address (of any device); it is then used as is.
 * - other gateways must be reachable through a route of link or host scope (a connected route,
 *   or one of our own addresses), looked up in the route's own table first and then with the
 *   full policy lookup; the nexthop takes that route's device and scope. A gateway reachable
 *   only through our own address is accepted and then not used ("via <own address>").
 * - a direct route (`dev` only) needs a device that is up.
 * A device without carrier gives a `linkdown` nexthop.
 */
import { ERRNO, RTN, SCOPE, TABLE, refuse } from "../kernel.js";
import { IGNORE_LINKSTATE, isResult } from "../lookup/flow.js";
import type { FibOutcome, Flow } from "../lookup/flow.js";
import { referenceLookup4, referenceTableLookup4 } from "../reference/fib4.js";
import type { Nexthop } from "../types.js";
import { addrType4 } from "./addr-type4.js";
import { LOOPBACK_IFINDEX } from "./state.js";
import type { RoutingState } from "./state.js";

export interface NexthopSpec4 {
  readonly gateway: bigint | undefined;
  /** Device index, 0 when not given. */
  readonly dev: number;
  readonly onlink: boolean;
  readonly weight: number;
}

/** Checks one nexthop of a route of `scope` in `table`; returns it resolved. */
export function checkNexthop4(state: RoutingState, spec: NexthopSpec4, table: number, scope: number): Nexthop {
  if (spec.gateway === undefined) return checkDirect(state, spec);
  if (spec.onlink) return checkOnlink(state, spec, scope);
  return checkGateway(state, spec, spec.gateway, table, scope);
}

function nexthop(state: RoutingState, spec: NexthopSpec4, dev: number, scope: number): Nexthop {
  return {
    gateway: spec.gateway,
    dev,
    onlink: spec.onlink,
    weight: spec.weight,
    linkdown: !state.hasCarrier(dev),
    scope,
  };
}

function checkDirect(state: RoutingState, spec: NexthopSpec4): Nexthop {
  if (spec.onlink) refuse(ERRNO.EINVAL, "Invalid flags for nexthop - PERVASIVE and ONLINK can not be set");
  if (spec.dev === 0 || state.deviceAt(spec.dev) === undefined) refuse(ERRNO.ENODEV);
  if (!state.isUp(spec.dev)) refuse(ERRNO.ENETDOWN, "Device for nexthop is not up");
  return nexthop(state, spec, spec.dev, SCOPE.HOST);
}

function checkOnlink(state: RoutingState, spec: NexthopSpec4, scope: number): Nexthop {
  if (scope >= SCOPE.LINK) refuse(ERRNO.EINVAL, "Nexthop has invalid scope");
  if (spec.dev === 0) refuse(ERRNO.ENODEV, "Nexthop device required for onlink");
  if (!state.isUp(spec.dev)) refuse(ERRNO.ENETDOWN, "Nexthop device is not up");
  // Any local or broadcast address of the host is refused, not only one of this device (6.18).
  if (addrType4(state, spec.gateway ?? 0n, TABLE.LOCAL) !== RTN.UNICAST) refuse(ERRNO.EINVAL, "Nexthop has invalid gateway");
  return nexthop(state, spec, spec.dev, SCOPE.LINK);
}

function checkGateway(state: RoutingState, spec: NexthopSpec4, gateway: bigint, table: number, scope: number): Nexthop {
  const flow: Flow = {
    daddr: gateway,
    saddr: 0n,
    iif: LOOPBACK_IFINDEX,
    oif: spec.dev,
    mark: 0,
    tos: 0,
    scope: Math.max(scope + 1, SCOPE.LINK),
    uid: 0,
    proto: 0,
    sport: 0,
    dport: 0,
  };
  let outcome: FibOutcome = ERRNO.EAGAIN;
  const ownTable = table !== TABLE.UNSPEC && table !== TABLE.MAIN && state.v4.tables.has(table);
  if (ownTable) outcome = referenceTableLookup4(state, table, flow, IGNORE_LINKSTATE);
  if (!ownTable || !isResult(outcome)) outcome = referenceLookup4(state, flow, IGNORE_LINKSTATE).outcome;
  if (!isResult(outcome)) refuse(ERRNO.EINVAL, "Nexthop has invalid gateway");
  if (outcome.route.type !== RTN.UNICAST && outcome.route.type !== RTN.LOCAL) refuse(ERRNO.EINVAL, "Nexthop has invalid gateway");
  const dev = outcome.route.nexthops[outcome.nh]?.dev ?? 0;
  if (dev === 0) refuse(ERRNO.EINVAL, "No egress device for nexthop gateway");
  if (!state.isUp(dev)) refuse(ERRNO.ENETDOWN);
  return nexthop(state, spec, dev, outcome.route.scope);
}
