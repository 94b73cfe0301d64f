/**
 * One route in a canonical `ip route` word form, the common ground of a dumped route and a
 * route of the model: `line` is what `route append|del` is given, `key` compares two routes
 * (nexthops sorted, since an IPv6 ECMP group lists them from any member).
 *
 *   [TYPE] DST [from SRC] [tos T] table T proto P [scope S] metric M [src A] [pref P] PATHS
 *
 * PATHS is `via G dev D [onlink]`, `dev D`, or `nexthop via G dev D weight W [onlink] …`;
 * none for blackhole/unreachable/prohibit/throw (the kernel shows IPv6 ones on `lo`). Numbers
 * are written as numbers, so names and numbers in dumps compare equal. IPv6 has no route scope.
 */
import { formatAddress, formatPrefix } from "../inet.js";
import { RTN } from "../kernel.js";
import { routeTypeName } from "../names.js";
import type { Family } from "../types.js";

export interface PathSpec {
  readonly gateway: bigint | undefined;
  readonly dev: string | undefined;
  readonly weight: number;
  readonly onlink: boolean;
}

export interface RouteFields {
  readonly family: Family;
  readonly type: number;
  readonly dst: bigint;
  readonly len: number;
  readonly tos: number;
  readonly table: number;
  readonly protocol: number;
  readonly scope: number;
  readonly metric: number;
  readonly prefsrc: bigint | undefined;
  /** IPv6 router preference: low, medium or high. */
  readonly pref: string;
  readonly paths: readonly PathSpec[];
  /** IPv6 source prefix (`from`), length 0 or absent when none. */
  readonly src?: bigint;
  readonly srcLen?: number;
}

export interface RouteSpec {
  readonly family: Family;
  readonly line: string;
  readonly key: string;
  /** Whether a path has a gateway (such routes are added after the direct ones they rely on). */
  readonly viaGateway: boolean;
}

const PATHLESS: ReadonlySet<number> = new Set([RTN.BLACKHOLE, RTN.UNREACHABLE, RTN.PROHIBIT, RTN.THROW]);

function pathWords(family: Family, p: PathSpec, multipath: boolean): string {
  const w: string[] = multipath ? ["nexthop"] : [];
  if (p.gateway !== undefined) w.push("via", formatAddress(family, p.gateway));
  if (p.dev !== undefined) w.push("dev", p.dev);
  if (multipath) w.push("weight", String(p.weight));
  if (p.onlink) w.push("onlink");
  return w.join(" ");
}

export function routeSpec(r: RouteFields): RouteSpec {
  const head: string[] = [];
  if (r.type !== RTN.UNICAST) head.push(routeTypeName(r.type));
  head.push(formatPrefix(r.family, r.dst, r.len));
  if (r.srcLen !== undefined && r.srcLen > 0) head.push("from", formatPrefix(r.family, r.src ?? 0n, r.srcLen));
  if (r.tos !== 0) head.push("tos", `0x${r.tos.toString(16)}`);
  head.push("table", String(r.table), "proto", String(r.protocol));
  if (r.family === 4) head.push("scope", String(r.scope));
  head.push("metric", String(r.metric));
  if (r.prefsrc !== undefined) head.push("src", formatAddress(r.family, r.prefsrc));
  if (r.family === 6) head.push("pref", r.pref);
  const paths = PATHLESS.has(r.type) ? [] : r.paths.map((p) => pathWords(r.family, p, r.paths.length > 1)).filter((p) => p !== "");
  const h = head.join(" ");
  return {
    family: r.family,
    line: [h, ...paths].join(" "),
    key: [h, ...[...paths].sort()].join(" "),
    viaGateway: !PATHLESS.has(r.type) && r.paths.some((p) => p.gateway !== undefined),
  };
}
