/**
 * How evenly RSS spreads a flow set over the rx queues, computed from expected shares (no
 * simulation), and how the indirection table size alone limits that for a queue count.
 *
 * Imbalance is max/mean over all queues (mean = 1/queues of the total): 1 is perfect; an
 * empty queue counts. The table-size effect of the default fill (entry i = i mod queues) is
 * reported as "entry gap" = (max − min)/max of the entries per queue: how much less the
 * emptiest queue gets than the fullest. That is the ratio the kernel documentation quotes:
 * 3 queues, 8 entries → 3/3/2 → 1/3 ≈ 33%; 16 entries → 6/5/5 → 1/6 ≈ 16%
 * (Documentation/networking/scaling.rst; the selftest rss_drv.py). max/mean of the same tables is 1.125 for both.
 *
 * Cold code.
 */
import { defaultIndirection } from "./indirection.js";

export interface QueueShare {
  readonly queue: number;
  readonly flows: number;
  /** Expected share of packets, 0..1. */
  readonly share: number;
}

export interface QueueSpread {
  readonly perQueue: readonly QueueShare[];
  /** max/mean of the packet shares. */
  readonly packetImbalance: number;
  /** max/mean of the flow counts. */
  readonly flowImbalance: number;
}

/**
 * Per-queue flows and expected packet shares of a flow set: flow f is on `flowQueue[f]` and
 * carries a share proportional to `weights[f]` (all equal when `weights` is null).
 */
export function queueSpread(flowQueue: ArrayLike<number>, weights: ArrayLike<number> | null, queues: number): QueueSpread {
  const flows = new Float64Array(queues);
  const mass = new Float64Array(queues);
  let total = 0;
  for (let f = 0; f < flowQueue.length; f++) {
    const w = weights === null ? 1 : weights[f];
    flows[flowQueue[f]] += 1;
    mass[flowQueue[f]] += w;
    total += w;
  }
  const perQueue: QueueShare[] = [];
  for (let q = 0; q < queues; q++) perQueue.push({ queue: q, flows: flows[q], share: total > 0 ? mass[q] / total : 0 });
  return {
    perQueue,
    packetImbalance: maxOverMean(perQueue.map((p) => p.share)),
    flowImbalance: maxOverMean(perQueue.map((p) => p.flows)),
  };
}

/** max/mean of `values` (0 when they sum to 0). */
export function maxOverMean(values: readonly number[]): number {
  const sum = values.reduce((a, b) => a + b, 0);
  if (sum === 0) return 0;
  return Math.max(...values) / (sum / values.length);
}

export interface TableBalance {
  /** Fewest and most entries any queue gets. */
  readonly minEntries: number;
  readonly maxEntries: number;
  /** max/mean entries per queue. */
  readonly maxOverMean: number;
  /** (max − min)/max entries per queue. */
  readonly entryGap: number;
}

/** How evenly a table divides its entries among `queues` queues. */
export function tableBalance(table: Uint16Array, queues: number): TableBalance {
  const entries = new Array<number>(queues).fill(0);
  for (const q of table) entries[q] += 1;
  const minEntries = Math.min(...entries);
  const maxEntries = Math.max(...entries);
  return { minEntries, maxEntries, maxOverMean: maxOverMean(entries), entryGap: maxEntries === 0 ? 0 : (maxEntries - minEntries) / maxEntries };
}

export interface TableSizeEffect extends TableBalance {
  /** The multiple of the queue count asked for. */
  readonly multiple: number;
  /** The table size used: multiple × queues rounded up to a power of two. */
  readonly size: number;
}

/** Smallest power of two ≥ n (n ≥ 1). */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * The default fill's balance for tables of `multiples` × `queues` entries, each rounded up to a
 * power of two (indirection tables in nicsim, like those of the NICs in docs/receive-path.md, have
 * power-of-two sizes), at most 65536.
 */
export function tableSizeEffect(queues: number, multiples: readonly number[] = [1, 2, 4, 8]): TableSizeEffect[] {
  return multiples.map((multiple) => {
    const size = Math.min(65536, nextPowerOfTwo(multiple * queues));
    return { multiple, size, ...tableBalance(defaultIndirection(size, queues), queues) };
  });
}
