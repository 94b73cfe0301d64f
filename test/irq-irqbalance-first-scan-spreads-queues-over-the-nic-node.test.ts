import { describe, expect, it } from "vitest";
import { initIrqbalance, placeAll, topologyFromSpec } from "../src/irq/index.js";

/**
 * 2 sockets × 4 cores × 2 threads, --deepestcache=2 (one cache domain per core):
 *   node 0 → package 0 → cores {0,8} {1,9} {2,10} {3,11};  node 1 → package 1 → {4,12} … {7,15}.
 * First scan: every load is 0 and every placement adds irq.load + 1 = 1. The list is sorted by
 * class then load (all equal), then later IRQ first: q7, q6, …, q0.
 */
function firstScan(queues: number, nicNode: number): number[] {
  const topology = topologyFromSpec({ sockets: 2, coresPerSocket: 4, threadsPerCore: 2, nicNode });
  const irqs = Array.from({ length: queues }, (_, q) => ({ irq: 100 + q, cpu: 0 }));
  const result = placeAll(initIrqbalance({ topology, irqs, options: { listing: "ascending" } }), { timeNs: 10e9, cpuIrqNs: new Array(16).fill(0), irqCounts: new Array(queues).fill(0) });
  return [...result.cpuOfIrq];
}

describe("irqbalance's first scan on 2 sockets × 4 cores × 2 threads", () => {
  it("4 queues of a NIC on node 0: one per core of node 0", () => {
    // q3 → core 0 (first of four at load 0), q2 → core 1, q1 → core 2, q0 → core 3; in each core
    // the first thread.
    expect(firstScan(4, 0)).toEqual([3, 2, 1, 0]);
  });

  it("8 queues of a NIC on node 0 all stay on node 0: one per thread, two per core", () => {
    // Every IRQ goes to its device's node. Cores: q7 q6 q5 q4 → cores 0-3 (load 1 each), then
    // q3 q2 q1 q0 → cores 0-3 again (equal load, equal IRQ count → first). In core 0, q7 → CPU 0,
    // then q3 → CPU 8 (load 0 < 1).
    expect(firstScan(8, 0)).toEqual([11, 10, 9, 8, 3, 2, 1, 0]);
  });

  it("8 queues of a NIC with no NUMA node: one per core across both sockets", () => {
    // Nodes alternate: q7 → node 0, q6 → node 1 (load 0 < 1), q5 → node 0 (tie: load 1, one IRQ
    // each → first) … Node 0 gets q7 q5 q3 q1 → cores 0-3 (CPUs 0-3), node 1 q6 q4 q2 q0 → CPUs 4-7.
    expect(firstScan(8, -1)).toEqual([7, 3, 6, 2, 5, 1, 4, 0]);
  });

  it("lists every queue whose CPU changed as a move at the scan's time", () => {
    const topology = topologyFromSpec({ sockets: 2, coresPerSocket: 4, threadsPerCore: 2, nicNode: 0 });
    const irqs = Array.from({ length: 2 }, (_, q) => ({ irq: 100 + q, cpu: 0 }));
    const result = placeAll(initIrqbalance({ topology, irqs, startNs: 5e9, options: { listing: "ascending" } }), { timeNs: 15e9, cpuIrqNs: new Array(16).fill(0), irqCounts: [0, 0] });
    expect(result.moves).toEqual([{ timeNs: 15e9, irq: 100, from: 0, to: 1 }]);
    expect(result.selected).toEqual([100, 101]);
    expect(result.state.nextScanNs).toBe(25e9);
  });
});
