import { describe, expect, it } from "vitest";
import { initIrqbalance, placeAll, scan, topologyFromSpec } from "../src/irq/index.js";

/**
 * 1 socket × 2 cores × 1 thread: node → package P {0,1} → caches {0} {1} → CPUs 0, 1.
 * IRQs: e0, e1 (ethernet: core level), o (class other: package level), idle (ethernet, no
 * interrupts). First scan, sorted by class (ethernet before other), then later IRQ first:
 * idle, e1, e0, o. idle → cache {0}, e1 → {1}, e0 → {0}; o stays on P (its mask {0,1} is
 * already every CPU, so it stays on CPU 0).
 */
const topology = topologyFromSpec({ sockets: 1, coresPerSocket: 2, threadsPerCore: 1, nicNode: 0 });
const irqs = [
  { irq: 10, cpu: 0 },
  { irq: 11, cpu: 0 },
  { irq: 12, cpu: 0, class: "other" as const },
  { irq: 13, cpu: 0 },
];

describe("irqbalance's load estimate", () => {
  it("shares each object's time by interrupt counts, charging parents' IRQs a share", () => {
    const first = placeAll(initIrqbalance({ topology, irqs, options: { listing: "ascending" } }), { timeNs: 10e9, cpuIrqNs: [0, 0], irqCounts: [0, 0, 0, 0] });
    expect([...first.cpuOfIrq]).toEqual([0, 1, 0, 0]);
    const second = scan(first.state, { timeNs: 20e9, cpuIrqNs: [3e9, 1e9], irqCounts: [1000, 1000, 2000, 0] });
    // share(P) = 2000 (o's count); each cache gets ⌊2000 / 2⌋ = 1000, each CPU ⌊1000 / 1⌋ = 1000.
    // CPU 0: 3e9 / (1000 own + 1000 share) = 1.5e6 per interrupt → e0 = 1.5e9, idle = 0 → 1.
    // CPU 1: 1e9 / 2000 = 5e5 → e1 = 0.5e9.
    // P: 4e9 / (2000 own + 2000 below) = 1e6 → o = 2e9.
    expect([...second.irqLoad]).toEqual([1.5e9, 0.5e9, 2e9, 1]);
    expect([...second.cpuLoadNs]).toEqual([3e9, 1e9]);
  });

  it("reads CPU time as /proc/stat does, in whole 10 ms ticks of the running total", () => {
    const first = placeAll(initIrqbalance({ topology, irqs, options: { listing: "ascending" } }), { timeNs: 10e9, cpuIrqNs: [15e6, 0], irqCounts: [0, 0, 0, 0] });
    expect([...first.cpuLoadNs]).toEqual([0, 0]);
    // 15 ms + 15 ms = 30 ms = 3 ticks; the first reading was ⌊1.5⌋ = 1 tick → 2 ticks = 20 ms.
    const second = scan(first.state, { timeNs: 20e9, cpuIrqNs: [15e6, 9e6], irqCounts: [0, 0, 0, 0] });
    expect([...second.cpuLoadNs]).toEqual([20e6, 0]);
  });

  it("does not measure banned CPUs", () => {
    const first = placeAll(initIrqbalance({ topology, irqs, options: { bannedCpus: "1", listing: "ascending" } }), { timeNs: 10e9, cpuIrqNs: [0, 0], irqCounts: [0, 0, 0, 0] });
    const second = scan(first.state, { timeNs: 20e9, cpuIrqNs: [1e9, 1e9], irqCounts: [1, 1, 1, 1] });
    expect(second.cpuLoadNs[0]).toBe(1e9);
    expect(second.cpuLoadNs[1]).toBeNaN();
  });
});
