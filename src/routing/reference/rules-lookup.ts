/**
 * `fib_rules_lookup`, written for reading: walk the rules in list order (ascending priority,
 * equal priorities in insertion order); a rule whose selectors match — or do not, under `not` —
 * acts: `goto P` jumps to the first rule with priority exactly P (an unresolved goto is
 * skipped), `nop` goes on, the others produce an outcome. "Nothing here" (EAGAIN) and a
 * suppressed result go on to the next rule; anything else ends the walk. Running off the end
 * is ESRCH, which the callers turn into "Network is unreachable".
 *
 * The selectors common to both families are here (`iif`, `oif`, `fwmark/mask`, `uidrange`);
 * the family part (`from`, `to`, `tos`, `ipproto`, ports) comes from the caller.
 */
import { ERRNO, FR_ACT } from "../kernel.js";
import { isResult } from "../lookup/flow.js";
import type { FibAnswer, FibOutcome, FibResult, Flow } from "../lookup/flow.js";
import type { RoutingState } from "../model/state.js";
import type { Range, Rule } from "../types.js";

export interface RuleHooks {
  /** The family's selectors (`fib4_rule_match` / `fib6_rule_match`). */
  readonly matches: (rule: Rule) => boolean;
  /** The rule's action for a lookup (`fib4_rule_action` / `fib6_rule_action`). */
  readonly act: (rule: Rule) => FibOutcome;
  /** Whether a found route is thrown away (`suppress_prefixlength`, `suppress_ifgroup`). */
  readonly suppress: (rule: Rule, result: FibResult) => boolean;
}

/** The device index a rule's `iif`/`oif` name stands for: 0 = any, -1 = no such device (never matches). */
export function ruleDevIndex(state: RoutingState, name: string): number {
  if (name === "") return 0;
  return state.device(name)?.index ?? -1;
}

/** A port range selector: unset (0) ranges match everything. */
export function portMatches(range: Range | undefined, port: number): boolean {
  return range === undefined || (port >= range.start && port <= range.end);
}

/** `fib_rule_match` without the family part; `not` applied by the caller. */
function commonMatch(state: RoutingState, rule: Rule, flow: Flow): boolean {
  const iif = ruleDevIndex(state, rule.iifName);
  if (iif !== 0 && iif !== flow.iif) return false;
  const oif = ruleDevIndex(state, rule.oifName);
  if (oif !== 0 && oif !== flow.oif) return false;
  if (((rule.mark ^ flow.mark) & rule.markMask) !== 0) return false;
  if (rule.uidRange !== undefined && (flow.uid < rule.uidRange.start || flow.uid > rule.uidRange.end)) return false;
  return true;
}

/** Whether the rule applies to the flow, `not` included. */
export function ruleApplies(state: RoutingState, rule: Rule, flow: Flow, familyMatch: (rule: Rule) => boolean): boolean {
  const matched = commonMatch(state, rule, flow) && familyMatch(rule);
  return rule.invert ? !matched : matched;
}

/** Walks `rules` for `flow`. */
export function walkRules(state: RoutingState, rules: readonly Rule[], flow: Flow, hooks: RuleHooks): FibAnswer {
  let evaluated = 0;
  let i = 0;
  while (i < rules.length) {
    const rule = rules[i];
    evaluated++;
    if (!ruleApplies(state, rule, flow, hooks.matches)) {
      i++;
      continue;
    }
    if (rule.action === FR_ACT.GOTO) {
      const target = rules.findIndex((r) => r.pref === rule.target);
      i = target > i ? target : i + 1;
      continue;
    }
    if (rule.action === FR_ACT.NOP) {
      i++;
      continue;
    }
    const outcome = hooks.act(rule);
    if (isResult(outcome)) {
      if (hooks.suppress(rule, outcome)) {
        i++;
        continue;
      }
      return { outcome: { ...outcome, rule }, rulesEvaluated: evaluated };
    }
    if (outcome !== ERRNO.EAGAIN) return { outcome, rulesEvaluated: evaluated };
    i++;
  }
  return { outcome: ERRNO.ESRCH, rulesEvaluated: evaluated };
}

/** The actions that answer without a table. */
export function actionError(action: number): number {
  switch (action) {
    case FR_ACT.UNREACHABLE:
      return ERRNO.ENETUNREACH;
    case FR_ACT.PROHIBIT:
      return ERRNO.EACCES;
    default:
      return ERRNO.EINVAL;
  }
}
