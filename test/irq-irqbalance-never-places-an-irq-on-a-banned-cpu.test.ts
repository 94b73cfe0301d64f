import { describe, expect, it } from "vitest";
import { initIrqbalance, placeAll, scan, topologyFromSpec, type IrqbalanceIrq, type IrqbalanceScan } from "../src/irq/index.js";
import { Prng } from "../src/traffic/prng.js";

/**
 * Property: over seeded random hosts, banned CPU sets, IRQ lists, options and loads, no move
 * targets a banned CPU, and after the first scan every balanced IRQ is on an unbanned CPU;
 * banned IRQs never move.
 */
describe("banned CPUs", () => {
  it("never receive an IRQ from irqbalance", () => {
    const prng = new Prng(20_240_404, 7);
    const pick = (n: number): number => prng.nextBelow(n);
    let checkedMoves = 0;
    for (let trial = 0; trial < 200; trial++) {
      const sockets = 1 + pick(2);
      const coresPerSocket = 1 + pick(4);
      const threadsPerCore = 1 + pick(2);
      const split = coresPerSocket % 2 === 0 && pick(2) === 1;
      const numaNodes = split ? sockets * 2 : sockets;
      const nicNode = pick(numaNodes + 1) - 1;
      const topology = topologyFromSpec({ sockets, coresPerSocket, threadsPerCore, numaNodes, nicNode });
      const n = topology.cpus.length;
      if (n < 2) continue;
      const bannedCpus = topology.cpus.map((c) => c.cpu).filter(() => pick(3) === 0);
      if (bannedCpus.length === n) bannedCpus.pop();
      const irqCount = 1 + pick(12);
      const irqs: IrqbalanceIrq[] = Array.from({ length: irqCount }, (_, q) => ({ irq: 100 + q, cpu: pick(n) }));
      const bannedIrqs = irqs.filter(() => pick(5) === 0).map((i) => i.irq);
      const options = {
        bannedCpus,
        bannedIrqs,
        deepestCache: 1 + pick(3),
        migrateVal: pick(3),
        powerThresh: pick(2) === 0 ? null : pick(3),
      };
      const banned = new Set(bannedCpus);
      const sample = (k: number) => ({
        timeNs: k * 10e9,
        cpuIrqNs: topology.cpus.map(() => pick(1000) * 1e7),
        irqCounts: irqs.map(() => pick(100_000)),
      });
      let result: IrqbalanceScan = placeAll(initIrqbalance({ topology, irqs, options }), sample(1));
      const where = `trial ${trial}: ${sockets}×${coresPerSocket}×${threadsPerCore}, banned ${bannedCpus.join(",")}`;
      for (let k = 2; k <= 12; k++) {
        for (const move of result.moves) {
          expect(banned.has(move.to), `${where}: move ${JSON.stringify(move)}`).toBe(false);
          expect(bannedIrqs.includes(move.irq), `${where}: banned IRQ moved`).toBe(false);
          checkedMoves++;
        }
        irqs.forEach((irq, i) => {
          if (bannedIrqs.includes(irq.irq)) expect(result.cpuOfIrq[i]).toBe(irq.cpu);
          else expect(banned.has(result.cpuOfIrq[i]), `${where}: IRQ ${irq.irq} on CPU ${result.cpuOfIrq[i]}`).toBe(false);
        });
        result = scan(result.state, sample(k));
      }
    }
    expect(checkedMoves).toBeGreaterThan(500);
  });
});
