import type { Scenario } from "../config/scenario.js";
import { initIrqbalance, placeAll, type IrqbalanceState } from "./irqbalance/daemon.js";
import { placeCpu0, placeDriverHint, placeExplicit, placeRoundRobin } from "./policies.js";

/** IRQ number of rx queue vector v (synthetic: vectors follow the legacy range, as on x86). */
export const firstIrqNumber = 32;

/**
 * The CPU that takes each rx queue vector's interrupt (vectors numbered NIC by NIC) under the
 * scenario's `irq.policy`. irqbalance contributes its first scan on a host that booted idle:
 * every IRQ placed with zero load, NIC-local node first (irqbalance's placement.c; docs/receive-path.md, "irqbalance"); its
 * rescans during a run are the engine's (engine/irqbalance-timer.ts, from `startIrqbalance`).
 *
 * @throws IrqAffinityError, TopologyError, IrqbalanceOptionError for settings the kernel or
 *   the daemon would refuse (the config layer turns them into path-named messages).
 */
export function placeQueueIrqs(scenario: Scenario): Int32Array {
  const vectors = scenario.nics.reduce((sum, nic) => sum + nic.queues, 0);
  const { irq, host } = scenario;
  switch (irq.policy) {
    case "cpu0":
      return placeCpu0(vectors);
    case "round-robin":
      return placeRoundRobin(vectors, host.cpus);
    case "driver-hint":
      return placeDriverHint(vectors, host.topology, { node: irq.driverHintNode === "nic" ? "nic" : -1 });
    case "explicit":
      return placeExplicit(vectors, host.topology, irq.affinity);
    case "irqbalance":
      return Int32Array.from(startIrqbalance(scenario).cpuOf);
  }
}

/**
 * The irqbalance daemon of a scenario with `irq.policy: irqbalance`, after its first scan (the
 * placement a run starts from). It started one `--interval` before the run, so daemon time is
 * simulated time + interval. Rx queue vector v is IRQ `firstIrqNumber + v`, in discovery order.
 */
export function startIrqbalance(scenario: Scenario): IrqbalanceState {
  const vectors = scenario.nics.reduce((sum, nic) => sum + nic.queues, 0);
  const { irq, host } = scenario;
  const settings = irq.irqbalance;
  // Where the driver's vectors sit before the daemon's first scan: the activation default.
  const start = placeExplicit(vectors, host.topology, []);
  const state = initIrqbalance({
    topology: host.topology,
    irqs: Array.from(start, (cpu, v) => ({ irq: firstIrqNumber + v, cpu, class: "ethernet" as const, node: host.topology.nicNode })),
    options: {
      deepestCache: settings.deepestCache,
      intervalS: settings.interval,
      oneshot: settings.oneshot,
      migrateVal: settings.migrateVal,
      powerThresh: settings.powerThresh,
      bannedIrqs: settings.bannedIrqs,
      ...(settings.bannedCpus === undefined ? {} : { bannedCpus: settings.bannedCpus }),
    },
  });
  if (state.nextScanNs === null) return state; // one CPU: the daemon exits at start
  // The first scan comes one --interval after the daemon starts.
  return placeAll(state, { timeNs: state.nextScanNs, cpuIrqNs: new Float64Array(host.cpus), irqCounts: new Float64Array(vectors) }).state;
}
