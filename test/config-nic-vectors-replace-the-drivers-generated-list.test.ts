import { describe, expect, it } from "vitest";
import { expandSweep } from "../src/config/sweep.js";
import { validateScenario } from "../src/config/validate.js";
import { irqDiscoveryOrder } from "../src/irq/irqbalance/listing.js";
import { kernfsNameHash } from "../src/irq/kernfs-order.js";
import type { Scenario } from "../src/config/scenario.js";
import type { DeviceVectors } from "../src/irq/device-vectors.js";
import { nicVectors, startIrqbalance } from "../src/irq/place-queues.js";
import { expectConfigError } from "./config-helpers.js";
import { runPoint } from "./engine-helpers.js";

const scenarioVectors = (s: Scenario): DeviceVectors => nicVectors(s.nics, s.irq.firstIrq);

/** A virtio NIC probed with 4 queue pairs, 2 in use (`ethtool -L combined 2`), as a host lists it. */
const PROBED_FOUR = [
  { irq: 40, name: "virtio1-config" },
  ...[0, 1, 2, 3].flatMap((q) => [
    { irq: 41 + 2 * q, name: `virtio1-input.${q}` },
    { irq: 42 + 2 * q, name: `virtio1-output.${q}` },
  ]),
];

const doc = (nics: Record<string, unknown>[], irq: Record<string, unknown> = { policy: "irqbalance", irqbalance: { oneshot: true } }): Record<string, unknown> => ({
  host: { cpus: 4 },
  nics,
  traffic: { src: "10.0.0.0/8", dst: "10.0.0.1", load: { pps: 1000 } },
  irq,
  run: { duration: "2ms", warmup: "0ms" },
});

describe("nics[].vectors: the host's own vectors and IRQ numbers", () => {
  it("rx queue q is the vector named for q; the vectors of queues not in use stay in the list", () => {
    const scenario = validateScenario(doc([{ name: "eth0", queues: 2, driver: "virtio-net", vectors: PROBED_FOUR }]));
    const d = scenarioVectors(scenario);
    expect(d.vectors.map((v) => `${v.irq} ${v.role} ${v.queue}`)).toEqual([
      "40 config -1",
      "41 rx 0",
      "42 tx 0",
      "43 rx 1",
      "44 tx 1",
      "45 rx 2",
      "46 tx 2",
      "47 rx 3",
      "48 tx 3",
    ]);
    expect([...d.rxVector].map((v) => d.vectors[v].irq)).toEqual([41, 43]);
  });

  it("is what virtio-net generates for maxQueues 4 from the same first IRQ", () => {
    const generated = scenarioVectors(validateScenario(doc([{ name: "eth0", maxQueues: 4, queues: 2, driver: "virtio-net" }], { policy: "round-robin", firstIrq: 40 })));
    expect(generated.vectors.map((v) => ({ irq: v.irq, name: v.name.replace("virtio0", "virtio1") }))).toEqual(PROBED_FOUR);
  });

  it("irqbalance balances all nine vectors over the 4 CPUs (3, 2, 2, 2), not the five of a device with two queue pairs", () => {
    const counts = (nic: Record<string, unknown>): number[] => {
      const state = startIrqbalance(validateScenario(doc([nic])));
      const perCpu = [0, 0, 0, 0];
      for (const cpu of state.irqCpu) perCpu[cpu]++;
      return perCpu.sort((a, b) => b - a);
    };
    expect(counts({ name: "eth0", queues: 2, driver: "virtio-net", vectors: PROBED_FOUR })).toEqual([3, 2, 2, 2]);
    expect(counts({ name: "eth0", queues: 2, driver: "virtio-net" })).toEqual([2, 1, 1, 1]);
  });

  it("the result names each queue's IRQ number, and generated numbers skip the ones a NIC's list holds", () => {
    const p = runPoint(
      doc(
        [
          { name: "eth0", queues: 1, driver: "rx-only" },
          { name: "eth1", queues: 2, driver: "virtio-net", vectors: PROBED_FOUR.map((v) => ({ ...v, irq: v.irq - 8 })) },
        ],
        { policy: "round-robin", firstIrq: 32 },
      ),
    );
    // eth1 holds 32-40; eth0's generated vector takes the next free number, 41.
    expect(p.perQueue.map((q) => `${q.nic}/${q.queue} ${q.irq}`)).toEqual(["eth0/0 41", "eth1/0 33", "eth1/1 35"]);
  });

  it("a queues sweep keeps a list that serves the new count and drops one that does not (the driver would request new vectors)", () => {
    const ena = [
      { irq: 27, name: "ena-mgmnt@pci:0000:00:05.0" },
      { irq: 28, name: "ena-comp-0@pci:0000:00:05.0" },
      { irq: 29, name: "ena-comp-1@pci:0000:00:05.0" },
    ];
    const raw = {
      ...doc([
        { name: "eth0", maxQueues: 4, queues: 2, driver: "virtio-net", vectors: PROBED_FOUR },
        { name: "eth1", maxQueues: 4, queues: 2, driver: "ena", vectors: ena },
      ]),
      sweep: { queues: [2, 4] },
    };
    const [two, four] = expandSweep(raw).map((p) => p.scenario);
    expect(two.nics.map((n) => n.vectors?.length)).toEqual([9, 3]);
    expect(four.nics.map((n) => n.vectors?.length)).toEqual([9, undefined]);
    const d = scenarioVectors(four);
    expect([...d.rxVector].map((v) => d.vectors[v].name)).toEqual([
      "virtio1-input.0",
      "virtio1-input.1",
      "virtio1-input.2",
      "virtio1-input.3",
      "eth1-Tx-Rx-0",
      "eth1-Tx-Rx-1",
      "eth1-Tx-Rx-2",
      "eth1-Tx-Rx-3",
    ]);
  });

  it("nics[].pci names the device: in generated vector names, and in the order the daemon meets devices", () => {
    const nics = [
      { name: "eth0", queues: 1, driver: "mlx5", pci: "0000:3b:00.0" },
      { name: "eth1", queues: 1, driver: "mlx5", pci: "0000:af:00.0" },
    ];
    const d = scenarioVectors(validateScenario(doc(nics)));
    expect(d.vectors.map((v) => v.name)).toEqual(["mlx5_async0@pci:0000:3b:00.0", "mlx5_comp0@pci:0000:3b:00.0", "mlx5_async0@pci:0000:af:00.0", "mlx5_comp0@pci:0000:af:00.0"]);
    // /sys/bus/pci/devices lists by kernfs name hash: the NIC whose address hashes lower comes first.
    const first = kernfsNameHash("0000:3b:00.0") < kernfsNameHash("0000:af:00.0") ? 0 : 1;
    expect(d.vectors[irqDiscoveryOrder(d, "kernfs")[0]].nic).toBe(first);
    expectConfigError(() => validateScenario(doc([nics[0], { ...nics[1], pci: "0000:3b:00.0" }])), "nics[1].pci: 0000:3b:00.0 is already NIC 0's address");
  });

  it("refuses a list the kernel could not have, naming the field", () => {
    const nic = (vectors: unknown): Record<string, unknown>[] => [{ name: "eth0", queues: 2, driver: "virtio-net", vectors }];
    expectConfigError(
      () => validateScenario(doc(nic(PROBED_FOUR.filter((v) => v.name !== "virtio1-input.1")))),
      "nics[0].vectors: rx queue 1 has no vector (a name ending -TxRx-1, -rx-1, input.1, comp1, …)",
    );
    expectConfigError(() => validateScenario(doc(nic(PROBED_FOUR.map((v) => (v.irq === 42 ? { ...v, irq: 41 } : v))))), "nics[0].vectors[2].irq: IRQ 41 is listed twice");
    expectConfigError(
      () => validateScenario(doc(nic([{ irq: 30, name: "virtio1-config" }, { irq: 31, name: "virtio1-virtqueues" }]))),
      "nics[0].vectors[1].name: virtio1-virtqueues: one vector shared by every queue is not modelled",
    );
    expectConfigError(
      () => validateScenario(doc(nic([...PROBED_FOUR, { irq: 60, name: "virtio1-input.0" }]))),
      "nics[0].vectors[9].name: virtio1-input.0 serves rx queue 0, as virtio1-input.0 does",
    );
    expectConfigError(() => validateScenario(doc(nic([{ irq: 30, name: "eth0 TxRx" }]))), 'nics[0].vectors[0].name: "eth0 TxRx" must be one word');
  });
});
