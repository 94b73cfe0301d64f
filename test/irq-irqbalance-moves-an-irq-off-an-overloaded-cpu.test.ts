import { describe, expect, it } from "vitest";
import { initIrqbalance, placeAll, scan, topologyFromSpec, type IrqbalanceState } from "../src/irq/index.js";

/**
 * 1 socket × 4 cores × 1 thread, 5 queues (IRQs 40-44). First scan: q4 q3 q2 q1 → CPUs 0-3,
 * then q0 → CPU 0 (all at load 1 holding one IRQ → first). So CPU 0 holds q4 and q0.
 */
function afterFirstScan(migrateVal = 0): IrqbalanceState {
  const topology = topologyFromSpec({ sockets: 1, coresPerSocket: 4, threadsPerCore: 1, nicNode: 0 });
  const irqs = Array.from({ length: 5 }, (_, q) => ({ irq: 40 + q, cpu: 0 }));
  const first = placeAll(initIrqbalance({ topology, irqs, options: { migrateVal, listing: "ascending" } }), { timeNs: 10e9, cpuIrqNs: [0, 0, 0, 0], irqCounts: [0, 0, 0, 0, 0] });
  expect([...first.cpuOfIrq]).toEqual([0, 3, 2, 1, 0]);
  return first.state;
}

// Second interval: CPU 0 spends 6 s of 10 in irq + softirq, CPUs 1-3 1 s, 1 s, 0.5 s.
const busy = { timeNs: 20e9, cpuIrqNs: [6e9, 1e9, 1e9, 0.5e9], irqCounts: [100_000, 20_000, 50_000, 50_000, 300_000] };

describe("an irqbalance rebalance", () => {
  it("moves the lighter IRQ off the overloaded CPU to the least-loaded one", () => {
    const second = scan(afterFirstScan(), busy);
    // Slices: CPU 0 6e9 / 400 000 = 15 000 ns per interrupt → q4 4.5e9, q0 1.5e9; CPU 1
    // 1e9 / 50 000 → q3 1e9; CPU 2 → q2 1e9; CPU 3 0.5e9 / 20 000 → q1 0.5e9.
    expect([...second.irqLoad]).toEqual([1.5e9, 0.5e9, 1e9, 1e9, 4.5e9]);
    // min_load 0.5e9. q4: 0.5e9 + 4.5e9 < 6e9 − 4.5e9? no — moving it would reverse the imbalance.
    // q0: 0.5e9 + 1.5e9 < 6e9 − 1.5e9? yes → selected; min_load becomes 2e9, no other CPU is above.
    expect(second.selected).toEqual([40]);
    // Placement: the cache domain (= CPU here) with the lowest load is CPU 3 (0.5e9).
    expect(second.moves).toEqual([{ timeNs: 20e9, irq: 40, from: 0, to: 3 }]);
    expect([...second.cpuOfIrq]).toEqual([3, 3, 2, 1, 0]);
  });

  it("--migrateval lets the heaviest IRQ go instead", () => {
    const second = scan(afterFirstScan(1), busy);
    // q4: delta = (6e9 − 0.5e9) / 1 = 5.5e9; 0.5e9 + 4.5e9 < 5.5e9 + 1.5e9 → selected; then CPU 0
    // holds one IRQ and q0 stays.
    expect(second.selected).toEqual([44]);
    expect(second.moves).toEqual([{ timeNs: 20e9, irq: 44, from: 0, to: 3 }]);
  });

  it("does nothing when the load is even", () => {
    const second = scan(afterFirstScan(), { timeNs: 20e9, cpuIrqNs: [2e9, 2e9, 2e9, 2e9], irqCounts: [1000, 2000, 2000, 2000, 1000] });
    expect(second.moves).toEqual([]);
  });
});
