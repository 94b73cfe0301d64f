/**
 * irq — where NIC interrupts land, and how irqbalance moves them.
 *
 * What it models
 *   Every MSI-X vector a NIC's driver requests (device-vectors.ts: virtio-net config + input/output
 *   pairs, i40e/ice-like misc + TxRx, ixgbe-like TxRx + other last, mlx5-like async + completion, ENA-like management + Tx-Rx,
 *   or nicsim's earlier rx-only list), each delivered to ONE CPU: its effective affinity. On x86 that CPU is chosen when the vector is allocated —
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
 *   - kernfs-order.ts: the order `readdir` lists sysfs in (kernfs name hash), which decides the
 *     daemon's "first among equals"; irqbalance/listing.ts applies it to CPUs, nodes and IRQs.
 *   - sysfs-view.ts: the /sys and /proc text the daemon reads, generated from a topology and the
 *     vectors (the differential test runs the real daemon on it).
 *   - place-queues.ts: the placement of an `irq` section on a host and its NICs (`IrqSetup`,
 *     not the whole scenario); rx queue q's work is charged to the CPU of its
 *     rx vector (`startIrqbalance(…).cpuOf`).
 *   - placement.ts: `placeIrqs`, the engine's current two-policy entry point.
 *   Not modelled: managed IRQs, CPU hotplug, irqbalance policy scripts / `--banmod`, ENOSPC
 *   retries, NUMA distances (more than one hop), the heap order of the daemon's IRQ records
 *   (its last tie-break: where glibc's malloc put each record, which no scenario determines;
 *   assumed rising, `heapOrder` overrides), a vector shared by every virtqueue.
 *
 * Config keys (defined and validated in config/sections/irq.ts and host.ts, not here)
 *   host.topology        { sockets, coresPerSocket, threadsPerCore, numaNodes?, nicNode?,
 *                          isolated? } or { cpus: [{ cpu, node, package, core, l2?, l3? }] }
 *   nics[].driver        "rx-only" (default) | "virtio-net" | "txrx-misc" | "txrx-other" |
 *                        "mlx5" | "ena"
 *   irq.firstIrq         Linux IRQ number of the first NIC's vector 0 (default 32)
 *   irq.policy           "cpu0" | "round-robin" | "driver-hint" | "explicit" | "irqbalance"
 *   irq.driverHintNode   "none" (i40e: node -1, default) | "nic" (mlx5-style local spread)
 *   irq.affinity         per queue: { smp_affinity: "hex" } | { smp_affinity_list: "0-3" }
 *   irq.irqbalance       { interval: seconds (integer, default 10), oneshot: bool,
 *                          deepestcache: 1|2|3 (default 2), migrateval: integer (0 = off),
 *                          powerthresh: integer | "off", bannedCpus: CPU list,
 *                          bannedIrqs: [IRQ numbers], version: "1.9.2" | "1.9.5",
 *                          listing: "kernfs" | "ascending" }
 *
 * Outputs
 *   Static policies: Int32Array, the CPU per queue vector. irqbalance: per scan the moves
 *   `{ timeNs, irq, from, to }`, the CPU per IRQ, the load per CPU and per IRQ (ns) as the daemon
 *   saw them, the IRQs it selected, the CPUs in powersave.
 *
 * See also: docs/receive-path.md ("IRQ affinity", "irqbalance"); the irqbalance sources
 * (Irqbalance/irqbalance: classify.c, cputree.c, placement.c, irqlist.c, procinterrupts.c);
 * fs/kernfs/dir.c; rps/ (the mask parsers); engine/ (applies the CPU per queue and irqbalance
 * moves at scan times).
 */
export { placeIrqs } from "./placement.js";
export {
  DEFAULT_FIRST_IRQ,
  DRIVER_KINDS,
  deviceVectors,
  nicPciAddress,
  type DeviceVector,
  type DeviceVectors,
  type DriverKind,
  type NicDevice,
  type NicVectorSpec,
  type VectorRole,
} from "./device-vectors.js";
export { SYSFS_LISTINGS, compareKernfsNames, kernfsNameHash, kernfsOrder, listingOrder, type SysfsListing } from "./kernfs-order.js";
export { formatCpuList, procInterrupts, procStat, sysfsView, type ProcCounters, type SysfsView, type SysfsViewInput } from "./sysfs-view.js";
export { cpuVisitOrder, irqDiscoveryOrder, nodeListOrder } from "./irqbalance/listing.js";
export { irqbalanceRescansDuringRun, nicVectors, startIrqbalance, type IrqSetup } from "./place-queues.js";
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
  IRQBALANCE_VERSIONS,
  IrqbalanceOptionError,
  resolveIrqbalanceOptions,
  type IrqbalanceVersion,
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
