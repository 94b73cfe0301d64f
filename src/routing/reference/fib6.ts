/**
 * IPv6 `fib6_rule_lookup`, the readable way. Without custom rules: table local, then main (a
 * throw or an empty result goes on). With them: walk the rules (`fib6_rule_match`: `from`
 * matches only when the flow has a source address; the action looks up a table, and an empty
 * table or a throw route goes on). Nothing found is "Network is unreachable".
 */
import { ERRNO, FR_ACT, TABLE } from "../kernel.js";
import { inPrefix } from "../inet.js";
import { LOOKUP_HAS_SADDR, LOOKUP_NH_CHECK, isResult } from "../lookup/flow.js";
import type { FibAnswer, FibOutcome, FibResult, Flow } from "../lookup/flow.js";
import type { RoutingState } from "../model/state.js";
import type { Rule } from "../types.js";
import { actionError, portMatches, walkRules } from "./rules-lookup.js";
import { tableLookup6 } from "./table-lookup6.js";

/** The DSCP bits of a dsfield (`INET_DSCP_MASK`). */
const DSCP_MASK = 0xfc;

/** `fib6_rule_match`. */
export function ruleMatches6(rule: Rule, flow: Flow, flags: number): boolean {
  if (rule.dstLen > 0 && !inPrefix(6, flow.daddr, rule.dst, rule.dstLen)) return false;
  if (rule.srcLen > 0) {
    if ((flags & LOOKUP_HAS_SADDR) === 0) return false;
    if (!inPrefix(6, flow.saddr, rule.src, rule.srcLen)) return false;
  }
  // `r->dscp != ip6_dscp(fl6->flowlabel)`: the DSCP bits of the flow's traffic class.
  if (rule.tos !== 0 && (rule.tos & DSCP_MASK) !== (flow.tos & DSCP_MASK)) return false;
  if (rule.ipProto !== 0 && rule.ipProto !== flow.proto) return false;
  return portMatches(rule.sport, flow.sport) && portMatches(rule.dport, flow.dport);
}

/** `fib6_rule_suppress`. */
export function suppressed6(state: RoutingState, rule: Rule, result: FibResult): boolean {
  if (result.prefixLen <= rule.suppressPrefixlen) return true;
  if (rule.suppressIfgroup !== -1) {
    const dev = state.deviceAt(result.route.nexthops[0]?.dev ?? 0);
    if (dev !== undefined && dev.group === rule.suppressIfgroup) return true;
  }
  return false;
}

/** `fib6_table_lookup` on table `id` (EAGAIN when it does not exist). */
export function referenceTableLookup6(state: RoutingState, id: number, flow: Flow, oif: number, flags: number): FibOutcome {
  const table = state.v6.table(id);
  if (table === undefined) return ERRNO.EAGAIN;
  return tableLookup6(state, table, flow, oif, flags);
}

/** The IPv6 policy lookup; `oif` is the device routes are scored against. */
export function referenceLookup6(state: RoutingState, flow: Flow, oif: number, flags: number): FibAnswer {
  const fam = state.v6;
  if (!fam.customRules) {
    const local = referenceTableLookup6(state, TABLE.LOCAL, flow, oif, flags);
    if (isResult(local) || local !== ERRNO.EAGAIN) return { outcome: local, rulesEvaluated: 0 };
    const main = referenceTableLookup6(state, TABLE.MAIN, flow, oif, flags);
    return { outcome: main === ERRNO.EAGAIN ? ERRNO.ENETUNREACH : main, rulesEvaluated: 0 };
  }
  const answer = walkRules(state, fam.rules, flow, {
    matches: (rule) => ruleMatches6(rule, flow, flags),
    act: (rule) => (rule.action === FR_ACT.TO_TBL ? referenceTableLookup6(state, rule.table, flow, oif, flags) : actionError(rule.action)),
    suppress: (rule, result) => (flags & LOOKUP_NH_CHECK) === 0 && suppressed6(state, rule, result),
  });
  return answer.outcome === ERRNO.ESRCH ? { ...answer, outcome: ERRNO.ENETUNREACH } : answer;
}
