/**
 * The daemon's mutable bookkeeping during one scan: per object its load and its list of IRQs,
 * per IRQ its object, load and `moved` flag, and the rebalance list. A scan copies the state
 * into a `Work`, runs the passes (load.ts, migrate.ts, place.ts) and freezes the result.
 */
import type { BalanceLevel, IrqClass } from "./classes.js";
import type { IrqbalanceVersion } from "./options.js";
import type { BalanceTree } from "./tree.js";

/** What the daemon knows of one IRQ that does not change between scans. */
export interface IrqRecord {
  /** Position in the input IRQ list. */
  readonly index: number;
  /** Position in the daemon's discovery order (the order its records were allocated). */
  readonly found: number;
  /** Rank of the record's heap address among the IRQs' records (the sort's last tie-break). */
  readonly heapRank: number;
  /** Linux IRQ number. */
  readonly irq: number;
  readonly cls: IrqClass;
  /** Class number, sorted high → low. */
  readonly rank: number;
  /** `none` for banned IRQs. */
  readonly level: BalanceLevel;
  /** Device NUMA node, -1 unknown. */
  readonly node: number;
  readonly banned: boolean;
}

export interface Work {
  readonly tree: BalanceTree;
  /** The release whose placement rule applies. */
  readonly version: IrqbalanceVersion;
  readonly irqs: readonly IrqRecord[];
  /** Per object: load in ns (measured, then raised by placements in this scan). */
  readonly objLoad: Float64Array;
  /** Per object: its IRQs (input indices) in list order. */
  readonly objIrqs: number[][];
  /** Per object: in powersave (CPUs only). */
  readonly powersave: Uint8Array;
  /** Per IRQ: the object it is assigned to, -1 while in the rebalance list or never placed. */
  readonly assigned: Int32Array;
  readonly moved: Uint8Array;
  /** Per IRQ: estimated load (ns). */
  readonly irqLoad: Float64Array;
  /** IRQs waiting for placement, in list order. */
  rebalance: number[];
}

/**
 * `sort_irqs`: class high → low, then load high → low, then the daemon compares the records'
 * addresses, the higher address first. The comparison never ties, so `g_list_sort` (a merge
 * sort) gives this order whatever the list's order before. Records are allocated in discovery
 * order; where glibc hands out rising addresses that makes an IRQ found later come first, but a
 * record carved from an older free chunk sits lower (`heapRank`, daemon.ts `heapOrder`).
 */
export function compareIrqs(work: Work, a: number, b: number): number {
  const ra = work.irqs[a].rank;
  const rb = work.irqs[b].rank;
  if (ra !== rb) return rb - ra;
  const la = work.irqLoad[a];
  const lb = work.irqLoad[b];
  if (la !== lb) return lb > la ? 1 : -1;
  return work.irqs[b].heapRank - work.irqs[a].heapRank;
}

/** Move IRQ `irq` out of its object's list (if any) to the end of object `to`'s list. */
export function migrateIrq(work: Work, irq: number, to: number): void {
  const from = work.assigned[irq];
  if (from >= 0) {
    const list = work.objIrqs[from];
    const at = list.indexOf(irq);
    if (at >= 0) list.splice(at, 1);
  } else {
    const at = work.rebalance.indexOf(irq);
    if (at >= 0) work.rebalance.splice(at, 1);
  }
  if (to >= 0) work.objIrqs[to].push(irq);
  else work.rebalance.push(irq);
  work.assigned[irq] = to;
  work.moved[irq] = 1;
}
