/**
 * Per-object and per-IRQ load, as procinterrupts.c computes them after reading /proc/stat.
 *
 * A CPU's load is its irq + softirq time since the previous scan (set by the caller). A node,
 * package or cache domain's load is the sum of its children's. Each object holding IRQs shares
 * its load out by interrupt counts:
 *
 *   slice = ⌊ load / (share(obj) + Σ descendants' counts) ⌋   (1 when the divisor is 0)
 *   share(obj) = own count + ⌊ share(parent) / number of parent's children ⌋   (recursive)
 *   irq.load = Δcount × slice, at least 1
 *
 * where an object's count is the sum of the count deltas of the IRQs in its own list. All
 * integer arithmetic, as the daemon's uint64 math.
 */
import type { Work } from "./work.js";

/** Fill non-CPU loads from the CPU loads already in `work.objLoad`, then every listed IRQ's load. */
export function computeLoads(work: Work, counts: ArrayLike<number>): void {
  const { tree, objLoad, objIrqs } = work;
  for (const list of [tree.caches, tree.packages, tree.nodes]) {
    for (const o of list) {
      let sum = 0;
      for (const c of tree.objects[o].children) sum += objLoad[c];
      objLoad[o] = sum;
    }
  }
  const own = new Float64Array(tree.objects.length);
  for (let o = 0; o < own.length; o++) for (const i of objIrqs[o]) own[o] += counts[i];
  const below = new Float64Array(tree.objects.length);
  const sumBelow = (o: number): number => {
    let s = 0;
    for (const c of tree.objects[o].children) s += sumBelow(c) + own[c];
    below[o] = s;
    return s;
  };
  for (const n of tree.nodes) sumBelow(n);
  const share = (o: number): number => {
    const p = tree.objects[o].parent;
    return own[o] + (p < 0 ? 0 : Math.floor(share(p) / tree.objects[p].children.length));
  };
  for (const list of [tree.cpus, tree.caches, tree.packages, tree.nodes]) {
    for (const o of list) {
      if (objIrqs[o].length === 0) continue;
      const local = share(o) + below[o];
      const slice = local > 0 ? Math.floor(objLoad[o] / local) : 1;
      for (const i of objIrqs[o]) work.irqLoad[i] = Math.max(1, counts[i] * slice);
    }
  }
}
