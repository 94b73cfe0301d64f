/**
 * Which IRQs to move (irqlist.c `update_migration_status`), run from the second scan on, over
 * the CPUs, then the cache domains, the packages, the nodes. For each level:
 *
 * 1. min_load, avg = ⌊total / n⌋ and the sample std-dev √⌊Σ(load − avg)² / (n − 1)⌋ (0 for one
 *    object) of the objects' loads;
 * 2. each object with load > min_load and more than one IRQ sorts its IRQs (class, load, high →
 *    low) and, starting from adj = its load, selects each IRQ that is balanced (level ≠ none),
 *    whose object still holds more than one IRQ and whose load is > 1, if
 *       min_load + irq.load < delta + (adj − irq.load),  delta = ⌊(adj − min_load) / migrateval⌋
 *    (0 without `--migrateval`) — moving it to the least-loaded object would not reverse the
 *    imbalance. On selection adj −= irq.load, min_load += irq.load (capped at adj), and the IRQ
 *    leaves its object for the rebalance list. min_load carries over to the next object of the
 *    same level: one overloaded CPU "uses up" the idle one.
 * 3. Powersave (`--powerthresh`, CPUs only, after more than 5 scans): an object is under if
 *    load + σ ≤ avg and over if load − σ ≥ avg. With no CPU over, at least powerthresh under and
 *    an under CPU not yet in powersave, the first such CPU enters powersave and all its IRQs go to
 *    the rebalance list; any CPU over while some are in powersave takes every CPU out of it.
 *
 * The squared deviations sum in uint64 (wrapping as the daemon's do); σ is taken in double
 * precision where the daemon uses long double — it only feeds the powersave counts.
 */
import { compareIrqs, migrateIrq, type Work } from "./work.js";

export interface MigrationOptions {
  readonly migrateVal: number;
  readonly powerThresh: number | null;
  /** The daemon's cycle counter (0 on the first scan). */
  readonly cycle: number;
}

interface PassInfo {
  numOver: number;
  numUnder: number;
  numPowersave: number;
  powersave: number;
}

const U64 = 64;

/** The subtraction `a − b` of two uint64 values, wrapping (as a double). */
function u64sub(a: number, b: number): number {
  return a >= b ? a - b : a - b + 2 ** U64;
}

function pass(work: Work, list: readonly number[], options: MigrationOptions): PassInfo {
  const { objLoad, objIrqs, powersave, irqs, irqLoad } = work;
  let min = 0;
  let total = 0;
  let sources = 0;
  for (const o of list) {
    if (sources === 0 || objLoad[o] < min) min = objLoad[o];
    total += objLoad[o];
    sources++;
  }
  if (sources === 0) sources = 1;
  const avg = Math.floor(total / sources);
  let deviations = 0n;
  for (const o of list) {
    const d = BigInt(Math.abs(objLoad[o] - avg));
    deviations = BigInt.asUintN(U64, deviations + d * d);
  }
  const sd = sources === 1 ? 0 : Math.sqrt(Number(deviations / BigInt(sources - 1)));
  const info: PassInfo = { numOver: 0, numUnder: 0, numPowersave: 0, powersave: -1 };
  for (const o of list) {
    const load = objLoad[o];
    if (powersave[o] === 1) info.numPowersave++;
    if (load + sd <= avg) {
      info.numUnder++;
      if (options.powerThresh !== null && info.powersave < 0 && powersave[o] === 0) info.powersave = o;
    } else if (load - sd >= avg) info.numOver++;
    if (load > min && objIrqs[o].length > 1) {
      objIrqs[o].sort((a, b) => compareIrqs(work, a, b));
      let adj = load;
      for (const i of [...objIrqs[o]]) {
        if (irqs[i].level === "none") continue;
        if (objIrqs[work.assigned[i]].length <= 1) continue;
        const l = irqLoad[i];
        if (l <= 1) continue;
        const delta = options.migrateVal > 0 ? Math.floor(u64sub(adj, min) / options.migrateVal) : 0;
        if (min + l < delta + u64sub(adj, l)) {
          adj -= l;
          min += l;
          if (min > adj) min = adj;
          migrateIrq(work, i, -1);
        }
      }
    }
  }
  return info;
}

/** Select IRQs to move into `work.rebalance`; update powersave. */
export function updateMigrationStatus(work: Work, options: MigrationOptions): void {
  const { tree, powersave, objIrqs } = work;
  const cpuInfo = pass(work, tree.cpus, options);
  if (options.powerThresh !== null && options.cycle > 5) {
    if (cpuInfo.numOver === 0 && cpuInfo.numUnder >= options.powerThresh && cpuInfo.powersave >= 0) {
      const cpu = cpuInfo.powersave;
      powersave[cpu] = 1;
      for (const i of [...objIrqs[cpu]]) migrateIrq(work, i, -1);
    } else if (cpuInfo.numOver > 0 && cpuInfo.numPowersave > 0) {
      for (const o of tree.cpus) powersave[o] = 0;
    }
  }
  pass(work, tree.caches, options);
  pass(work, tree.packages, options);
  pass(work, tree.nodes, options);
}
