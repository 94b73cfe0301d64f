import { describe, expect, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { compilePlan } from "../src/engine/plan.js";
import { expectConfigError } from "./config-helpers.js";

const doc = (irq: Record<string, unknown>, host: Record<string, unknown> = {}): Record<string, unknown> => ({
  host: { cpus: 16, topology: { sockets: 2, coresPerSocket: 4, threadsPerCore: 2, nicNode: 0 }, ...host },
  nics: [{ name: "eth0", queues: 8 }],
  traffic: { src: "10.0.0.0/8", dst: "10.0.0.1", load: { pps: 1000 } },
  irq,
});
const cpus = (irq: Record<string, unknown>): number[] => Array.from(compilePlan(validateScenario(doc(irq)), 1).queueCpu);

describe("irq.policy places each rx queue's interrupt", () => {
  it("cpu0 and round-robin", () => {
    expect(cpus({ policy: "cpu0" })).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(cpus({ policy: "round-robin" })).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("driver-hint: vector v on the v-th online CPU, or the NIC node's CPUs first", () => {
    expect(cpus({ policy: "driver-hint" })).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // Node 0 is CPUs 0-3 and 8-11 (thread 0 of every core first, then the siblings).
    expect(cpus({ policy: "driver-hint", driverHintNode: "nic" })).toEqual([0, 1, 2, 3, 8, 9, 10, 11]);
  });

  it("irqbalance's first scan keeps ethernet IRQs on the NIC's node, one per CPU", () => {
    expect(cpus({ policy: "irqbalance" }).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 8, 9, 10, 11]);
  });

  it("irqbalance never uses a banned CPU", () => {
    const placed = cpus({ policy: "irqbalance", irqbalance: { bannedCpus: "0-1" } });
    expect(placed.every((c) => c !== 0 && c !== 1)).toBe(true);
  });

  it("explicit: a multi-CPU mask delivers to one CPU of it, the least used", () => {
    const placed = cpus({ policy: "explicit", affinity: [{ smp_affinity: "c" }, { smp_affinity_list: "2-3" }] });
    expect([2, 3]).toContain(placed[0]);
    expect([2, 3]).toContain(placed[1]);
    expect(placed[0]).not.toBe(placed[1]);
  });

  it("refuses what the kernel refuses, naming the queue", () => {
    expectConfigError(
      () => validateScenario(doc({ policy: "explicit", affinity: [{ smp_affinity: "1" }, { smp_affinity: "x" }] })),
      'irq.affinity[1]: smp_affinity "x": invalid hex digit "x" (the kernel answers EINVAL)',
    );
    expectConfigError(() => validateScenario(doc({ affinity: [{ smp_affinity: "1", smp_affinity_list: "0" }] })), "irq.affinity[0]: give exactly one of smp_affinity or smp_affinity_list");
  });

  it("refuses a topology that does not count host.cpus CPUs", () => {
    expectConfigError(() => validateScenario(doc({}, { cpus: 8 })), "host.topology: 2 × 4 × 2 = 16 CPUs, but host.cpus is 8");
  });
});
