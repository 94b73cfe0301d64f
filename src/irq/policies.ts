/**
 * Static IRQ placement policies: where each rx queue's MSI-X vector is delivered when no daemon
 * moves it. Each returns the effective CPU per queue vector (vector v = rx queue v, numbered
 * across NICs in order). irqbalance, which moves vectors during a run, is in irqbalance/.
 *
 * - `cpu0`: every vector on CPU 0 — a host (or architecture) whose interrupts all stay on the
 *   boot CPU because nothing set their affinity.
 * - `round-robin`: vector v on CPU v mod cpus — what a script writing one CPU per queue gets.
 * - `driver-hint`: vector v on `cpumask_local_spread(v, node)`. Intel i40e/iavf pass node -1:
 *   the v-th online CPU (v mod online CPUs). Drivers that pass the device's node (mlx5 passes
 *   `dev->priv.numa_node`) take the node's CPUs first, ascending, then the other CPUs.
 *   (Kernels ≥ 6.3 order the other CPUs by NUMA hop distance; nicsim has no distance table, so
 *   the rest go in ascending order — the same on one or two nodes, the pre-6.3 rule beyond.)
 *   The hint only becomes the affinity where the driver also applies it (older
 *   `irq_set_affinity_hint()`) or someone copies it; irqbalance ignores hints (its `--hintpolicy` was removed in 2016).
 * - `explicit`: per-queue `smp_affinity` masks or `smp_affinity_list` lists, as the kernel
 *   parses them, then the x86 effective-affinity rule (affinity.ts): at `ip link set up` the
 *   driver requests each vector in queue order with the default affinity (all CPUs), which the
 *   vector allocator places on the device node's CPUs first, one more vector on the least-used
 *   CPU each time; then the masks are written in queue order, and a vector moves only when its
 *   CPU is not in its new mask (to the mask's least-used CPU). A queue without a mask keeps the
 *   allocator's choice — with no masks at all this is what a modern x86 kernel gives without
 *   irqbalance. With a device's whole vector list (`options.device`), every vector is activated
 *   in the driver's order (config/misc vectors and tx vectors too), so rx queue q does not get
 *   CPU q: on an idle virtio host `config` takes the first CPU, `input.0` the next.
 */
import { IrqAffinityError, parseSmpAffinity, parseSmpAffinityList, VectorMatrix } from "./affinity.js";
import { nodeCpus, type CpuTopology } from "./topology.js";

function requireVectors(vectors: number): void {
  if (!Number.isInteger(vectors) || vectors < 0) throw new RangeError(`vectors must be a non-negative integer, got ${vectors}`);
}

/** `cpu0`: every vector on CPU 0. */
export function placeCpu0(vectors: number): Int32Array {
  requireVectors(vectors);
  return new Int32Array(vectors);
}

/** `round-robin`: vector v on CPU v mod cpus. */
export function placeRoundRobin(vectors: number, cpus: number): Int32Array {
  requireVectors(vectors);
  if (!Number.isInteger(cpus) || cpus < 1) throw new RangeError(`cpus must be a positive integer, got ${cpus}`);
  const out = new Int32Array(vectors);
  for (let v = 0; v < vectors; v++) out[v] = v % cpus;
  return out;
}

/**
 * `cpumask_local_spread(i, node)` on a host whose CPUs are all online: i mod the CPU count, then
 * the i-th CPU of (node's CPUs ascending, then the others ascending); node -1 = no preference.
 */
export function localSpread(i: number, node: number, topology: CpuTopology): number {
  if (!Number.isInteger(i) || i < 0) throw new RangeError(`i must be a non-negative integer, got ${i}`);
  const n = topology.cpus.length;
  const k = i % n;
  if (node < 0) return k;
  if (!topology.nodes.includes(node)) throw new RangeError(`node ${node} is not one of the host's NUMA nodes (${topology.nodes.join(", ")})`);
  const local = nodeCpus(topology, node);
  if (k < local.length) return local[k];
  let rest = k - local.length;
  for (const c of topology.cpus) {
    if (c.node === node) continue;
    if (rest === 0) return c.cpu;
    rest--;
  }
  throw new Error("unreachable: k < CPU count");
}

export interface DriverHintOptions {
  /** The node the driver passes: -1 (default, as i40e/iavf) or `"nic"` for the NIC's node. */
  readonly node?: number | "nic";
}

/** `driver-hint`: vector v on `cpumask_local_spread(v, node)`. */
export function placeDriverHint(vectors: number, topology: CpuTopology, options: DriverHintOptions = {}): Int32Array {
  requireVectors(vectors);
  const node = options.node === "nic" ? topology.nicNode : (options.node ?? -1);
  const out = new Int32Array(vectors);
  for (let v = 0; v < vectors; v++) out[v] = localSpread(v, node, topology);
  return out;
}

/** One queue's written affinity: a hex mask or a CPU list. */
export type QueueAffinity = { readonly smpAffinity: string } | { readonly smpAffinityList: string };

export interface ExplicitOptions {
  /** Vectors already used per CPU before the NIC's (other devices); default none. */
  readonly vectorsInUse?: ArrayLike<number>;
  /**
   * The device's whole vector list: `count` vectors requested in order, of which rx queue v is
   * vector `rxVector[v]` (device-vectors.ts). Default: the rx queue vectors only.
   */
  readonly device?: { readonly count: number; readonly rxVector: ArrayLike<number> };
}

/** Parse one queue's affinity as the kernel would; the CPUs, ascending. */
export function parseQueueAffinity(affinity: QueueAffinity, cpus: number, queue: number): number[] {
  try {
    return "smpAffinity" in affinity ? parseSmpAffinity(affinity.smpAffinity, cpus) : parseSmpAffinityList(affinity.smpAffinityList, cpus);
  } catch (error) {
    if (error instanceof IrqAffinityError) throw error.forQueue(queue);
    throw error;
  }
}

/**
 * `explicit`: activate every vector with the default affinity (device node first), then write
 * each queue's mask in queue order. `affinity[v]` null/undefined = no write for queue v.
 *
 * @throws IrqAffinityError (naming the queue) for a write the kernel refuses.
 */
export function placeExplicit(
  vectors: number,
  topology: CpuTopology,
  affinity: readonly (QueueAffinity | null | undefined)[],
  options: ExplicitOptions = {},
): Int32Array {
  requireVectors(vectors);
  if (affinity.length > vectors) throw new RangeError(`${affinity.length} affinities for ${vectors} vectors`);
  const n = topology.cpus.length;
  const masks = affinity.map((a, v) => (a === null || a === undefined ? null : parseQueueAffinity(a, n, v)));
  const matrix = new VectorMatrix(n, { allocated: options.vectorsInUse });
  const all = Array.from({ length: n }, (_, c) => c);
  const home = topology.nicNode < 0 ? null : nodeCpus(topology, topology.nicNode);
  const device = options.device ?? { count: vectors, rxVector: Int32Array.from({ length: vectors }, (_, v) => v) };
  if (device.rxVector.length !== vectors) throw new RangeError(`the device lists ${device.rxVector.length} rx vectors for ${vectors} queues`);
  const activated = new Int32Array(device.count);
  for (let k = 0; k < device.count; k++) activated[k] = matrix.activate(all, home);
  const out = new Int32Array(vectors);
  for (let v = 0; v < vectors; v++) out[v] = activated[device.rxVector[v]];
  masks.forEach((mask, v) => {
    if (mask !== null) out[v] = matrix.retarget(out[v], mask);
  });
  return out;
}
