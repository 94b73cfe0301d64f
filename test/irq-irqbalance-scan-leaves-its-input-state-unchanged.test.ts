import { describe, expect, it } from "vitest";
import { initIrqbalance, placeAll, scan, topologyFromSpec } from "../src/irq/index.js";

describe("irqbalance is a pure state machine", () => {
  it("the same state and sample give the same scan, however often", () => {
    const topology = topologyFromSpec({ sockets: 2, coresPerSocket: 2, threadsPerCore: 2, nicNode: 1 });
    const irqs = Array.from({ length: 6 }, (_, q) => ({ irq: 70 + q, cpu: q }));
    const first = placeAll(initIrqbalance({ topology, irqs }), { timeNs: 10e9, cpuIrqNs: new Array(8).fill(0), irqCounts: new Array(6).fill(0) });
    const sample = { timeNs: 20e9, cpuIrqNs: [0, 0, 5e9, 2e9, 0, 0, 1e9, 3e9], irqCounts: [9000, 100, 5000, 7000, 300, 8000] };
    const a = scan(first.state, sample);
    const b = scan(first.state, sample);
    expect(a.moves.length).toBeGreaterThan(0);
    expect(b.moves).toEqual(a.moves);
    expect([...b.cpuOfIrq]).toEqual([...a.cpuOfIrq]);
    expect([...first.state.cpuOf]).toEqual([...first.cpuOfIrq]);
    expect(a.state.cycle).toBe(2);
    expect(first.state.cycle).toBe(1);
  });
});
