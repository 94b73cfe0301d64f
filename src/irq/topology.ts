/**
 * The simulated host's CPU topology, as Linux shows it under /sys/devices/system/cpu/cpuN/
 * (`topology/physical_package_id`, `topology/core_id`, `cache/indexK/shared_cpu_map`) and
 * /sys/devices/system/node/nodeN: NUMA nodes → packages (sockets) → cores → SMT threads, plus
 * the cache domains an interrupt balancer groups CPUs by (L2 per core, L3 per package by
 * default). Also the NIC's NUMA node (`/sys/class/net/<dev>/device/numa_node`, -1 = unknown) and
 * the isolated CPUs (`isolcpus=` ∪ `nohz_full=`, which irqbalance bans by default).
 *
 * Two ways in:
 * - `topologyFromSpec({ sockets, coresPerSocket, threadsPerCore, numaNodes? })`, numbered as
 *   x86 Linux numbers most servers and cloud VMs: **thread 0 of every core first, then the SMT
 *   siblings**. CPU id = thread × (sockets × coresPerSocket) + socket × coresPerSocket + core.
 *   So on 2 sockets × 4 cores × 2 threads, CPUs 0–3 are socket 0's cores, 4–7 socket 1's, 8–11
 *   the second threads of socket 0 and 12–15 those of socket 1 (lscpu: "NUMA node0 CPU(s):
 *   0-3,8-11"); the siblings of CPU c are c and c + 8. Why this one: the firmware lists the first
 *   thread of each core before any second thread (so that a kernel booted with fewer CPUs still
 *   gets one per core), and Linux numbers CPUs in that order; it is also the layout where "CPU v
 *   for queue v" and "CPU 0" policies show their SMT and NUMA effects. Hosts numbered otherwise
 *   (siblings adjacent, as on many ARM and some AMD/VM setups) are described with an explicit
 *   list.
 *   NUMA nodes: `numaNodes` defaults to `sockets`. A multiple k × sockets splits each socket into
 *   k nodes of consecutive cores (sub-NUMA clustering, AMD NPS2/NPS4), and then L3 is per node;
 *   a divisor of `sockets` groups whole sockets into one node (BIOS node interleaving: 1 node).
 * - `topologyFromCpus({ cpus: [{ cpu, node, package, core, l2?, l3? }] })`: a free layout. CPU ids
 *   must be 0..n-1 (all CPUs present and online); SMT siblings are the CPUs with the same
 *   (package, core), numbered by ascending CPU id; `l2` defaults to one domain per core and `l3`
 *   to one per package (give equal numbers to CPUs that share the cache).
 *
 * Errors: `TopologyError` with `path` naming the offending field (`coresPerSocket`,
 * `cpus[3].node`, `isolated`), so configuration code can prefix its own path.
 */
import { CpuListError, parseCpuList } from "../rps/cpulist.js";

/** One CPU (logical processor, hardware thread) of the host. */
export interface TopologyCpu {
  readonly cpu: number;
  /** NUMA node (`/sys/devices/system/cpu/cpuN/nodeM`). */
  readonly node: number;
  /** `topology/physical_package_id`: the socket. */
  readonly package: number;
  /** `topology/core_id`: the core within its package. */
  readonly core: number;
  /** SMT thread index within the core: 0 for the first sibling by CPU id, 1 for the next, … */
  readonly thread: number;
  /** Id of the L2 (`cache/index2`) sharing domain. */
  readonly l2: number;
  /** Id of the L3 (`cache/index3`) sharing domain. */
  readonly l3: number;
}

export interface CpuTopology {
  /** Every CPU, indexed by CPU id (`cpus[c].cpu === c`). */
  readonly cpus: readonly TopologyCpu[];
  /** NUMA node ids that have CPUs, ascending. */
  readonly nodes: readonly number[];
  /** NUMA node of the NIC's PCI device; -1 when the platform does not say (no `numa_node`). */
  readonly nicNode: number;
  /** Isolated CPUs (`isolcpus` ∪ `nohz_full`), ascending: irqbalance's default banned CPUs. */
  readonly isolated: readonly number[];
}

/** The compact description: identical sockets of identical cores. */
export interface TopologySpec {
  readonly sockets: number;
  readonly coresPerSocket: number;
  readonly threadsPerCore: number;
  /** Default: one node per socket. */
  readonly numaNodes?: number;
  /** Default -1 (unknown). */
  readonly nicNode?: number;
  /** A CPU list (`"2,4-7"`, the format of /sys/devices/system/cpu/isolated) or CPU ids. */
  readonly isolated?: string | readonly number[];
}

export interface ExplicitCpu {
  readonly cpu: number;
  readonly node: number;
  readonly package: number;
  readonly core: number;
  readonly l2?: number;
  readonly l3?: number;
}

export interface ExplicitTopology {
  readonly cpus: readonly ExplicitCpu[];
  readonly nicNode?: number;
  readonly isolated?: string | readonly number[];
}

/** A topology Linux could not have; `path` names the field, relative to the topology. */
export class TopologyError extends Error {
  override readonly name = "TopologyError";

  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/** More CPUs than this is not a host nicsim can simulate (x86-64 NR_CPUS tops out at 8192). */
export const MAX_CPUS = 8192;

function requireCount(value: unknown, path: string, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new TopologyError(path, `must be a positive integer, got ${JSON.stringify(value)}`);
  }
  if (value > max) throw new TopologyError(path, `${value} is more than nicsim supports (${max})`);
  return value;
}

function requireId(value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new TopologyError(path, `must be a non-negative integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

function resolveNicNode(nicNode: number | undefined, nodes: readonly number[]): number {
  if (nicNode === undefined || nicNode === -1) return -1;
  if (!Number.isInteger(nicNode) || !nodes.includes(nicNode)) {
    throw new TopologyError("nicNode", `${JSON.stringify(nicNode)} is not -1 (unknown) or one of the host's NUMA nodes (${nodes.join(", ")})`);
  }
  return nicNode;
}

function resolveIsolated(isolated: string | readonly number[] | undefined, nCpus: number): number[] {
  if (isolated === undefined) return [];
  if (typeof isolated === "string") {
    try {
      return parseCpuList(isolated, nCpus);
    } catch (error) {
      if (error instanceof CpuListError) throw new TopologyError("isolated", error.message);
      throw error;
    }
  }
  const seen = new Set<number>();
  isolated.forEach((cpu, i) => {
    if (!Number.isInteger(cpu) || cpu < 0 || cpu >= nCpus) {
      throw new TopologyError(`isolated[${i}]`, `${JSON.stringify(cpu)} is not a CPU of this host (0-${nCpus - 1})`);
    }
    seen.add(cpu);
  });
  return [...seen].sort((a, b) => a - b);
}

/** Build the topology from `{ sockets, coresPerSocket, threadsPerCore, numaNodes? }`. */
export function topologyFromSpec(spec: TopologySpec): CpuTopology {
  const sockets = requireCount(spec.sockets, "sockets", MAX_CPUS);
  const cores = requireCount(spec.coresPerSocket, "coresPerSocket", MAX_CPUS);
  const threads = requireCount(spec.threadsPerCore, "threadsPerCore", 8);
  const nCpus = sockets * cores * threads;
  if (nCpus > MAX_CPUS) {
    throw new TopologyError("sockets", `${sockets} × ${cores} × ${threads} = ${nCpus} CPUs is more than nicsim supports (${MAX_CPUS})`);
  }
  const numaNodes = spec.numaNodes === undefined ? sockets : requireCount(spec.numaNodes, "numaNodes", MAX_CPUS);
  let nodesPerSocket = 1;
  let socketsPerNode = 1;
  if (numaNodes >= sockets) {
    if (numaNodes % sockets !== 0 || cores % (numaNodes / sockets) !== 0) {
      throw new TopologyError(
        "numaNodes",
        `${numaNodes} nodes cannot split ${sockets} socket(s) of ${cores} cores evenly ` +
          "(use a multiple of sockets that divides the cores, or a divisor of sockets)",
      );
    }
    nodesPerSocket = numaNodes / sockets;
  } else {
    if (sockets % numaNodes !== 0) {
      throw new TopologyError("numaNodes", `${numaNodes} nodes cannot group ${sockets} sockets evenly`);
    }
    socketsPerNode = sockets / numaNodes;
  }
  const coresPerNode = cores / nodesPerSocket;
  const coreSlots = sockets * cores;
  const cpus: TopologyCpu[] = [];
  for (let cpu = 0; cpu < nCpus; cpu++) {
    const thread = Math.floor(cpu / coreSlots);
    const slot = cpu % coreSlots;
    const socket = Math.floor(slot / cores);
    const core = slot % cores;
    const node = nodesPerSocket > 1 ? socket * nodesPerSocket + Math.floor(core / coresPerNode) : Math.floor(socket / socketsPerNode);
    cpus.push({ cpu, node, package: socket, core, thread, l2: slot, l3: nodesPerSocket > 1 ? node : socket });
  }
  const nodes = [...new Set(cpus.map((c) => c.node))].sort((a, b) => a - b);
  return { cpus, nodes, nicNode: resolveNicNode(spec.nicNode, nodes), isolated: resolveIsolated(spec.isolated, nCpus) };
}

/** Build the topology from an explicit CPU list. */
export function topologyFromCpus(spec: ExplicitTopology): CpuTopology {
  const list = spec.cpus;
  if (!Array.isArray(list) || list.length === 0) throw new TopologyError("cpus", "must list at least one CPU");
  if (list.length > MAX_CPUS) throw new TopologyError("cpus", `${list.length} CPUs is more than nicsim supports (${MAX_CPUS})`);
  const n = list.length;
  const byId: (ExplicitCpu | undefined)[] = new Array(n);
  list.forEach((entry, i) => {
    const cpu = requireId(entry.cpu, `cpus[${i}].cpu`);
    requireId(entry.node, `cpus[${i}].node`);
    requireId(entry.package, `cpus[${i}].package`);
    requireId(entry.core, `cpus[${i}].core`);
    if (entry.l2 !== undefined) requireId(entry.l2, `cpus[${i}].l2`);
    if (entry.l3 !== undefined) requireId(entry.l3, `cpus[${i}].l3`);
    if (cpu >= n) throw new TopologyError(`cpus[${i}].cpu`, `CPU ids must be 0-${n - 1} for ${n} CPUs, got ${cpu}`);
    if (byId[cpu] !== undefined) throw new TopologyError(`cpus[${i}].cpu`, `CPU ${cpu} is listed twice`);
    byId[cpu] = entry;
  });
  const entryIndex = new Map<ExplicitCpu, number>(list.map((e, i) => [e, i]));
  const ordered = byId as ExplicitCpu[];

  // Defaulted cache ids could collide with given ones: all or none.
  if (ordered.some((e) => e.l2 !== undefined) && ordered.some((e) => e.l2 === undefined)) {
    throw new TopologyError("cpus", "give l2 for every CPU or for none");
  }
  if (ordered.some((e) => e.l3 !== undefined) && ordered.some((e) => e.l3 === undefined)) {
    throw new TopologyError("cpus", "give l3 for every CPU or for none");
  }

  // SMT siblings: same (package, core); thread index by ascending CPU id. A core lives on one node.
  const coreKey = (e: ExplicitCpu): string => `${e.package}/${e.core}`;
  const threadsSeen = new Map<string, number>();
  const coreNode = new Map<string, number>();
  const coreL2 = new Map<string, number>();
  let nextL2 = 0;
  const cpus: TopologyCpu[] = ordered.map((e) => {
    const key = coreKey(e);
    const thread = threadsSeen.get(key) ?? 0;
    threadsSeen.set(key, thread + 1);
    const node0 = coreNode.get(key);
    if (node0 === undefined) coreNode.set(key, e.node);
    else if (node0 !== e.node) {
      const why = `CPU ${e.cpu} is a thread of package ${e.package} core ${e.core}, which other threads put on node ${node0}`;
      throw new TopologyError(`cpus[${entryIndex.get(e)}].node`, why);
    }
    let l2 = e.l2;
    if (l2 === undefined) {
      l2 = coreL2.get(key);
      if (l2 === undefined) {
        l2 = nextL2++;
        coreL2.set(key, l2);
      }
    }
    return { cpu: e.cpu, node: e.node, package: e.package, core: e.core, thread, l2, l3: e.l3 ?? e.package };
  });
  // A cache is inside one package.
  for (const level of ["l2", "l3"] as const) {
    const pkgOf = new Map<number, number>();
    for (const c of cpus) {
      const id = c[level];
      const pkg = pkgOf.get(id);
      if (pkg === undefined) pkgOf.set(id, c.package);
      else if (pkg !== c.package) {
        const why = `${level} domain ${id} spans packages ${pkg} and ${c.package}; a cache is inside one package`;
        throw new TopologyError(`cpus[${entryIndex.get(ordered[c.cpu])}].${level}`, why);
      }
    }
  }
  const nodes = [...new Set(cpus.map((c) => c.node))].sort((a, b) => a - b);
  return { cpus, nodes, nicNode: resolveNicNode(spec.nicNode, nodes), isolated: resolveIsolated(spec.isolated, n) };
}

/** The CPUs of NUMA node `node`, ascending (empty for an unknown node). */
export function nodeCpus(topology: CpuTopology, node: number): number[] {
  const out: number[] = [];
  for (const c of topology.cpus) if (c.node === node) out.push(c.cpu);
  return out;
}

/** The SMT siblings of `cpu` (itself included), ascending: `topology/thread_siblings_list`. */
export function threadSiblings(topology: CpuTopology, cpu: number): number[] {
  const me = topology.cpus[cpu];
  if (me === undefined) throw new RangeError(`CPU ${cpu} is not in 0..${topology.cpus.length - 1}`);
  return topology.cpus.filter((c) => c.package === me.package && c.core === me.core).map((c) => c.cpu);
}
