/**
 * An answer printed exactly as `ip -j route get` (iproute2 6.1 `print_route`) prints it: the
 * same keys in the same order — type (omitted for unicast), dst, from, tos, gateway, dev,
 * table (omitted for main), protocol, scope, prefsrc, metric, flags, mark, uid, cache, iif,
 * pref, nexthops — and the same value forms (names for tables, protocols, scopes and dsfield
 * values; numbers as JSON numbers only for metric, mark, uid and weight).
 */
import { TABLE } from "../kernel.js";
import { formatAddress, formatPrefix } from "../inet.js";
import { dsfieldName, protocolName, routeTypeName, scopeName, tableName } from "../names.js";
import type { RoutingState } from "../model/state.js";
import type { RouteAnswer } from "./answer.js";

const ROUTER_PREF = ["medium", "high", "reserved", "low"];

/** The object `ip -j route get` prints inside its one-element array. */
export function answerToIpJson(state: RoutingState, a: RouteAnswer): Record<string, unknown> {
  const f = a.family;
  const out: Record<string, unknown> = {};
  if (a.type !== 1) out.type = routeTypeName(a.type);
  out.dst = a.dstLen === 0 ? "default" : formatPrefix(f, a.dst, a.dstLen);
  if (a.from !== undefined) out.from = a.fromLen === undefined ? formatAddress(f, a.from) : formatPrefix(f, a.from, a.fromLen);
  if (a.tos !== 0) out.tos = dsfieldName(a.tos);
  if (a.gateway !== undefined) out.gateway = formatAddress(f, a.gateway);
  if (a.dev !== undefined) out.dev = state.devName(a.dev);
  if (a.table !== 0 && a.table !== TABLE.MAIN) out.table = tableName(a.table);
  if (a.protocol !== undefined) out.protocol = protocolName(a.protocol);
  if (a.scope !== undefined) out.scope = scopeName(a.scope);
  if (a.prefsrc !== undefined) out.prefsrc = formatAddress(f, a.prefsrc);
  if (a.metric !== undefined) out.metric = a.metric;
  out.flags = [...a.flags];
  if (a.mark !== 0) out.mark = a.mark;
  if (a.uid !== undefined) out.uid = a.uid;
  if (a.cache !== undefined) out.cache = [...a.cache];
  if (a.iif !== undefined) out.iif = state.devName(a.iif);
  if (a.pref !== undefined) out.pref = ROUTER_PREF[a.pref] ?? String(a.pref);
  if (a.nexthops !== undefined) {
    out.nexthops = a.nexthops.map((nh) => {
      const o: Record<string, unknown> = {};
      if (nh.gateway !== undefined) o.gateway = formatAddress(f, nh.gateway);
      o.dev = state.devName(nh.dev);
      o.weight = nh.weight;
      o.flags = [...nh.flags];
      return o;
    });
  }
  return out;
}

/** One line as `ip -j route get` prints it: `[{…}]`. */
export function answerToIpJsonLine(state: RoutingState, a: RouteAnswer): string {
  return JSON.stringify([answerToIpJson(state, a)]);
}
