import { describe, expect, it } from "vitest";
import { initIrqbalance, placeAll, scan, topologyFromSpec, type IrqbalanceScan } from "../src/irq/index.js";

/**
 * 1 socket × 2 cores × 2 threads (siblings 0/2, 1/3), 4 queues. First scan: q3 → CPU 0,
 * q2 → CPU 1, q1 → CPU 2, q0 → CPU 3. Then CPU 3 stays idle while the others work 1 s per 10 s:
 * avg = 0.75e9, σ = √(7.5e17 / 3) = 0.5e9, so CPU 3 is under (0 + σ ≤ avg) and none is over.
 */
describe("--powerthresh", () => {
  it("after more than 5 scans, an idle CPU enters powersave and its IRQ moves; an overload ends it", () => {
    const topology = topologyFromSpec({ sockets: 1, coresPerSocket: 2, threadsPerCore: 2, nicNode: 0 });
    const irqs = Array.from({ length: 4 }, (_, q) => ({ irq: 50 + q, cpu: 0 }));
    let result: IrqbalanceScan = placeAll(initIrqbalance({ topology, irqs, options: { powerThresh: 1, listing: "ascending" } }), {
      timeNs: 10e9,
      cpuIrqNs: [0, 0, 0, 0],
      irqCounts: [0, 0, 0, 0],
    });
    expect([...result.cpuOfIrq]).toEqual([3, 2, 1, 0]);
    const steady = [1e9, 1e9, 1e9, 0];
    for (let k = 2; k <= 6; k++) {
      result = scan(result.state, { timeNs: k * 10e9, cpuIrqNs: steady, irqCounts: [1000, 1000, 1000, 1000] });
      expect(result.moves).toEqual([]);
      expect(result.powersaveCpus).toEqual([]);
    }
    // The 7th scan (cycle 6 > 5): CPU 3 enters powersave; q0 goes to the lighter core {1,3}
    // (1e9 < 2e9) and, CPU 3 being skipped, to CPU 1.
    result = scan(result.state, { timeNs: 70e9, cpuIrqNs: steady, irqCounts: [1000, 1000, 1000, 1000] });
    expect(result.powersaveCpus).toEqual([3]);
    expect(result.moves).toEqual([{ timeNs: 70e9, irq: 50, from: 3, to: 1 }]);
    // CPU 0 overloaded (4e9 − σ ≥ avg): every CPU leaves powersave.
    result = scan(result.state, { timeNs: 80e9, cpuIrqNs: [4e9, 1e9, 1e9, 0], irqCounts: [1000, 1000, 1000, 1000] });
    expect(result.powersaveCpus).toEqual([]);
  });
});
