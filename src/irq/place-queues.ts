import type { Host } from "../config/sections/host.js";
import type { Irq } from "../config/sections/irq.js";
import { DEFAULT_FIRST_IRQ, deviceVectors, type DeviceVectors, type NicVectorSpec } from "./device-vectors.js";
import { initIrqbalance, placeAll, type IrqbalanceState } from "./irqbalance/daemon.js";
import { irqDiscoveryOrder } from "./irqbalance/listing.js";
import { placeCpu0, placeDriverHint, placeExplicit, placeRoundRobin } from "./policies.js";

/**
 * IRQ number of rx queue vector v when every NIC is `rx-only` and `irq.firstIrq` is left at its
 * default: 32 + v (vectors follow the legacy range, as on x86). The engine maps moves with it.
 */
export const firstIrqNumber = DEFAULT_FIRST_IRQ;

/**
 * What IRQ placement reads: the `irq` section, the host's CPUs and topology, and each NIC's
 * queues and driver (which vectors it has). A resolved `Scenario` has all three.
 */
export interface IrqSetup {
  readonly irq: Irq;
  readonly host: Pick<Host, "cpus" | "topology">;
  readonly nics: readonly NicVectorSpec[];
}

/**
 * The CPU that takes each rx queue vector's interrupt (vectors numbered NIC by NIC) under the
 * `irq.policy`. irqbalance contributes its first scan on a host that booted idle:
 * every IRQ placed with zero load, NIC-local node first (irqbalance placement.c;
 * docs/receive-path.md, "irqbalance"); its rescans during a run are the engine's
 * (engine/irqbalance-timer.ts, from `startIrqbalance`).
 *
 * @throws IrqAffinityError, TopologyError, IrqbalanceOptionError for settings the kernel or
 *   the daemon would refuse (the config layer turns them into path-named messages).
 */
export function placeQueueIrqs(setup: IrqSetup): Int32Array {
  const { irq, host, nics } = setup;
  const vectors = nics.reduce((sum, nic) => sum + nic.queues, 0);
  switch (irq.policy) {
    case "cpu0":
      return placeCpu0(vectors);
    case "round-robin":
      return placeRoundRobin(vectors, host.cpus);
    case "driver-hint":
      return placeDriverHint(vectors, host.topology, { node: irq.driverHintNode === "nic" ? "nic" : -1 });
    case "explicit": {
      const device = nicVectors(nics, irq.firstIrq);
      return placeExplicit(vectors, host.topology, irq.affinity, { device: { count: device.vectors.length, rxVector: device.rxVector } });
    }
    case "irqbalance":
      return Int32Array.from(startIrqbalance(setup).cpuOf);
  }
}

/**
 * Every MSI-X vector of the NICs: a NIC's own `nics[].vectors` (a host's IRQ numbers and names),
 * else the list `nics[].driver` requests, numbered from `firstIrq` (`irq.firstIrq`).
 *
 * @throws DeviceVectorError for a NIC's own list the kernel could not have produced.
 */
export function nicVectors(nics: readonly NicVectorSpec[], firstIrq: number): DeviceVectors {
  return deviceVectors(
    nics.map((nic) => ({
      name: nic.name,
      queues: nic.queues,
      driver: nic.driver,
      ...(nic.maxQueues === undefined ? {} : { maxQueues: nic.maxQueues }),
      ...(nic.pci === undefined ? {} : { pci: nic.pci }),
      ...(nic.vectors === undefined ? {} : { vectors: nic.vectors }),
    })),
    firstIrq,
  );
}

/** Whether irqbalance (if it is the policy) scans again before a run of `durationNs` ends. */
export function irqbalanceRescansDuringRun(setup: IrqSetup, durationNs: number): boolean {
  const { irq, host } = setup;
  return irq.policy === "irqbalance" && !irq.irqbalance.oneshot && host.cpus > 1 && irq.irqbalance.interval * 1e9 < durationNs;
}

/**
 * The irqbalance daemon of a setup with `irq.policy: irqbalance`, after its first scan (the
 * placement a run starts from). It started one `--interval` before the run, so daemon time is
 * simulated time + interval.
 *
 * The daemon sees every vector of every NIC (`nicVectors`), discovered in the sysfs listing
 * order (`irq.irqbalance.listing`); its IRQ list puts the rx queue vectors first, in queue order,
 * so `state.cpuOf[q]` is where rx queue q's interrupt — and its rx work — lands. Before the first
 * scan every vector sits where the x86 vector allocator put it at `request_irq` (vector order,
 * default affinity, the NIC's node first). `heapOrderIrqs` (IRQ numbers by ascending address of
 * the daemon's records) overrides the tie order, as measured on a real daemon; default the
 * discovery order.
 */
export function startIrqbalance(setup: IrqSetup, heapOrderIrqs?: readonly number[]): IrqbalanceState {
  const { irq, host } = setup;
  const settings = irq.irqbalance;
  const devices = nicVectors(setup.nics, irq.firstIrq);
  const { vectors, rxVector } = devices;
  const isRx = new Uint8Array(vectors.length);
  for (const v of rxVector) isRx[v] = 1;
  const inputOrder = [...rxVector, ...vectors.map((_, v) => v).filter((v) => isRx[v] === 0)];
  const positionOf = new Int32Array(vectors.length);
  inputOrder.forEach((v, k) => (positionOf[v] = k));
  const start = placeExplicit(vectors.length, host.topology, []);
  const positionOfIrq = new Map(inputOrder.map((v, k) => [vectors[v].irq, k]));
  const heapOrder = heapOrderIrqs?.map((irqNumber) => positionOfIrq.get(irqNumber) ?? -1);
  const state = initIrqbalance({
    topology: host.topology,
    irqs: inputOrder.map((v) => ({ irq: vectors[v].irq, cpu: start[v], class: "ethernet" as const, node: host.topology.nicNode })),
    order: irqDiscoveryOrder(devices, settings.listing).map((v) => positionOf[v]),
    rxVectors: rxVector.length,
    ...(heapOrder === undefined ? {} : { heapOrder }),
    options: {
      deepestCache: settings.deepestCache,
      intervalS: settings.interval,
      oneshot: settings.oneshot,
      migrateVal: settings.migrateVal,
      powerThresh: settings.powerThresh,
      bannedIrqs: settings.bannedIrqs,
      version: settings.version,
      listing: settings.listing,
      ...(settings.bannedCpus === undefined ? {} : { bannedCpus: settings.bannedCpus }),
    },
  });
  if (state.nextScanNs === null) return state; // one CPU: the daemon exits at start
  // The first scan comes one --interval after the daemon starts.
  return placeAll(state, { timeNs: state.nextScanNs, cpuIrqNs: new Float64Array(host.cpus), irqCounts: new Float64Array(vectors.length) }).state;
}
