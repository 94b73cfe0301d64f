/**
 * irq — where NIC interrupts land, and how irqbalance moves them.
 *
 * What it models
 *   One MSI-X vector per rx queue (vector v = queue v, numbered across NICs in order), delivered
 *   to ONE CPU: its effective affinity. On x86 that CPU is chosen when the vector is allocated —
 *   the online CPU of the affinity mask with the most free vectors, ties to the first
 *   (`VectorMatrix`, affinity.ts) — so a multi-CPU mask does not spread an interrupt.
 *   - topology.ts: the host — NUMA nodes, packages, cores, SMT threads (x86 numbering: thread 0
 *     of every core first), L2/L3 domains, the NIC's node, isolated CPUs.
 *   - affinity.ts: `smp_affinity` / `smp_affinity_list` writes parsed as the kernel does
 *     (rps/cpumask.ts, rps/cpulist.ts; EINVAL when no online CPU is left), the vector matrix.
 *   - policies.ts: static policies — `cpu0`, `round-robin`, `driver-hint`
 *     (`cpumask_local_spread`), `explicit` (per-queue masks or lists → effective CPU).
 *   - irqbalance/: the daemon (v1.9.x) as a pure state machine over simulated time: topology tree
 *     per `--deepestcache`, ethernet IRQs at core level, load from each CPU's irq + softirq time
 *     shared out by interrupt counts, the migration choice (class, load, min-load rule,
 *     `--migrateval`), placement down the tree to the least-loaded child, `--interval`,
 *     `--oneshot`, `--powerthresh`, banned CPUs and IRQs. Each scan lists its moves.
 *   - placement.ts: `placeIrqs`, the engine's current two-policy entry point.
 *   Not modelled: managed IRQs, CPU hotplug, irqbalance policy scripts / `--banmod`, ENOSPC
 *   retries, NUMA distances (more than one hop), sysfs directory order (ties go to lower ids).
 *
 * Config keys (proposed; wired by config/, not here)
 *   host.topology        { sockets, coresPerSocket, threadsPerCore, numaNodes?, nicNode?,
 *                          isolated? } or { cpus: [{ cpu, node, package, core, l2?, l3? }] }
 *   irq.policy           "cpu0" | "round-robin" | "driver-hint" | "explicit" | "irqbalance"
 *   irq.driverHintNode   "none" (i40e: node -1, default) | "nic" (mlx5-style local spread)
 *   irq.affinity         per queue: { smp_affinity: "hex" } | { smp_affinity_list: "0-3" }
 *   irq.irqbalance       { interval: seconds (integer, default 10), oneshot: bool,
 *                          deepestcache: 1|2|3 (default 2), migrateval: integer (0 = off),
 *                          powerthresh: integer | "off", bannedCpus: CPU list,
 *                          bannedIrqs: [queue indices] }
 *
 * Outputs
 *   Static policies: Int32Array, the CPU per queue vector. irqbalance: per scan the moves
 *   `{ timeNs, irq, from, to }`, the CPU per IRQ, the load per CPU and per IRQ (ns) as the daemon
 *   saw them, the IRQs it selected, the CPUs in powersave.
 *
 * See also: docs/receive-path.md ("IRQ affinity", "irqbalance"); rps/ (the mask parsers);
 * engine/ (applies the CPU per queue, and would apply irqbalance moves at scan times).
 */
export { placeIrqs } from "./placement.js";
export {
  MAX_CPUS,
  TopologyError,
  nodeCpus,
  threadSiblings,
  topologyFromCpus,
  topologyFromSpec,
  type CpuTopology,
  type ExplicitCpu,
  type ExplicitTopology,
  type TopologyCpu,
  type TopologySpec,
} from "./topology.js";
export {
  DEFAULT_VECTORS_PER_CPU,
  IrqAffinityError,
  VectorMatrix,
  VectorSpaceError,
  parseSmpAffinity,
  parseSmpAffinityList,
  placeVectors,
  type IrqAffinityErrno,
  type IrqAffinityFile,
  type VectorMatrixOptions,
} from "./affinity.js";
export {
  localSpread,
  parseQueueAffinity,
  placeCpu0,
  placeDriverHint,
  placeExplicit,
  placeRoundRobin,
  type DriverHintOptions,
  type ExplicitOptions,
  type QueueAffinity,
} from "./policies.js";
export { IRQ_CLASSES, classLevel, classRank, type BalanceLevel, type IrqClass } from "./irqbalance/classes.js";
export {
  IrqbalanceOptionError,
  resolveIrqbalanceOptions,
  type IrqbalanceOptions,
  type ResolvedIrqbalanceOptions,
} from "./irqbalance/options.js";
export { buildBalanceTree, type BalanceObject, type BalanceObjectType, type BalanceTree } from "./irqbalance/tree.js";
export type { IrqRecord } from "./irqbalance/work.js";
export {
  IrqbalanceInputError,
  initIrqbalance,
  irqCpus,
  placeAll,
  scan,
  type IrqMove,
  type IrqbalanceInput,
  type IrqbalanceIrq,
  type IrqbalanceSample,
  type IrqbalanceScan,
  type IrqbalanceState,
} from "./irqbalance/daemon.js";
