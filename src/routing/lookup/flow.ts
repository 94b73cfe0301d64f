/**
 * The lookup key (`struct flowi4` / `flowi6`) and the result of a FIB lookup (`struct
 * fib_result`), shared by the reference and the compiled backends and by the `route get`
 * logic that drives them.
 */
import type { Route, Rule } from "../types.js";

export interface Flow {
  readonly daddr: bigint;
  readonly saddr: bigint;
  /** Input device index; `lo` (1) for locally generated lookups. */
  readonly iif: number;
  /** Required output device index, 0 = any. */
  readonly oif: number;
  readonly mark: number;
  /** dsfield as given (IPv4: compared through the legacy TOS mask 0x1c). */
  readonly tos: number;
  /** Narrowest acceptable route scope (`flowi4_scope`): universe except for nexthop checks. */
  readonly scope: number;
  readonly uid: number;
  readonly proto: number;
  readonly sport: number;
  readonly dport: number;
}

/** `FIB_LOOKUP_IGNORE_LINKSTATE`: use `linkdown` routes even with ignore_routes_with_linkdown. */
export const IGNORE_LINKSTATE = 1;
/** IPv6 `RT6_LOOKUP_F_IFACE`: `oif` is a requirement, not a preference. */
export const LOOKUP_IFACE = 2;
/** IPv6 `RT6_LOOKUP_F_HAS_SADDR`: the flow has a source address (rules may match `from`). */
export const LOOKUP_HAS_SADDR = 4;
/**
 * IPv6 nexthop validation (`fib6_lookup`, `fib6_rule_action_alt`): a throw route answers (as a
 * reject, ending the walk) instead of passing to the next rule, and nothing is suppressed.
 */
export const LOOKUP_NH_CHECK = 8;

/** What a successful lookup found. */
export interface FibResult {
  readonly route: Route;
  /** Index of the chosen nexthop in `route.nexthops`. */
  readonly nh: number;
  /** The table that answered (`res.table->tb_id`): main for IPv4 while local is merged in. */
  readonly table: number;
  readonly prefixLen: number;
  /** The rule that produced it; undefined without policy routing. */
  readonly rule: Rule | undefined;
}

/** A result, or a positive errno (`EAGAIN` from a table: nothing there, go on). */
export type FibOutcome = FibResult | number;

export function isResult(outcome: FibOutcome): outcome is FibResult {
  return typeof outcome !== "number";
}

/** A lookup outcome with the number of rules it evaluated (per-packet cost in the engine). */
export interface FibAnswer {
  readonly outcome: FibOutcome;
  readonly rulesEvaluated: number;
}

/** The FIB as the `route get` logic sees it: one policy lookup per family. */
export interface FibBackend {
  /**
   * `fib_lookup` (IPv4) / `fib6_rule_lookup` (IPv6): rules, then tables. `scoreOif` (IPv6) is
   * the device routes are preferred through: `oif` for output, the input device for input.
   */
  lookup(family: 4 | 6, flow: Flow, flags: number, scoreOif?: number): FibAnswer;
  /** `fib_table_lookup` on one table id (for IPv4 local/main: the merged view while merged). */
  tableLookup(family: 4 | 6, table: number, flow: Flow, flags: number, scoreOif?: number): FibOutcome;
}
