/**
 * `rule add` / `rule del` with the kernel's checks, in its order (`fib_nl2rule`, `rule_exists`,
 * `fib4_rule_configure` / `fib6_rule_configure`, `rule_find`):
 *
 * - a rule without `pref` gets the priority of the second rule in the list minus 1 (0 when that
 *   is 0 or there is no second rule), so the rule added last comes first;
 * - `goto` must point forward; `uidrange` may not be empty or the full range; a port range may
 *   not start at 0 or end at 65535; an IPv4 `tos` may use only the legacy bits 0x1c;
 * - `add` of a rule equal to one in the list *including its priority* is "File exists" (fields
 *   not given in the request, such as a missing `from`, compare as equal, as in the kernel);
 * - IPv4 `lookup 0` allocates the first free table id; IPv6 refuses it;
 * - the new rule goes after every rule with a priority lower than or equal to its own;
 * - any successful add or del ends IPv4's merged local/main tables (the `table local` label);
 *   IPv6 walks its rules only once a rule was *added* (deleting one alone changes nothing).
 */
import { ERRNO, FR_ACT, TABLE, refuse } from "../kernel.js";
import type { RuleRequest } from "../batch/requests.js";
import type { Range, Rule } from "../types.js";
import { LOOPBACK_IFINDEX } from "./state.js";
import type { RoutingState } from "./state.js";

const INET_ECN_MASK = 0x03;
const IPTOS_TOS_MASK = 0x1e;

export function applyRule(state: RoutingState, req: RuleRequest): void {
  const fam = state.family(req.family);
  const rule = ruleFromRequest(state, req);
  if (req.op === "del") {
    deleteRule(state, req, rule);
    return;
  }
  if (fam.rules.some((r) => sameRule(r, rule, req))) refuse(ERRNO.EEXIST);
  const table = configure(state, req, rule.table);
  const final: Rule = { ...rule, table };
  let at = 0;
  while (at < fam.rules.length && fam.rules[at].pref <= final.pref) at++;
  fam.rules.splice(at, 0, final);
  if (requiresFlowDissect(state, final)) fam.requireFlowDissect++;
}

/** `fib_default_rule_pref`: the second rule's priority minus 1, or 0. */
function defaultPref(rules: readonly Rule[]): number {
  const second = rules[1];
  return second !== undefined && second.pref !== 0 ? second.pref - 1 : 0;
}

function validRange(r: Range | undefined): boolean {
  return r === undefined || (r.start !== 0 && r.end !== 0xffff && r.start <= r.end);
}

/** `fib_nl2rule`: the rule the request describes, or the kernel's refusal. */
function ruleFromRequest(state: RoutingState, req: RuleRequest): Rule {
  const fam = state.family(req.family);
  const pref = req.pref ?? defaultPref(fam.rules);
  const mark = req.mark ?? 0;
  const markMask = req.mask ?? (mark !== 0 ? 0xffffffff : 0);
  if (req.gotoTarget !== undefined) {
    if (req.action !== FR_ACT.GOTO) refuse(ERRNO.EINVAL, "Unexpected goto");
    if (req.gotoTarget <= pref) refuse(ERRNO.EINVAL, "Backward goto not supported");
  } else if (req.action === FR_ACT.GOTO) {
    refuse(ERRNO.EINVAL, "Missing goto target for action goto");
  }
  if (req.uidRange !== undefined) {
    const { start, end } = req.uidRange;
    if ((start === 0 && end === 0xffffffff) || start > end) refuse(ERRNO.EINVAL, "Invalid uid range");
  }
  if (!validRange(req.sport)) refuse(ERRNO.EINVAL, "Invalid sport range");
  if (!validRange(req.dport)) refuse(ERRNO.EINVAL, "Invalid dport range");
  return {
    family: req.family,
    id: state.nextSerial(),
    pref,
    invert: req.invert,
    src: req.src,
    srcLen: req.srcLen,
    dst: req.dst,
    dstLen: req.dstLen,
    tos: req.tos,
    mark,
    markMask,
    iifName: req.iif ?? "",
    oifName: req.oif ?? "",
    table: req.table,
    action: req.action,
    target: req.gotoTarget ?? 0,
    suppressPrefixlen: req.suppressPrefixlen ?? -1,
    suppressIfgroup: req.suppressIfgroup ?? -1,
    uidRange: req.uidRange,
    ipProto: req.ipProto ?? 0,
    sport: req.sport,
    dport: req.dport,
    protocol: 0,
  };
}

function sameRange(a: Range | undefined, b: Range | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.start === b.start && a.end === b.end);
}

/** `rule_exists` + the family `compare`: unset address/tos fields of the request match anything. */
function sameRule(r: Rule, rule: Rule, req: RuleRequest): boolean {
  return (
    r.action === rule.action &&
    r.table === rule.table &&
    r.pref === rule.pref &&
    r.iifName === rule.iifName &&
    r.oifName === rule.oifName &&
    r.mark === rule.mark &&
    r.suppressIfgroup === rule.suppressIfgroup &&
    r.suppressPrefixlen === rule.suppressPrefixlen &&
    r.markMask === rule.markMask &&
    sameRange(r.uidRange, rule.uidRange) &&
    r.ipProto === rule.ipProto &&
    sameRange(r.sport, rule.sport) &&
    sameRange(r.dport, rule.dport) &&
    familyCompare(r, req)
  );
}

/** `fib4_rule_compare` / `fib6_rule_compare`. */
function familyCompare(r: Rule, req: RuleRequest): boolean {
  if (req.srcLen !== 0 && (r.srcLen !== req.srcLen || r.src !== req.src)) return false;
  if (req.dstLen !== 0 && (r.dstLen !== req.dstLen || r.dst !== req.dst)) return false;
  if (req.tos !== 0 && r.tos !== req.tos) return false;
  return true;
}

/** `fib4_rule_configure` / `fib6_rule_configure`: tos checks, unmerge, table for `lookup 0`. */
function configure(state: RoutingState, req: RuleRequest, table: number): number {
  const fam = state.family(req.family);
  if ((req.tos & INET_ECN_MASK) !== 0) refuse(ERRNO.EINVAL, "Invalid dsfield (tos): ECN bits must be 0");
  let tid = table;
  if (req.family === 4) {
    if ((req.tos & ~IPTOS_TOS_MASK) !== 0) refuse(ERRNO.EINVAL, "Invalid tos");
    if (tid === TABLE.UNSPEC && req.action === FR_ACT.TO_TBL) tid = firstFreeTable(state);
  } else if (req.action === FR_ACT.TO_TBL) {
    if (tid === TABLE.UNSPEC) refuse(ERRNO.EINVAL, "Invalid table");
  }
  fam.customRules = true;
  // IPv4 makes only the table it allocated for `lookup 0`; IPv6 makes the rule's table.
  if (req.action === FR_ACT.TO_TBL && (req.family === 6 || table === TABLE.UNSPEC)) fam.newTable(tid);
  return tid;
}

/** `fib_empty_table`: the first table id from 1 that does not exist. */
function firstFreeTable(state: RoutingState): number {
  let id = 1;
  while (state.v4.tables.has(id)) id++;
  return id;
}

/** `fib_rule_requires_fldissect`: selectors on protocol or ports, for input lookups. */
function requiresFlowDissect(state: RoutingState, rule: Rule): boolean {
  const iif = rule.iifName === "" ? 0 : (state.device(rule.iifName)?.index ?? -1);
  return iif !== LOOPBACK_IFINDEX && (rule.ipProto !== 0 || rule.sport !== undefined || rule.dport !== undefined);
}

/** `rule_find` then delete: every field given in the request must match. */
function deleteRule(state: RoutingState, req: RuleRequest, rule: Rule): void {
  const fam = state.family(req.family);
  const index = fam.rules.findIndex(
    (r) =>
      (req.action === 0 || r.action === req.action) &&
      (req.table === 0 || r.table === req.table) &&
      (req.pref === undefined || r.pref === req.pref) &&
      (req.iif === undefined || r.iifName === req.iif) &&
      (req.oif === undefined || r.oifName === req.oif) &&
      (rule.mark === 0 || r.mark === rule.mark) &&
      (req.suppressIfgroup === undefined || r.suppressIfgroup === req.suppressIfgroup) &&
      (req.suppressPrefixlen === undefined || r.suppressPrefixlen === req.suppressPrefixlen) &&
      (rule.markMask === 0 || r.markMask === rule.markMask) &&
      (req.uidRange === undefined || sameRange(r.uidRange, req.uidRange)) &&
      (req.ipProto === undefined || req.ipProto === 0 || r.ipProto === req.ipProto) &&
      (req.sport === undefined || sameRange(r.sport, req.sport)) &&
      (req.dport === undefined || sameRange(r.dport, req.dport)) &&
      familyCompare(r, req),
  );
  if (index < 0) refuse(ERRNO.ENOENT);
  const [removed] = fam.rules.splice(index, 1);
  // IPv4 unmerges local/main on any delete; IPv6 counts only added rules as custom
  // (fib6_rule_delete leaves fib6_has_custom_rules alone, so the rules are then not consulted).
  if (req.family === 4) fam.customRules = true;
  if (requiresFlowDissect(state, removed) && fam.requireFlowDissect > 0) fam.requireFlowDissect--;
}
