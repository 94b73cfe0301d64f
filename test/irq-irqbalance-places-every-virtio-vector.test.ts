import { describe, expect, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { placeQueueIrqs, startIrqbalance } from "../src/irq/place-queues.js";

function virtioHost(listing: "kernfs" | "ascending", policy = "irqbalance", duration = "10ms"): Record<string, unknown> {
  return {
    host: { cpus: 8, topology: { sockets: 1, coresPerSocket: 4, threadsPerCore: 2, nicNode: 0 } },
    nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 4, queues: 4, driver: "virtio-net" }],
    traffic: { flows: 64, src: "100.64.0.0/10", dst: "10.0.0.19", load: { pps: 1000 } },
    irq: { policy, irqbalance: { listing } },
    run: { duration, warmup: "0ms", seed: 1 },
  };
}

describe("irqbalance places every vector of a virtio NIC, and rx work follows the input.N vectors", () => {
  it("1 socket × 4 cores × 2 threads, 4 queues, ascending listing: rx on CPUs 7, 5, 3, 1 — two cores", () => {
    // Vectors: 32 config, 33 input.0, 34 output.0, … 40 output.3. All tie; the later record goes
    // first: 40, 39, …, 32. Cores (cache domains) in CPU order {0,4} {1,5} {2,6} {3,7}: 40 → core
    // 0, 39 → 1, 38 → 2, 37 → 3, 36 → 0, 35 → 1, 34 → 2, 33 → 3, 32 → 0. In each core, the
    // first IRQ takes the first thread and the second the sibling (fewer IRQs), the third the
    // first again: 40 → 0, 36 → 4, 32 → 0; 39 → 1, 35 → 5; 38 → 2, 34 → 6; 37 → 3, 33 → 7.
    // input.0-3 = 33, 35, 37, 39 → CPUs 7, 5, 3, 1.
    const daemon = startIrqbalance(validateScenario(virtioHost("ascending")));
    expect([...daemon.cpuOf]).toEqual([7, 5, 3, 1]);
    expect(daemon.irqs.map((r, i) => `${r.irq}@${daemon.irqCpu[i]}`)).toEqual(["33@7", "35@5", "37@3", "39@1", "32@0", "34@6", "36@4", "38@2", "40@0"]);
  });

  it("explicit placement activates the config vector first: without masks, rx queue q is not on CPU q", () => {
    // x86 activation on an idle host: config → CPU 0, input.0 → 1, output.0 → 2, input.1 → 3, …
    // input.0-3 are vectors 1, 3, 5, 7 of the device → CPUs 1, 3, 5, 7.
    expect([...placeQueueIrqs(validateScenario(virtioHost("kernfs", "explicit")))]).toEqual([1, 3, 5, 7]);
  });

  it("refuses a run the engine could not follow: device vectors and a rescan inside the run", () => {
    expect(() => validateScenario(virtioHost("kernfs", "irqbalance", "11s"))).toThrow(/irq\.irqbalance\.interval: irqbalance would rescan 10 s into the run/);
  });
});
