/**
 * What `route get` answers: the attributes the kernel puts in its reply (`rt_fill_info`,
 * `fib_dump_info`, `rt6_fill_node`) before iproute2 prints them, plus the decision facts the
 * engine uses (rules evaluated, the route). `render-json.ts` prints it as `ip -j route get`.
 */
import type { Family, Route } from "../types.js";

export interface AnswerNexthop {
  readonly gateway: bigint | undefined;
  readonly dev: number;
  readonly weight: number;
  readonly flags: readonly string[];
}

/** One ECMP path: what the answer would say had the kernel's hash picked it. */
export interface AnswerPath {
  readonly dev: number;
  readonly gateway: bigint | undefined;
  readonly prefsrc: bigint | undefined;
}

export interface RouteAnswer {
  readonly family: Family;
  readonly fibmatch: boolean;
  readonly type: number;
  /** The destination asked for (a route get) or the route's prefix (fibmatch). */
  readonly dst: bigint;
  readonly dstLen: number;
  /** RTA_SRC: the `from` given (IPv4 when not 0.0.0.0; IPv6 always on a route get). */
  readonly from: bigint | undefined;
  /** `rtm_src_len` when `from` is a prefix (fibmatch of an IPv6 source-specific route). */
  readonly fromLen?: number;
  /** The matched route's tos, when not 0. */
  readonly tos: number;
  readonly gateway: bigint | undefined;
  /** Output device index; undefined when the reply has none. */
  readonly dev: number | undefined;
  /** Table id to print; 0 = none (iproute2 also omits main). */
  readonly table: number;
  /** Printed unless boot (fibmatch, IPv6). */
  readonly protocol: number | undefined;
  /** Printed unless global (IPv4 fibmatch). */
  readonly scope: number | undefined;
  readonly prefsrc: bigint | undefined;
  readonly metric: number | undefined;
  readonly flags: readonly string[];
  readonly mark: number;
  readonly uid: number | undefined;
  /** IPv4 route get: the `rt_flags` iproute2 prints as `cache`. */
  readonly cache: readonly string[] | undefined;
  readonly iif: number | undefined;
  /** IPv6 router preference bits. */
  readonly pref: number | undefined;
  /** fibmatch of a multipath route. */
  readonly nexthops: readonly AnswerNexthop[] | undefined;
  /** ECMP: every path the kernel's flow hash could pick (the answer shows the first). */
  readonly paths: readonly AnswerPath[] | undefined;
  /** Rules evaluated by the policy lookup (engine cost model). */
  readonly rulesEvaluated: number;
  /** The route that decided, when one did. */
  readonly route: Route | undefined;
}

export type RouteGetResult =
  | { readonly ok: true; readonly answer: RouteAnswer }
  | { readonly ok: false; readonly errno: number; readonly error: string; readonly rulesEvaluated: number };

/** An answer with every optional attribute absent. */
export function blankAnswer(family: Family, fibmatch: boolean): RouteAnswer {
  return {
    family,
    fibmatch,
    type: 1,
    dst: 0n,
    dstLen: family === 4 ? 32 : 128,
    from: undefined,
    tos: 0,
    gateway: undefined,
    dev: undefined,
    table: 0,
    protocol: undefined,
    scope: undefined,
    prefsrc: undefined,
    metric: undefined,
    flags: [],
    mark: 0,
    uid: undefined,
    cache: undefined,
    iif: undefined,
    pref: undefined,
    nexthops: undefined,
    paths: undefined,
    rulesEvaluated: 0,
    route: undefined,
  };
}
