import { describe, expect, it } from "vitest";
import { topologyFromSpec } from "../src/irq/index.js";
import { classRank } from "../src/irq/irqbalance/classes.js";
import { calculatePlacement } from "../src/irq/irqbalance/place.js";
import { buildBalanceTree } from "../src/irq/irqbalance/tree.js";
import type { IrqbalanceVersion } from "../src/irq/irqbalance/options.js";
import type { Work } from "../src/irq/irqbalance/work.js";

/**
 * One node, one package, two cores (one CPU each). The cores measured 10 and 12 ns of load; two
 * ethernet IRQs A and B of load 1 wait for placement (equal class and load: B, the higher
 * record, goes first). Both go to the device's node and the package; then, into the cores:
 * - 1.9.2 adds the IRQ's load: B → core 0 (10 < 12), 10 + 1 = 11; A → core 0 (11 < 12).
 * - 1.9.5 adds load + 1: B → core 0, 10 + 2 = 12; A: 12 = 12, the tie goes to the core holding
 *   fewer IRQs → core 1.
 */
function place(version: IrqbalanceVersion): number[] {
  const topology = topologyFromSpec({ sockets: 1, coresPerSocket: 2, threadsPerCore: 1, nicNode: 0 });
  const tree = buildBalanceTree(topology, [], 2, { cpuOrder: [0, 1], nodeOrder: [0] });
  const objLoad = new Float64Array(tree.objects.length);
  const [cache0, cache1] = tree.caches;
  objLoad[cache0] = 10;
  objLoad[cache1] = 12;
  objLoad[tree.objectOfCpu[0]] = 10;
  objLoad[tree.objectOfCpu[1]] = 12;
  const record = (index: number) => ({ index, found: index, heapRank: index, irq: 40 + index, cls: "ethernet" as const, rank: classRank("ethernet"), level: "core" as const, node: 0, banned: false });
  const work: Work = {
    tree,
    version,
    irqs: [record(0), record(1)],
    objLoad,
    objIrqs: tree.objects.map(() => []),
    powersave: new Uint8Array(tree.objects.length),
    assigned: new Int32Array(2).fill(-1),
    moved: new Uint8Array(2),
    irqLoad: Float64Array.from([1, 1]),
    rebalance: [0, 1],
  };
  calculatePlacement(work);
  return [...work.assigned].map((o) => tree.objects[o].number);
}

describe("irqbalance releases: what a placement adds to the object's load", () => {
  it("1.9.2 adds the IRQ's load: both IRQs go to the core that measured less", () => {
    expect(place("1.9.2")).toEqual([0, 0]);
  });

  it("1.9.5 adds load + 1: the second IRQ goes to the other core", () => {
    expect(place("1.9.5")).toEqual([1, 0]);
  });
});
