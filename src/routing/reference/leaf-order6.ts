/**
 * The order in which an IPv6 table offers its prefixes to route selection, source-specific
 * routes (`from`, CONFIG_IPV6_SUBTREES) included — `fib6_node_lookup` for the first candidate,
 * then `fib6_backtrack` each time a prefix has no route that qualifies:
 *
 * - destination prefixes containing the destination, longest first;
 * - a destination prefix with source-specific routes has a subtree: its source prefixes that
 *   contain the flow's source come first, longest first, then the prefix's own routes;
 * - but until a first prefix is found, a destination whose subtree has no source prefix for the
 *   flow is passed over whole, its own routes too (`fib6_node_lookup_1` backtracks past it), so
 *   `route get DST` without a matching `from` does not see them. A table without
 *   source-specific routes is the plain longest-prefix order.
 */
import { inPrefix } from "../inet.js";
import type { Leaf, RouteTable } from "../model/state.js";

/** Leaves to try for (daddr, saddr), in the kernel's order. */
export function leafOrder6(table: RouteTable, daddr: bigint, saddr: bigint): Leaf[] {
  const byDst = new Map<string, { own: Leaf | undefined; sources: Leaf[]; len: number }>();
  for (const leaf of table.leaves.values()) {
    if (!inPrefix(6, daddr, leaf.dst, leaf.len)) continue;
    const key = `${leaf.dst.toString(16)}/${leaf.len}`;
    let node = byDst.get(key);
    if (node === undefined) {
      node = { own: undefined, sources: [], len: leaf.len };
      byDst.set(key, node);
    }
    if (leaf.srcLen === 0) node.own = leaf;
    else node.sources.push(leaf);
  }
  const nodes = [...byDst.values()].sort((a, b) => b.len - a.len);
  const out: Leaf[] = [];
  for (const node of nodes) {
    const hasSubtree = node.sources.length > 0;
    const sources = node.sources.filter((l) => inPrefix(6, saddr, l.src, l.srcLen)).sort((a, b) => b.srcLen - a.srcLen);
    if (hasSubtree && sources.length === 0 && out.length === 0) continue;
    out.push(...sources);
    if (node.own !== undefined) out.push(node.own);
  }
  return out;
}
