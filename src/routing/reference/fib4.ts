/**
 * IPv4 `fib_lookup`, the readable way. While no rule was ever added or deleted the kernel skips
 * the rules: it looks in main (which then also holds local's routes) and, only if main has
 * nothing for the flow (not on an error route), in default; the answer names main. Otherwise it walks the rules (`fib4_rule_match`,
 * `fib4_rule_action`, `fib4_rule_suppress`).
 */
import { ERRNO, FR_ACT, TABLE } from "../kernel.js";
import { inPrefix } from "../inet.js";
import type { FibAnswer, FibOutcome, FibResult, Flow } from "../lookup/flow.js";
import type { RouteTable, RoutingState } from "../model/state.js";
import type { Rule } from "../types.js";
import { actionError, portMatches, walkRules } from "./rules-lookup.js";
import { LEGACY_TOS_MASK, tableLookup4 } from "./table-lookup4.js";

/** The tables a lookup in table `id` searches: local and main are one while merged. */
export function tableView4(state: RoutingState, id: number): RouteTable[] {
  const fam = state.v4;
  const tid = id === TABLE.UNSPEC ? TABLE.MAIN : id;
  if (fam.merged && (tid === TABLE.MAIN || tid === TABLE.LOCAL)) {
    const local = fam.tables.get(TABLE.LOCAL);
    const main = fam.tables.get(TABLE.MAIN);
    if (main === undefined) return [];
    return local === undefined ? [main] : [local, main];
  }
  const table = fam.tables.get(tid);
  return table === undefined ? [] : [table];
}

/** `fib_table_lookup` on table `id` (EAGAIN when the table does not exist). */
export function referenceTableLookup4(state: RoutingState, id: number, flow: Flow, flags: number): FibOutcome {
  const tid = id === TABLE.UNSPEC ? TABLE.MAIN : id;
  const tables = tableView4(state, tid);
  if (tables.length === 0) return ERRNO.EAGAIN;
  return tableLookup4(state, tables, tid, flow, flags);
}

/** `fib4_rule_match`: addresses, legacy TOS bits, protocol, ports. */
export function ruleMatches4(rule: Rule, flow: Flow): boolean {
  if (rule.srcLen > 0 && !inPrefix(4, flow.saddr, rule.src, rule.srcLen)) return false;
  if (rule.dstLen > 0 && !inPrefix(4, flow.daddr, rule.dst, rule.dstLen)) return false;
  if (rule.tos !== 0 && rule.tos !== (flow.tos & LEGACY_TOS_MASK)) return false;
  if (rule.ipProto !== 0 && rule.ipProto !== flow.proto) return false;
  return portMatches(rule.sport, flow.sport) && portMatches(rule.dport, flow.dport);
}

/** `fib4_rule_suppress`. */
export function suppressed4(state: RoutingState, rule: Rule, result: FibResult): boolean {
  if (result.prefixLen <= rule.suppressPrefixlen) return true;
  if (rule.suppressIfgroup !== -1) {
    const dev = state.deviceAt(result.route.nexthops[0]?.dev ?? 0);
    if (dev !== undefined && dev.group === rule.suppressIfgroup) return true;
  }
  return false;
}

/** `fib_lookup` with the rules walked linearly and tables scanned linearly. */
export function referenceLookup4(state: RoutingState, flow: Flow, flags: number): FibAnswer {
  const fam = state.v4;
  if (!fam.customRules) {
    let outcome: FibOutcome = ERRNO.EAGAIN;
    if (fam.tables.has(TABLE.MAIN)) outcome = referenceTableLookup4(state, TABLE.MAIN, flow, flags);
    if (outcome === ERRNO.EAGAIN && fam.tables.has(TABLE.DEFAULT)) outcome = referenceTableLookup4(state, TABLE.DEFAULT, flow, flags);
    return { outcome: outcome === ERRNO.EAGAIN ? ERRNO.ENETUNREACH : outcome, rulesEvaluated: 0 };
  }
  const answer = walkRules(state, fam.rules, flow, {
    matches: (rule) => ruleMatches4(rule, flow),
    act: (rule) => (rule.action === FR_ACT.TO_TBL ? referenceTableLookup4(state, rule.table, flow, flags) : actionError(rule.action)),
    suppress: (rule, result) => suppressed4(state, rule, result),
  });
  return answer.outcome === ERRNO.ESRCH ? { ...answer, outcome: ERRNO.ENETUNREACH } : answer;
}
