/**
 * routing/fast — the compiled FIB: the same answers as ../reference, from typed arrays.
 *
 * What it models  nothing new: it is the reference's semantics, compiled. IPv4 tables become a
 *   16-8-8 multibit trie of prefixes (`PrefixTrie4`) with per-prefix route "slots" in columns and
 *   a precomputed answer per prefix for plain flows (no oif, tos or flags); IPv4 rules become
 *   columns of integer selectors with gotos resolved to indexes; IPv6 tables become one hash map
 *   per prefix length. While IPv4 has no custom rules, main (with local merged in) and default
 *   are looked up directly, as the kernel does.
 * Inputs   a built `RoutingState` (cold, once); hot: numbers (uint32 addresses, device indexes).
 * Outputs  `CompiledFib.lookup4(…)`: slot * 256 + nexthop + 1, or -errno, with `resultView`,
 *          `resultRule`, `rulesEvaluated`; `lookup`/`tableLookup` adapt it to `FibBackend`.
 * Measured (bench/routing.bench.ts, Node 20, 2.45 GHz EPYC VM, one core): 900k-prefix table,
 *   random destinations: `lookup4` ~23-24 M lookups/s (~42 ns), the table alone ~33 M/s, FIB
 *   batch ~23 M/s; build ~0.5 s, ~99 MiB; the elastic-NIC host's reply lookup (three rules,
 *   two tables) ~10-12 M/s. Lookups miss the cache on big tables: the numbers are memory-bound.
 * See also ../reference (the oracle), results/routing-bench.json.
 */
export { CompiledFib, compileFib } from "./compiled-fib.js";
export { CompiledRules4 } from "./compiled-rules4.js";
export { CompiledTable4 } from "./compiled-table4.js";
export type { TableColumns } from "./compiled-table4.js";
export { CompiledTable6 } from "./compiled-table6.js";
export { columnsOfView } from "./columns4.js";
export type { ViewColumns } from "./columns4.js";
export { PrefixTrie4 } from "./prefix-trie4.js";
