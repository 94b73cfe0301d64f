/**
 * `/proc/irq/N/smp_affinity` and `smp_affinity_list` writes, and where an interrupt is then
 * really delivered (`effective_affinity`) on x86.
 *
 * Writes (kernel/irq/proc.c `write_irq_affinity`): `smp_affinity` is parsed by
 * `cpumask_parse_user` — the same `bitmap_parse` as `rps_cpus`, so `parseCpuMask` (rps/cpumask.ts)
 * with its EINVAL/EOVERFLOW answers; `smp_affinity_list` by `cpumask_parselist_user` —
 * `parseCpuList` (rps/cpulist.ts) with EINVAL/ERANGE. Then a mask with no online CPU (`0`, an
 * empty list, only offline CPUs) is refused with EINVAL (the Alpha-only auto-select aside).
 * Kernel-managed IRQs (EIO, EPERM since 2024) are not modelled: NIC queue vectors are not managed.
 *
 * Delivery (kernel/irq/matrix.c, arch/x86/kernel/apic/vector.c): an x86 interrupt targets ONE
 * CPU of its mask, chosen when its vector is allocated — the online CPU of the mask with the most
 * available vectors (fewest allocated), ties to the first in mask order (`matrix_find_best_cpu`:
 * a CPU replaces the best only with strictly more available). A multi-CPU mask therefore does not
 * spread one interrupt's load; it only decides where the vector lands. `VectorMatrix` keeps the
 * per-CPU counts:
 * - `allocate(mask)` — `irq_matrix_alloc`: the best CPU, whose count then rises;
 * - `retarget(cpu, mask)` — a later `smp_affinity` write (`assign_vector_locked`): if the
 *   current CPU is online and in the new mask the interrupt stays; otherwise a vector is allocated
 *   in mask ∩ online and the old one released;
 * - `activate(affinity, nodeCpus)` — the first assignment when the driver requests the IRQ
 *   (`assign_irq_vector_any_locked`): affinity ∩ the device's node first, then the affinity,
 *   then the node, then every online CPU.
 * `placeVectors(masks)` allocates a sequence directly: four vectors with mask `ff` on 8 idle CPUs
 * land on CPUs 0, 1, 2, 3 — each allocation leaves the chosen CPU with fewer free vectors.
 */
import { CpuListError, parseCpuList } from "../rps/cpulist.js";
import { CpuMaskError, parseCpuMask } from "../rps/cpumask.js";

export type IrqAffinityFile = "smp_affinity" | "smp_affinity_list";
export type IrqAffinityErrno = "EINVAL" | "ERANGE" | "EOVERFLOW";

/** A write the kernel refuses, with the file, the text, the reason and the errno. */
export class IrqAffinityError extends Error {
  override readonly name = "IrqAffinityError";

  constructor(
    readonly file: IrqAffinityFile,
    readonly text: string,
    readonly reason: string,
    readonly errno: IrqAffinityErrno,
    /** The rx queue (vector index) the write was for, when the caller knows it. */
    readonly queue: number | null = null,
  ) {
    super(`${queue === null ? "" : `queue ${queue}: `}${file} ${JSON.stringify(text)}: ${reason} (the kernel answers ${errno})`);
  }

  /** The same refusal, naming the queue. */
  forQueue(queue: number): IrqAffinityError {
    return new IrqAffinityError(this.file, this.text, this.reason, this.errno, queue);
  }
}

/** x86 has room for about 200 device vectors per CPU (0x20–0xeb less system vectors). */
export const DEFAULT_VECTORS_PER_CPU = 200;

/** ENOSPC: no online CPU of the mask has a free vector. */
export class VectorSpaceError extends Error {
  override readonly name = "VectorSpaceError";
  readonly errno = "ENOSPC";

  constructor(readonly mask: readonly number[]) {
    super(`no online CPU of [${mask.join(",")}] has a free vector (the kernel answers ENOSPC)`);
  }
}

function allOnline(cpus: number): number[] {
  return Array.from({ length: cpus }, (_, c) => c);
}

function requireOnline(file: IrqAffinityFile, text: string, selected: number[], online: readonly number[] | undefined): number[] {
  const onlineSet = online === undefined ? null : new Set(online);
  const hit = selected.some((cpu) => onlineSet === null || onlineSet.has(cpu));
  if (!hit) {
    throw new IrqAffinityError(file, text, selected.length === 0 ? "selects no CPU" : `selects no online CPU (${selected.join(",")} offline)`, "EINVAL");
  }
  return selected;
}

/**
 * Parse an `smp_affinity` write for a host with `cpus` CPUs (`nr_cpumask_bits`), `online` CPUs
 * (default all). Returns the selected CPUs, ascending (offline ones included, as the kernel keeps
 * them in the mask).
 *
 * @throws IrqAffinityError with the kernel's errno.
 */
export function parseSmpAffinity(text: string, cpus: number, online?: readonly number[]): number[] {
  let selected: number[];
  try {
    selected = parseCpuMask(text, cpus);
  } catch (error) {
    if (error instanceof CpuMaskError) throw new IrqAffinityError("smp_affinity", text, error.reason, error.errno);
    throw error;
  }
  return requireOnline("smp_affinity", text, selected, online);
}

/**
 * Parse an `smp_affinity_list` write (`0-3,8`, `0-7:1/2`). Same contract as `parseSmpAffinity`.
 *
 * @throws IrqAffinityError with the kernel's errno.
 */
export function parseSmpAffinityList(text: string, cpus: number, online?: readonly number[]): number[] {
  let selected: number[];
  try {
    selected = parseCpuList(text, cpus);
  } catch (error) {
    if (error instanceof CpuListError) throw new IrqAffinityError("smp_affinity_list", text, error.reason, error.errno);
    throw error;
  }
  return requireOnline("smp_affinity_list", text, selected, online);
}

export interface VectorMatrixOptions {
  /** Allocatable vectors per CPU; default `DEFAULT_VECTORS_PER_CPU`. */
  readonly perCpu?: number;
  /** Vectors already in use per CPU (other devices, legacy IRQs on CPU 0); default none. */
  readonly allocated?: ArrayLike<number>;
  /** Online CPUs; default all. */
  readonly online?: readonly number[];
}

/** Per-CPU vector counts of the x86 vector matrix (kernel/irq/matrix.c), for non-managed IRQs. */
export class VectorMatrix {
  readonly cpus: number;
  readonly perCpu: number;
  private readonly used: Int32Array;
  private readonly online: Uint8Array;

  constructor(cpus: number, options: VectorMatrixOptions = {}) {
    if (!Number.isInteger(cpus) || cpus < 1) throw new RangeError(`cpus must be a positive integer, got ${cpus}`);
    const perCpu = options.perCpu ?? DEFAULT_VECTORS_PER_CPU;
    if (!Number.isInteger(perCpu) || perCpu < 1) throw new RangeError(`perCpu must be a positive integer, got ${perCpu}`);
    this.cpus = cpus;
    this.perCpu = perCpu;
    this.used = new Int32Array(cpus);
    this.online = new Uint8Array(cpus);
    for (const cpu of options.online ?? allOnline(cpus)) {
      this.checkCpu(cpu);
      this.online[cpu] = 1;
    }
    if (options.allocated !== undefined) {
      if (options.allocated.length !== cpus) throw new RangeError(`allocated has ${options.allocated.length} entries for ${cpus} CPUs`);
      for (let c = 0; c < cpus; c++) {
        const n = options.allocated[c];
        if (!Number.isInteger(n) || n < 0 || n > perCpu) throw new RangeError(`allocated[${c}] = ${n} is not in 0..${perCpu}`);
        this.used[c] = n;
      }
    }
  }

  private checkCpu(cpu: number): void {
    if (!Number.isInteger(cpu) || cpu < 0 || cpu >= this.cpus) throw new RangeError(`CPU ${cpu} is not in 0..${this.cpus - 1}`);
  }

  /** Vectors allocated on `cpu`. */
  allocatedOn(cpu: number): number {
    this.checkCpu(cpu);
    return this.used[cpu];
  }

  /** Vectors still free on `cpu`. */
  available(cpu: number): number {
    this.checkCpu(cpu);
    return this.perCpu - this.used[cpu];
  }

  isOnline(cpu: number): boolean {
    this.checkCpu(cpu);
    return this.online[cpu] === 1;
  }

  /**
   * `matrix_find_best_cpu`: the online CPU of `mask` (ascending) with the most available
   * vectors, ties to the first; -1 when none has a free vector.
   */
  bestCpu(mask: readonly number[]): number {
    let best = -1;
    let bestAvailable = 0;
    let previous = -1;
    for (const cpu of mask) {
      this.checkCpu(cpu);
      if (cpu <= previous) throw new RangeError(`mask must be ascending without repeats, got [${mask.join(",")}]`);
      previous = cpu;
      const available = this.perCpu - this.used[cpu];
      if (this.online[cpu] === 0 || available <= bestAvailable) continue;
      best = cpu;
      bestAvailable = available;
    }
    return best;
  }

  /**
   * `irq_matrix_alloc`: allocate a vector on the best CPU of `mask` and return that CPU.
   *
   * @throws VectorSpaceError (ENOSPC) when no online CPU of the mask has a free vector.
   */
  allocate(mask: readonly number[]): number {
    const cpu = this.bestCpu(mask);
    if (cpu < 0) throw new VectorSpaceError(mask);
    this.used[cpu]++;
    return cpu;
  }

  /** Free one vector on `cpu`. */
  release(cpu: number): void {
    this.checkCpu(cpu);
    if (this.used[cpu] === 0) throw new RangeError(`CPU ${cpu} has no vector to release`);
    this.used[cpu]--;
  }

  /**
   * A new affinity for an interrupt delivered to `current`: it stays if `current` is online and
   * in `mask`; otherwise a vector is allocated in `mask` and the one on `current` released.
   * Returns the effective CPU.
   */
  retarget(current: number, mask: readonly number[]): number {
    this.checkCpu(current);
    if (this.online[current] === 1 && mask.includes(current)) return current;
    const cpu = this.allocate(mask);
    this.release(current);
    return cpu;
  }

  /**
   * First assignment of a non-managed interrupt (`assign_irq_vector_any_locked`): its affinity ∩
   * its device's node, then its affinity, then the node, then all online CPUs. `nodeCpus` null
   * = the device has no node. Returns the effective CPU.
   */
  activate(affinity: readonly number[], nodeCpus: readonly number[] | null): number {
    const tries: (readonly number[])[] = [];
    if (nodeCpus !== null) tries.push(affinity.filter((c) => nodeCpus.includes(c)));
    tries.push(affinity);
    if (nodeCpus !== null) tries.push(nodeCpus);
    tries.push(allOnline(this.cpus));
    for (const mask of tries) {
      const cpu = this.bestCpu(mask);
      if (cpu >= 0) {
        this.used[cpu]++;
        return cpu;
      }
    }
    throw new VectorSpaceError(affinity);
  }

  /** An independent copy. */
  clone(): VectorMatrix {
    const copy = new VectorMatrix(this.cpus, { perCpu: this.perCpu, online: [] });
    copy.used.set(this.used);
    copy.online.set(this.online);
    return copy;
  }
}

/**
 * Allocate one vector per mask, in order, and return each one's effective CPU. `matrix`
 * defaults to a fresh matrix of `cpus` idle CPUs (pass `cpus` or a matrix).
 */
export function placeVectors(masks: readonly (readonly number[])[], matrixOrCpus: VectorMatrix | number): Int32Array {
  const matrix = typeof matrixOrCpus === "number" ? new VectorMatrix(matrixOrCpus) : matrixOrCpus;
  const out = new Int32Array(masks.length);
  masks.forEach((mask, v) => (out[v] = matrix.allocate(mask)));
  return out;
}
