/**
 * irqbalance as a pure state machine: `initIrqbalance` is the daemon starting (tree built, every
 * balanced IRQ marked for placement, first /proc/interrupts and /proc/stat reading), `placeAll`
 * is its first scan one interval later, `scan` every later one. Time is passed in; nothing is
 * read from a clock. A scan never changes the state it is given: it returns a new one.
 *
 * One scan (irqbalance.c `scan`):
 * 1. read /proc/stat: each unbanned CPU's irq + softirq time, in USER_HZ ticks of the
 *    cumulative time (so a CPU with less than 10 ms of it per interval shows no load), × 10⁹ /
 *    USER_HZ ns; the first scan only takes the reading (all loads 0);
 * 2. read /proc/interrupts: each IRQ's count since the previous scan;
 * 3. loads (load.ts); from the second scan on, choose IRQs to move (migrate.ts);
 * 4. place the rebalance list (place.ts);
 * 5. write `smp_affinity` = the chosen object's CPUs for each placed IRQ, unless the kernel
 *    already has that mask; the kernel then delivers it per the x86 rule (affinity.ts
 *    `VectorMatrix.retarget`: a single CPU for core-level IRQs, or stays put if its CPU is in a
 *    wider mask);
 * 6. `--oneshot`: stop. Otherwise the next scan is due `--interval` seconds later.
 * A daemon on a host with one CPU exits at start ("balancing is ineffective").
 *
 * The IRQs are given in any order (the scenario layer puts the rx queue vectors first, in queue
 * order: `rxVectors` of them); `order` is the order the daemon discovers them (its tie order on
 * equal class and load is "later record first"; default the input order). CPUs and nodes are
 * visited in the order `options.listing` gives (irqbalance/listing.ts: kernfs hash order by
 * default). Assumptions where the real daemon depends on things nicsim does not have: the
 * counters start at 0 when the daemon starts; CPU hotplug, rescans (SIGHUP), policy scripts and
 * ENOSPC retries are not modelled (a write the vector allocator refuses leaves the IRQ where it
 * was); the vector counts are those of the listed IRQs only.
 */
import { VectorMatrix, VectorSpaceError } from "../affinity.js";
import type { CpuTopology } from "../topology.js";
import { classLevel, classRank, isIrqClass, type IrqClass } from "./classes.js";
import { computeLoads } from "./load.js";
import { updateMigrationStatus } from "./migrate.js";
import { resolveIrqbalanceOptions, type IrqbalanceOptions, type ResolvedIrqbalanceOptions } from "./options.js";
import { cpuVisitOrder, nodeListOrder } from "./listing.js";
import { calculatePlacement } from "./place.js";
import { buildBalanceTree, type BalanceTree } from "./tree.js";
import type { IrqRecord, Work } from "./work.js";

const NS_PER_S = 1_000_000_000;

/** One interrupt the daemon may balance. */
export interface IrqbalanceIrq {
  /** Linux IRQ number (unique). */
  readonly irq: number;
  /** Its effective CPU before the daemon starts. */
  readonly cpu: number;
  /** Its `smp_affinity` before the daemon starts, ascending; default every CPU. */
  readonly mask?: readonly number[];
  /** Default `ethernet` (a NIC queue). */
  readonly class?: IrqClass;
  /** Its device's NUMA node; default the topology's `nicNode`. */
  readonly node?: number;
}

export interface IrqbalanceInput {
  readonly topology: CpuTopology;
  /** The IRQs; the first `rxVectors` are the rx queue vectors, in queue order. */
  readonly irqs: readonly IrqbalanceIrq[];
  /** Indices into `irqs` in the order the daemon discovers them; default the input order. */
  readonly order?: readonly number[];
  /** How many leading IRQs of `irqs` are rx queue vectors (`cpuOf`); default all. */
  readonly rxVectors?: number;
  /**
   * Indices into `irqs` by ascending heap address of the daemon's records: the order the sort
   * falls back on when class and load tie (every IRQ on the first scan). Default: the discovery
   * order, i.e. rising addresses — what a heap without reusable free chunks gives. The real order
   * is where glibc's malloc put each `calloc(sizeof(struct irq_info))`: records fill the smallest
   * free chunk that fits first (gaps left by the daemon's own freed stdio buffers, directory
   * streams and temporary records), so it depends on every earlier allocation of the process —
   * the /proc/interrupts line count and lengths, the CPU tree, other devices, library versions —
   * and no rule over the scenario can give it (README, "Checked against the daemon itself").
   */
  readonly heapOrder?: readonly number[];
  readonly options?: IrqbalanceOptions;
  /** When the daemon starts; default 0. */
  readonly startNs?: number;
}

/** What happened since the previous scan (or the start). */
export interface IrqbalanceSample {
  /** The scan's time: `state.nextScanNs`, normally. */
  readonly timeNs: number;
  /** Per CPU id (all CPUs): irq + softirq time in ns since the previous sample. */
  readonly cpuIrqNs: ArrayLike<number>;
  /**
   * Per IRQ (input order): interrupts since the previous sample. A caller that sees only rx
   * interrupts (the engine) may give the first `rxVectors` entries only; the other vectors then
   * count 0.
   */
  readonly irqCounts: ArrayLike<number>;
}

/** One `smp_affinity` write that changed where an IRQ is delivered. */
export interface IrqMove {
  readonly timeNs: number;
  /** Linux IRQ number. */
  readonly irq: number;
  readonly from: number;
  readonly to: number;
}

/** The daemon between scans. Treat every field as read-only. */
export interface IrqbalanceState {
  readonly topology: CpuTopology;
  readonly options: ResolvedIrqbalanceOptions;
  readonly tree: BalanceTree;
  readonly irqs: readonly IrqRecord[];
  /** Input indices in discovery order. */
  readonly order: readonly number[];
  /** The leading IRQs that are rx queue vectors. */
  readonly rxVectors: number;
  /** Completed scans (the daemon's cycle_count). */
  readonly cycle: number;
  readonly lastScanNs: number;
  /** When the next scan is due; null once the daemon has exited. */
  readonly nextScanNs: number | null;
  /** Why the daemon exited (`oneshot`, `single-cpu`), or null while it runs. */
  readonly exited: "oneshot" | "single-cpu" | null;
  /** Effective CPU per IRQ (input order). */
  readonly irqCpu: Int32Array;
  /** Effective CPU per rx queue vector (the first `rxVectors` IRQs): where rx work is charged. */
  readonly cpuOf: Int32Array;
  /** `smp_affinity` per IRQ, ascending. */
  readonly maskOf: readonly (readonly number[])[];
  readonly assigned: Int32Array;
  readonly moved: Uint8Array;
  readonly objIrqs: readonly (readonly number[])[];
  readonly rebalance: readonly number[];
  readonly irqLoad: Float64Array;
  readonly powersave: Uint8Array;
  /** Per CPU: cumulative irq + softirq ns since the start, and the ticks read at the last scan. */
  readonly cumCpuNs: Float64Array;
  readonly lastTicks: Float64Array;
  readonly vectors: VectorMatrix;
}

export interface IrqbalanceScan {
  readonly state: IrqbalanceState;
  /** This scan's moves, in the order the daemon wrote them. */
  readonly moves: readonly IrqMove[];
  /** Effective CPU per IRQ after the scan. */
  readonly cpuOfIrq: Int32Array;
  /** Per CPU id: the load the daemon measured (ns); NaN for banned CPUs. */
  readonly cpuLoadNs: Float64Array;
  /** Per IRQ: the load the daemon estimated (ns, ≥ 1 for IRQs it tracks). */
  readonly irqLoad: Float64Array;
  /** IRQ numbers selected for rebalancing this scan (placeAll: every balanced IRQ). */
  readonly selected: readonly number[];
  /** CPUs in powersave after the scan. */
  readonly powersaveCpus: readonly number[];
}

/** The sample, the state or the IRQ list is not one the daemon could see. */
export class IrqbalanceInputError extends Error {
  override readonly name = "IrqbalanceInputError";

  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

function sameCpus(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((c, k) => c === b[k]);
}

/** The daemon starts: build the tree, classify the IRQs, take the first readings. */
export function initIrqbalance(input: IrqbalanceInput): IrqbalanceState {
  const { topology } = input;
  const options = resolveIrqbalanceOptions(input.options ?? {}, topology);
  const tree = buildBalanceTree(topology, options.bannedCpus, options.deepestCache, {
    cpuOrder: cpuVisitOrder(topology, options.listing),
    nodeOrder: nodeListOrder(topology, options.listing),
  });
  const n = topology.cpus.length;
  const startNs = input.startNs ?? 0;
  if (!Number.isFinite(startNs) || startNs < 0) throw new IrqbalanceInputError("startNs", `must be a non-negative number of ns, got ${startNs}`);
  const banned = new Set(options.bannedIrqs);
  const nIrqs = input.irqs.length;
  const order = input.order === undefined ? Array.from({ length: nIrqs }, (_, i) => i) : [...input.order];
  const foundAt = new Array<number>(nIrqs).fill(-1);
  order.forEach((i, k) => {
    if (!Number.isInteger(i) || i < 0 || i >= nIrqs || foundAt[i] >= 0) {
      throw new IrqbalanceInputError("order", `must list every IRQ index 0-${nIrqs - 1} once, got [${order.join(",")}]`);
    }
    foundAt[i] = k;
  });
  if (order.length !== nIrqs) throw new IrqbalanceInputError("order", `lists ${order.length} IRQs of ${nIrqs}`);
  const heapRank = new Array<number>(nIrqs).fill(-1);
  const heapOrder = input.heapOrder ?? order;
  heapOrder.forEach((i, k) => {
    if (!Number.isInteger(i) || i < 0 || i >= nIrqs || heapRank[i] >= 0) {
      throw new IrqbalanceInputError("heapOrder", `must list every IRQ index 0-${nIrqs - 1} once, got [${heapOrder.join(",")}]`);
    }
    heapRank[i] = k;
  });
  if (heapOrder.length !== nIrqs) throw new IrqbalanceInputError("heapOrder", `lists ${heapOrder.length} IRQs of ${nIrqs}`);
  const rxVectors = input.rxVectors ?? nIrqs;
  if (!Number.isInteger(rxVectors) || rxVectors < 0 || rxVectors > nIrqs) {
    throw new IrqbalanceInputError("rxVectors", `must be an integer in 0..${nIrqs}, got ${rxVectors}`);
  }
  const seen = new Set<number>();
  const irqs: IrqRecord[] = [];
  const irqCpu = new Int32Array(input.irqs.length);
  const maskOf: number[][] = [];
  const allCpus = Array.from({ length: n }, (_, c) => c);
  input.irqs.forEach((spec, index) => {
    const at = `irqs[${index}]`;
    if (!Number.isInteger(spec.irq) || spec.irq < 0) throw new IrqbalanceInputError(`${at}.irq`, `must be a non-negative integer, got ${spec.irq}`);
    if (seen.has(spec.irq)) throw new IrqbalanceInputError(`${at}.irq`, `IRQ ${spec.irq} is listed twice`);
    seen.add(spec.irq);
    if (!Number.isInteger(spec.cpu) || spec.cpu < 0 || spec.cpu >= n) {
      throw new IrqbalanceInputError(`${at}.cpu`, `${spec.cpu} is not a CPU of this host (0-${n - 1})`);
    }
    const cls = spec.class ?? "ethernet";
    if (!isIrqClass(cls)) throw new IrqbalanceInputError(`${at}.class`, `${JSON.stringify(cls)} is not an irqbalance class`);
    const node = spec.node ?? topology.nicNode;
    if (node !== -1 && !topology.nodes.includes(node)) throw new IrqbalanceInputError(`${at}.node`, `${node} is not -1 or a NUMA node of this host`);
    const mask = spec.mask === undefined ? allCpus : [...spec.mask];
    mask.forEach((c, k) => {
      if (!Number.isInteger(c) || c < 0 || c >= n || (k > 0 && c <= mask[k - 1])) {
        throw new IrqbalanceInputError(`${at}.mask`, `must be ascending CPU ids of this host, got [${mask.join(",")}]`);
      }
    });
    if (mask.length === 0) throw new IrqbalanceInputError(`${at}.mask`, "selects no CPU");
    const isBanned = banned.has(spec.irq);
    irqs.push({ index, found: foundAt[index], heapRank: heapRank[index], irq: spec.irq, cls, rank: classRank(cls), level: isBanned ? "none" : classLevel(cls), node, banned: isBanned });
    irqCpu[index] = spec.cpu;
    maskOf.push(mask);
  });
  const allocated = new Array<number>(n).fill(0);
  for (const cpu of irqCpu) allocated[cpu]++;
  const single = n <= 1;
  return {
    topology,
    options,
    tree,
    irqs,
    order,
    rxVectors,
    cycle: 0,
    lastScanNs: startNs,
    nextScanNs: single ? null : startNs + options.intervalS * NS_PER_S,
    exited: single ? "single-cpu" : null,
    irqCpu,
    cpuOf: irqCpu.slice(0, rxVectors),
    maskOf,
    assigned: new Int32Array(irqs.length).fill(-1),
    moved: new Uint8Array(irqs.length),
    objIrqs: tree.objects.map(() => []),
    rebalance: order.filter((i) => irqs[i].level !== "none"),
    irqLoad: new Float64Array(irqs.length),
    powersave: new Uint8Array(tree.objects.length),
    cumCpuNs: new Float64Array(n),
    lastTicks: new Float64Array(n),
    vectors: new VectorMatrix(n, { allocated, perCpu: Math.max(200, ...allocated) }),
  };
}

function checkSample(state: IrqbalanceState, sample: IrqbalanceSample): void {
  const n = state.topology.cpus.length;
  if (!Number.isFinite(sample.timeNs) || sample.timeNs <= state.lastScanNs) {
    throw new IrqbalanceInputError("timeNs", `${sample.timeNs} is not after the previous scan at ${state.lastScanNs} ns`);
  }
  if (sample.cpuIrqNs.length !== n) throw new IrqbalanceInputError("cpuIrqNs", `has ${sample.cpuIrqNs.length} entries for ${n} CPUs`);
  for (let c = 0; c < n; c++) {
    const v = sample.cpuIrqNs[c];
    if (!Number.isFinite(v) || v < 0) throw new IrqbalanceInputError(`cpuIrqNs[${c}]`, `must be a non-negative number of ns, got ${v}`);
  }
  if (sample.irqCounts.length !== state.irqs.length && sample.irqCounts.length !== state.rxVectors) {
    const rx = state.rxVectors === state.irqs.length ? "" : ` (or ${state.rxVectors} rx queue vectors)`;
    throw new IrqbalanceInputError("irqCounts", `has ${sample.irqCounts.length} entries for ${state.irqs.length} IRQs${rx}`);
  }
  for (let i = 0; i < sample.irqCounts.length; i++) {
    const v = sample.irqCounts[i];
    if (!Number.isInteger(v) || v < 0) throw new IrqbalanceInputError(`irqCounts[${i}]`, `must be a non-negative integer, got ${v}`);
  }
}

/** The first scan: place every balanced IRQ (loads are all 0, so they spread by count). */
export function placeAll(state: IrqbalanceState, sample: IrqbalanceSample): IrqbalanceScan {
  if (state.cycle !== 0) throw new IrqbalanceInputError("state", `placeAll is the first scan; this daemon has done ${state.cycle}`);
  return scan(state, sample);
}

/** One scan at `sample.timeNs`. */
export function scan(state: IrqbalanceState, sample: IrqbalanceSample): IrqbalanceScan {
  if (state.nextScanNs === null) throw new IrqbalanceInputError("state", `the daemon has exited (${state.exited})`);
  checkSample(state, sample);
  const { tree, topology, options } = state;
  const n = topology.cpus.length;
  const work: Work = {
    tree,
    version: options.version,
    irqs: state.irqs,
    objLoad: new Float64Array(tree.objects.length),
    objIrqs: state.objIrqs.map((l) => [...l]),
    powersave: state.powersave.slice(),
    assigned: state.assigned.slice(),
    moved: state.moved.slice(),
    irqLoad: state.irqLoad.slice(),
    rebalance: [...state.rebalance],
  };
  // /proc/stat: cumulative ticks; the load is the tick difference, from the second scan on.
  const nsPerTick = Math.floor(NS_PER_S / options.userHz);
  const cumCpuNs = state.cumCpuNs.slice();
  const lastTicks = state.lastTicks.slice();
  const cpuLoadNs = new Float64Array(n).fill(Number.NaN);
  for (let cpu = 0; cpu < n; cpu++) {
    cumCpuNs[cpu] += sample.cpuIrqNs[cpu];
    const o = tree.objectOfCpu[cpu];
    if (o < 0) continue;
    const ticks = Math.floor(cumCpuNs[cpu] / nsPerTick);
    const load = state.cycle > 0 ? (ticks - lastTicks[cpu]) * nsPerTick : 0;
    work.objLoad[o] = load;
    cpuLoadNs[cpu] = load;
    lastTicks[cpu] = ticks;
  }
  const counts = new Float64Array(state.irqs.length);
  for (let i = 0; i < sample.irqCounts.length; i++) counts[i] = sample.irqCounts[i];
  computeLoads(work, counts);
  const before = new Set(work.rebalance);
  if (state.cycle > 0) updateMigrationStatus(work, { migrateVal: options.migrateVal, powerThresh: options.powerThresh, cycle: state.cycle });
  const selected = work.rebalance.filter((i) => state.cycle === 0 || !before.has(i)).map((i) => state.irqs[i].irq);
  calculatePlacement(work);

  // Activation, in discovery order (activate_mappings walks the IRQ database).
  const vectors = state.vectors.clone();
  const cpuOf = state.irqCpu.slice();
  const maskOf = [...state.maskOf];
  const moves: IrqMove[] = [];
  for (const i of state.order) {
    const o = work.assigned[i];
    if (work.moved[i] === 0 || o < 0) continue;
    work.moved[i] = 0;
    const mask = tree.objects[o].cpus;
    if (sameCpus(mask, maskOf[i])) continue;
    let to: number;
    try {
      to = vectors.retarget(cpuOf[i], mask);
    } catch (error) {
      if (error instanceof VectorSpaceError) continue;
      throw error;
    }
    maskOf[i] = mask;
    if (to !== cpuOf[i]) moves.push({ timeNs: sample.timeNs, irq: state.irqs[i].irq, from: cpuOf[i], to });
    cpuOf[i] = to;
  }
  const stop = options.oneshot;
  const next: IrqbalanceState = {
    ...state,
    cycle: state.cycle + 1,
    lastScanNs: sample.timeNs,
    nextScanNs: stop ? null : sample.timeNs + options.intervalS * NS_PER_S,
    exited: stop ? "oneshot" : null,
    irqCpu: cpuOf,
    cpuOf: cpuOf.slice(0, state.rxVectors),
    maskOf,
    assigned: work.assigned,
    moved: work.moved,
    objIrqs: work.objIrqs,
    rebalance: work.rebalance,
    irqLoad: work.irqLoad,
    powersave: work.powersave,
    cumCpuNs,
    lastTicks,
    vectors,
  };
  const powersaveCpus = tree.cpus.filter((o) => work.powersave[o] === 1).map((o) => tree.objects[o].number);
  return { state: next, moves, cpuOfIrq: cpuOf.slice(), cpuLoadNs, irqLoad: work.irqLoad.slice(), selected, powersaveCpus };
}

/** Where each IRQ is delivered now (input order). */
export function irqCpus(state: IrqbalanceState): Int32Array {
  return state.irqCpu.slice();
}
