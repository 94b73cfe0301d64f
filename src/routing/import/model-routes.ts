/**
 * The routes of a model state as `RouteSpec`s, the form dumped routes are compared in: every
 * table of both families, an IPv6 ECMP group (siblings of one prefix) as one multipath route,
 * as `ip route show table all` lists it.
 */
import { SCOPE } from "../kernel.js";
import type { RoutingState } from "../model/state.js";
import type { Family, Route } from "../types.js";
import { routeSpec } from "./route-spec.js";
import type { RouteSpec } from "./route-spec.js";

const PREF_NAMES: Readonly<Record<number, string>> = { 0: "medium", 1: "high", 3: "low" };

function specOf(state: RoutingState, family: Family, routes: readonly Route[]): RouteSpec {
  const r = routes[0];
  return routeSpec({
    family,
    type: r.type,
    dst: r.dst,
    len: r.len,
    tos: r.tos,
    table: r.table,
    protocol: r.protocol,
    scope: family === 4 ? r.scope : SCOPE.UNIVERSE,
    metric: r.metric,
    prefsrc: r.prefsrc,
    pref: PREF_NAMES[r.pref] ?? "medium",
    src: r.src,
    srcLen: r.srcLen,
    paths: routes.flatMap((route) =>
      route.nexthops.map((nh) => ({ gateway: nh.gateway, dev: nh.dev === 0 ? undefined : state.devName(nh.dev), weight: nh.weight, onlink: nh.onlink })),
    ),
  });
}

/** Every route of the family, ECMP groups joined. */
export function modelRouteSpecs(state: RoutingState, family: Family): RouteSpec[] {
  const out: RouteSpec[] = [];
  for (const table of state.family(family).tables.values()) {
    for (const leaf of table.leaves.values()) {
      const done = new Set<number>();
      for (const route of leaf.routes) {
        if (route.siblingGroup !== 0) {
          if (done.has(route.siblingGroup)) continue;
          done.add(route.siblingGroup);
          out.push(specOf(state, family, leaf.routes.filter((r) => r.siblingGroup === route.siblingGroup)));
        } else out.push(specOf(state, family, [route]));
      }
    }
  }
  return out;
}
