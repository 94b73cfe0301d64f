/**
 * One IPv4 table (or local+main while merged) compiled for lookups: the prefix trie, and per
 * leaf its routes ("slots") with the fields `fib_table_lookup` tests, all in typed arrays.
 *
 * Hot path: a flow with no `oif`, no TOS bits and no flags takes `plain[leaf]`, the answer
 * precomputed per leaf for such flows (walking up to shorter prefixes where a leaf has nothing
 * usable), so a lookup is the trie plus one read. Other flows walk the leaf's slots and then
 * its parents, exactly as the reference does.
 *
 * Result encoding (no objects on the hot path): slot * 256 + nexthop + 1 (> 0), or -errno
 * (-EAGAIN: nothing here).
 */
import { ERRNO } from "../kernel.js";
import { IGNORE_LINKSTATE } from "../lookup/flow.js";
import { PrefixTrie4 } from "./prefix-trie4.js";

const LEGACY_TOS_MASK = 0x1c;

/**
 * A table in columns. Leaf i (0-based) is `addr[i]/len[i]`, its slots are
 * `[leafSlotEnd[i-1], leafSlotEnd[i])`, slot s's nexthops `[slotNhEnd[s-1], slotNhEnd[s])`.
 */
export interface TableColumns {
  readonly leafCount: number;
  readonly addr: Uint32Array;
  readonly len: Uint8Array;
  readonly leafSlotEnd: Int32Array;
  /** Caller's reference per slot (an index into its route list). */
  readonly slotRef: Int32Array;
  readonly slotTos: Uint8Array;
  readonly slotScope: Uint8Array;
  /** errno of an error route type (EAGAIN for throw), else 0. */
  readonly slotError: Uint8Array;
  /** Group of the first nexthop's device, -2 when none (suppress_ifgroup). */
  readonly slotGroup0: Int32Array;
  readonly slotNhEnd: Int32Array;
  readonly nhDev: Int32Array;
  /** 1 when the nexthop is linkdown under ignore_routes_with_linkdown, 2 when it is dead. */
  readonly nhSkipLinkdown: Uint8Array;
}

export class CompiledTable4 {
  readonly trie: PrefixTrie4;
  /** Per leaf id (1-based): prefix length, parent, first/end slot, plain answer. */
  readonly leafLen: Uint8Array;
  readonly parent: Int32Array;
  readonly leafFirst: Int32Array;
  readonly leafEnd: Int32Array;
  readonly plain: Int32Array;
  /** Per slot: its leaf id and first nexthop. */
  readonly slotLeaf: Int32Array;
  readonly slotNhFirst: Int32Array;

  constructor(
    readonly tableId: number,
    readonly cols: TableColumns,
  ) {
    const n = cols.leafCount;
    const slots = cols.slotRef.length;
    this.leafLen = new Uint8Array(n + 1);
    this.parent = new Int32Array(n + 1);
    this.leafFirst = new Int32Array(n + 1);
    this.leafEnd = new Int32Array(n + 1);
    this.plain = new Int32Array(n + 1);
    this.slotLeaf = new Int32Array(slots);
    this.slotNhFirst = new Int32Array(slots);
    let s = 0;
    for (let i = 0; i < n; i++) {
      const leaf = i + 1;
      this.leafLen[leaf] = cols.len[i];
      this.leafFirst[leaf] = s;
      for (const end = cols.leafSlotEnd[i]; s < end; s++) {
        this.slotLeaf[s] = leaf;
        this.slotNhFirst[s] = s === 0 ? 0 : cols.slotNhEnd[s - 1];
      }
      this.leafEnd[leaf] = s;
    }
    const order = new Int32Array(n);
    this.trie = PrefixTrie4.build(cols.addr, cols.len, n, this.parent, order);
    this.trie.compact();
    for (let k = 0; k < n; k++) this.plain[order[k] + 1] = this.plainAnswer(order[k] + 1);
  }

  /** The answer for a flow without oif/tos/flags, given the parents' answers are known. */
  private plainAnswer(leaf: number): number {
    const c = this.cols;
    for (let s = this.leafFirst[leaf]; s < this.leafEnd[leaf]; s++) {
      if (c.slotTos[s] !== 0) continue;
      if (c.slotError[s] !== 0) return -c.slotError[s];
      const first = this.slotNhFirst[s];
      for (let nh = first; nh < c.slotNhEnd[s]; nh++) if (c.nhSkipLinkdown[nh] === 0) return s * 256 + (nh - first) + 1;
    }
    const p = this.parent[leaf];
    return p !== 0 ? this.plain[p] : -ERRNO.EAGAIN;
  }

  /**
   * `fib_table_lookup`. Plain flows take `plain[leaf]`: the trie and one read (measured in
   * bench/routing.bench.ts (b), 900k prefixes, random destinations, Node 20, 2.45 GHz EPYC VM,
   * one core: `lookupPlain` ~30 ns scalar, ~33 M lookups/s).
   */
  lookup(daddr: number, oif: number, tos: number, scope: number, flags: number): number {
    let leaf = this.trie.lookup(daddr);
    if (leaf === 0) return -ERRNO.EAGAIN;
    if (oif === 0 && (tos & LEGACY_TOS_MASK) === 0 && scope === 0 && flags === 0) return this.plain[leaf];
    const c = this.cols;
    const ignoreLinkstate = (flags & IGNORE_LINKSTATE) !== 0;
    const ftos = tos & LEGACY_TOS_MASK;
    while (leaf !== 0) {
      for (let s = this.leafFirst[leaf], end = this.leafEnd[leaf]; s < end; s++) {
        const t = c.slotTos[s];
        if (t !== 0 && t !== ftos) continue;
        if (c.slotScope[s] < scope) continue;
        if (c.slotError[s] !== 0) return -c.slotError[s];
        const first = this.slotNhFirst[s];
        for (let nh = first, e = c.slotNhEnd[s]; nh < e; nh++) {
          const skip = c.nhSkipLinkdown[nh];
          if (skip === 2 || (skip === 1 && !ignoreLinkstate)) continue;
          if (oif !== 0 && c.nhDev[nh] !== oif) continue;
          return s * 256 + (nh - first) + 1;
        }
      }
      leaf = this.parent[leaf];
    }
    return -ERRNO.EAGAIN;
  }

  /** The lookup of a flow with no oif, tos bits, scope or flags: the trie and one read (~30 ns, see `lookup`). */
  lookupPlain(daddr: number): number {
    const leaf = this.trie.lookup(daddr);
    return leaf === 0 ? -ERRNO.EAGAIN : this.plain[leaf];
  }

  /**
   * The plain lookup (no oif, tos or flags) of `n` destinations into `out`: one tight pass, so
   * the CPU overlaps the trie's memory reads across destinations (engine per-flow precompute).
   */
  lookupPlainBatch(dsts: Uint32Array, out: Int32Array, n: number): void {
    const trie = this.trie;
    const plain = this.plain;
    for (let i = 0; i < n; i++) {
      const leaf = trie.lookup(dsts[i]);
      out[i] = leaf === 0 ? -ERRNO.EAGAIN : plain[leaf];
    }
  }

  /** Prefix length of the leaf a (positive) result came from. */
  prefixLenOf(result: number): number {
    return this.leafLen[this.slotLeaf[((result - 1) / 256) | 0]];
  }

  get byteLength(): number {
    const c = this.cols;
    const arrays = [this.leafLen, this.parent, this.leafFirst, this.leafEnd, this.plain, this.slotLeaf, this.slotNhFirst, c.addr, c.len, c.leafSlotEnd, c.slotRef, c.slotTos, c.slotScope, c.slotError, c.slotGroup0, c.slotNhEnd, c.nhDev, c.nhSkipLinkdown];
    return arrays.reduce((sum, a) => sum + a.byteLength, this.trie.byteLength);
  }
}
