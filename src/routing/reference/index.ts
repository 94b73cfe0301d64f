/**
 * routing/reference — the readable FIB, and the oracle of the compiled one.
 *
 * What it models  `fib_rules_lookup` as a linear walk of the rule list (goto, nop, suppress,
 *   `not`), IPv4 `fib_table_lookup` as a linear scan of every prefix (longest first, then the
 *   routes of a prefix in order, skipping unusable nexthops; error types answer at once), IPv6
 *   `fib6_table_lookup` with the kernel's per-prefix scoring (oif preference or requirement,
 *   router preference, lowest metric first), and the paths without custom rules (IPv4 main then
 *   default; IPv6 local then main).
 * Inputs   the live `RoutingState`, a `Flow`, lookup flags.
 * Outputs  `FibAnswer`: a `FibResult` (route, nexthop, table, prefix length, rule) or an errno,
 *          and the rules evaluated. Cost: linear in rules × routes (fine for the model, not hot).
 * See also ../fast (the same answers from compiled structures), test/routing-fast-fib-agrees-with-the-reference.test.ts.
 */
export { referenceBackend } from "./backend.js";
export { referenceLookup4, referenceTableLookup4, ruleMatches4, suppressed4, tableView4 } from "./fib4.js";
export { referenceLookup6, referenceTableLookup6, ruleMatches6, suppressed6 } from "./fib6.js";
export { walkRules, ruleApplies, ruleDevIndex, actionError } from "./rules-lookup.js";
export { tableLookup4, goodNexthop4, LEGACY_TOS_MASK } from "./table-lookup4.js";
export { tableLookup6, selectInLeaf6, score6 } from "./table-lookup6.js";
