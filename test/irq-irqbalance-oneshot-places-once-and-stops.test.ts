import { describe, expect, it } from "vitest";
import { IrqbalanceInputError, initIrqbalance, placeAll, scan, topologyFromSpec } from "../src/irq/index.js";

const topology = topologyFromSpec({ sockets: 1, coresPerSocket: 4, threadsPerCore: 1 });
const irqs = Array.from({ length: 4 }, (_, q) => ({ irq: 30 + q, cpu: 0 }));
const quiet = { timeNs: 10e9, cpuIrqNs: [0, 0, 0, 0], irqCounts: [0, 0, 0, 0] };

describe("--oneshot", () => {
  it("places everything at the first scan, one interval after start, then exits", () => {
    const start = initIrqbalance({ topology, irqs, options: { oneshot: true, listing: "ascending" } });
    expect(start.nextScanNs).toBe(10e9);
    const first = placeAll(start, quiet);
    expect([...first.cpuOfIrq]).toEqual([3, 2, 1, 0]);
    expect(first.moves.map((m) => m.irq)).toEqual([30, 31, 32]);
    expect(first.state.nextScanNs).toBeNull();
    expect(first.state.exited).toBe("oneshot");
    expect(() => scan(first.state, { ...quiet, timeNs: 20e9 })).toThrow(IrqbalanceInputError);
  });

  it("without it the daemon keeps scanning every --interval seconds", () => {
    const first = placeAll(initIrqbalance({ topology, irqs, options: { intervalS: 5 } }), { ...quiet, timeNs: 5e9 });
    expect(first.state.nextScanNs).toBe(10e9);
    expect(scan(first.state, quiet).state.nextScanNs).toBe(15e9);
  });

  it("a host with one CPU: the daemon exits at start", () => {
    const single = initIrqbalance({ topology: topologyFromSpec({ sockets: 1, coresPerSocket: 1, threadsPerCore: 1 }), irqs: [{ irq: 1, cpu: 0 }] });
    expect(single.nextScanNs).toBeNull();
    expect(single.exited).toBe("single-cpu");
  });
});
