import { describe, expect, it } from "vitest";
import { initIrqbalance, placeAll, scan, topologyFromSpec } from "../src/irq/index.js";

/**
 * 1 socket × 2 cores × 2 threads: CPUs 0 and 1 are the first threads, 2 and 3 their siblings.
 * 5 queues; both cache layouts put q4 and q0 on CPU 0 in the first scan. Then CPU 0 is busy
 * (4 s of 10), its sibling CPU 2 nearly idle (0.2 s), CPUs 1 and 3 at 1 s.
 */
function rebalance(deepestCache: number): { first: number[]; second: number[] } {
  const topology = topologyFromSpec({ sockets: 1, coresPerSocket: 2, threadsPerCore: 2, nicNode: 0 });
  const irqs = Array.from({ length: 5 }, (_, q) => ({ irq: 60 + q, cpu: 0 }));
  const first = placeAll(initIrqbalance({ topology, irqs, options: { deepestCache, listing: "ascending" } }), { timeNs: 10e9, cpuIrqNs: [0, 0, 0, 0], irqCounts: [0, 0, 0, 0, 0] });
  const second = scan(first.state, { timeNs: 20e9, cpuIrqNs: [4e9, 1e9, 0.2e9, 1e9], irqCounts: [100_000, 10_000, 10_000, 10_000, 300_000] });
  return { first: [...first.cpuOfIrq], second: [...second.cpuOfIrq] };
}

describe("--deepestcache", () => {
  it("2 (L2 per core): the IRQ leaves the busy core, so not for the idle sibling", () => {
    // First scan: q4 → core 0, q3 → core 1, q2 → core 0, q1 → core 1, q0 → core 0; in core 0
    // q4 → CPU 0, q2 → CPU 2, q0 → CPU 0; in core 1 q3 → CPU 1, q1 → CPU 3.
    // Second: q0 (1e9) is selected off CPU 0; core 0 = 4.2e9, core 1 = 2e9 → core 1; CPUs 1 and
    // 3 tie at 1e9 with one IRQ each → CPU 1.
    expect(rebalance(2)).toEqual({ first: [0, 3, 2, 1, 0], second: [1, 3, 2, 1, 0] });
  });

  it("3 (L3 per package): all four CPUs are one domain, and the idle sibling wins", () => {
    expect(rebalance(3)).toEqual({ first: [0, 3, 2, 1, 0], second: [2, 3, 2, 1, 0] });
  });
});
