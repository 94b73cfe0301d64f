/**
 * Where the rebalance list goes (placement.c `calculate_placement`).
 *
 * The list is sorted (class, load, high → low). Each IRQ first goes to its device's NUMA node
 * if that node has an unbanned CPU, otherwise to the best node. Then, level by level (every
 * node's IRQs into packages, then every package's into cache domains, then every cache domain's
 * into CPUs), each moved IRQ that has not reached its balance level descends to the best child:
 * the lowest load; on equal load the one holding fewer IRQs; otherwise the first. Children in
 * powersave are skipped; if none is left the IRQ stays where it is (its mask is then the whole
 * object's). Each placement adds to the chosen object's load — not to its parents, and nothing is
 * taken off the object the IRQ left — so later IRQs of the same scan see it: irq.load + 1 on the
 * device's own node; elsewhere irq.load + 1 in 1.9.5 (`migrate_irq_obj`) but only irq.load in
 * 1.9.2–1.9.4 (`place_irq_in_node`, `find_best_object_for_irq`).
 */
import { compareIrqs, migrateIrq, type Work } from "./work.js";

function bestOf(work: Work, candidates: readonly number[], eligible: (o: number) => boolean): number {
  let best = -1;
  for (const o of candidates) {
    if (!eligible(o)) continue;
    if (best < 0 || work.objLoad[o] < work.objLoad[best]) best = o;
    else if (work.objLoad[o] === work.objLoad[best] && work.objIrqs[o].length < work.objIrqs[best].length) best = o;
  }
  return best;
}

export function calculatePlacement(work: Work): void {
  const { tree, irqs, objLoad, irqLoad, powersave } = work;
  const extra = work.version === "1.9.2" ? 0 : 1;
  work.rebalance.sort((a, b) => compareIrqs(work, a, b));
  for (const i of [...work.rebalance]) {
    if (irqs[i].level === "none") continue;
    const home = irqs[i].node >= 0 ? tree.objectOfNode.get(irqs[i].node) : undefined;
    const own = home !== undefined && tree.objects[home].cpus.length > 0;
    const node = own ? home : bestOf(work, tree.nodes, (o) => tree.objects[o].cpus.length > 0 && powersave[o] === 0);
    if (node < 0) continue;
    migrateIrq(work, i, node);
    objLoad[node] += irqLoad[i] + (own ? 1 : extra);
  }
  for (const list of [tree.nodes, tree.packages, tree.caches]) {
    for (const o of list) {
      const obj = tree.objects[o];
      for (const i of [...work.objIrqs[o]]) {
        if (work.moved[i] === 0) continue;
        const level = irqs[i].level;
        if (obj.type === "node" && level === "none") continue;
        if (obj.type === "package" && level === "package") continue;
        if (obj.type === "cache" && level === "cache") continue;
        const best = bestOf(work, obj.children, (c) => powersave[c] === 0);
        if (best < 0) continue;
        migrateIrq(work, i, best);
        objLoad[best] += irqLoad[i] + extra;
      }
    }
  }
}
