import { RFS_PER_PACKET, type Plan } from "./plan.js";

/**
 * SMT siblings share one core: a work item a CPU starts while another thread of its core is busy
 * runs at `plan.smtSpeed` of its solo speed (takes 1 / smtSpeed as long). The rate is fixed when
 * the item starts (start-time rule) and not revised when the sibling starts or stops during it:
 * items are one packet's driver or stack work, a poll's overhead or an interrupt (~0.1–1 µs), so a
 * sibling's state changes within an item at most once per item, at its edges, and both siblings
 * see the same rule. Two saturated siblings then each run every item at smtSpeed, and their core
 * delivers exactly 2 × smtSpeed of one thread alone (test/engine-smt-siblings-share-a-core).
 *
 * The engine tracks, per core, when the last item started by any of its threads ends
 * (`coreBusyUntil`). A CPU starts items only at its own step boundaries, after its previous item
 * ended, so "the core is busy past now" means "a sibling is busy now".
 *
 * Only cores with two or more threads that can do work (take a queue's interrupt, run an
 * application thread, or RPS, RFS or an irqbalance move can send them packets) are tracked; their CPUs must step in time order with
 * each other: engine/cpu-loops.ts puts a core's threads together in the isolated loop when each
 * of them would run it alone (engine/isolated-cpus.ts `runCore`), and otherwise keeps them coupled
 * on the event heap, off the sink replay. A host without SMT, with smtSpeed 1, or whose siblings
 * never both work costs nothing. Those that do cost 2.6–3.2× the CPU time per simulated packet
 * of threads alone (docs/smt.md, "Speed").
 */
export interface SmtCores {
  /** Per CPU: the slot of its core in `coreBusyUntil` when the core is tracked, else -1. */
  readonly coreSlot: Int32Array;
  /** Number of tracked cores. */
  readonly cores: number;
}

/** The cores whose threads may both have work (`anyCpuWorks`: irqbalance may move a queue anywhere). */
export function smtCores(plan: Plan, anyCpuWorks: boolean): SmtCores {
  const nCpu = plan.cpus;
  const coreSlot = new Int32Array(nCpu).fill(-1);
  if (plan.smtSpeed === 1) return { coreSlot, cores: 0 };
  const works = new Uint8Array(nCpu).fill(anyCpuWorks ? 1 : 0);
  for (let q = 0; q < plan.queues; q++) works[plan.queueCpu[q]] = 1;
  // Application threads work on their CPUs (app-steps.ts `runApp` runs them at smtSpeed too).
  if (plan.app !== null) for (let c = 0; c < nCpu; c++) if (plan.app.cpuThreadCount[c] > 0) works[c] = 1;
  for (let f = 0; f < plan.flows.count; f++) {
    const r = plan.flowRpsCpu[f];
    if (r >= 0) works[r] = 1;
    if (r === RFS_PER_PACKET) {
      if (plan.flowAppCpu[f] >= 0) works[plan.flowAppCpu[f]] = 1;
      if (plan.flowMapCpu[f] >= 0) works[plan.flowMapCpu[f]] = 1;
    }
  }
  const workingThreads = new Map<number, number>();
  for (let c = 0; c < nCpu; c++) if (works[c] === 1) workingThreads.set(plan.cpuCore[c], (workingThreads.get(plan.cpuCore[c]) ?? 0) + 1);
  const slotOfCore = new Map<number, number>();
  for (let c = 0; c < nCpu; c++) {
    const core = plan.cpuCore[c];
    if (works[c] === 0 || (workingThreads.get(core) ?? 0) < 2) continue;
    let slot = slotOfCore.get(core);
    if (slot === undefined) slotOfCore.set(core, (slot = slotOfCore.size));
    coreSlot[c] = slot;
  }
  return { coreSlot, cores: slotOfCore.size };
}
