/**
 * One IPv6 table compiled in a simpler form than IPv4's trie: one hash map per prefix length
 * present (masked destination → prefix), probed longest length first, so a lookup costs one
 * probe per distinct length instead of a scan of every route. Within a prefix the kernel's
 * scoring (`selectInLeaf6`) decides, as in the reference. A table with source-specific routes
 * (`from`) is looked up the reference's way (`leafOrder6`).
 */
import { ERRNO, routeTypeError } from "../kernel.js";
import { prefixMask } from "../inet.js";
import { LOOKUP_NH_CHECK } from "../lookup/flow.js";
import type { FibOutcome, Flow } from "../lookup/flow.js";
import type { Leaf, RouteTable, RoutingState } from "../model/state.js";
import { selectInLeaf6, tableLookup6 } from "../reference/table-lookup6.js";

export class CompiledTable6 {
  private readonly lengths: number[];
  private readonly masks: bigint[];
  private readonly byLength: Map<bigint, Leaf>[];

  constructor(readonly table: RouteTable) {
    const lengths = new Set<number>();
    for (const leaf of table.leaves.values()) if (leaf.routes.length > 0) lengths.add(leaf.len);
    this.lengths = [...lengths].sort((a, b) => b - a);
    this.masks = this.lengths.map((l) => prefixMask(6, l));
    this.byLength = this.lengths.map(() => new Map<bigint, Leaf>());
    const index = new Map(this.lengths.map((l, i) => [l, i]));
    for (const leaf of table.leaves.values()) {
      if (leaf.routes.length > 0) this.byLength[index.get(leaf.len) ?? 0].set(leaf.dst, leaf);
    }
  }

  lookup(state: RoutingState, flow: Flow, oif: number, flags: number): FibOutcome {
    // Source-specific routes (subtrees) are rare: such a table takes the reference's order.
    if (this.table.sourceLeaves > 0) return tableLookup6(state, this.table, flow, oif, flags);
    for (let i = 0; i < this.lengths.length; i++) {
      const leaf = this.byLength[i].get(flow.daddr & this.masks[i]);
      if (leaf === undefined) continue;
      const route = selectInLeaf6(state, leaf, oif, flags);
      if (route === undefined) continue;
      const error = routeTypeError(route.type);
      if (error === ERRNO.EAGAIN && (flags & LOOKUP_NH_CHECK) !== 0) return ERRNO.EHOSTUNREACH;
      if (error !== 0) return error;
      return { route, nh: 0, table: this.table.id, prefixLen: leaf.len, rule: undefined };
    }
    return ERRNO.EAGAIN;
  }
}
