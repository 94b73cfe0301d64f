import { scan, type IrqbalanceState } from "../irq/irqbalance/daemon.js";
import type { Plan } from "./plan.js";

/** One change of the CPU that takes a rx queue's interrupt, during a run. */
export interface QueueIrqMove {
  /** Simulated time of the irqbalance scan that wrote the new affinity. */
  readonly timeNs: number;
  /** rx queue vector (NICs in order, queues in order). */
  readonly queue: number;
  readonly from: number;
  readonly to: number;
}

/** The daemon's time minus simulated time: it started one --interval before the run. */
function offsetNs(daemon: IrqbalanceState): number {
  return daemon.options.intervalS * 1e9;
}

/** Scans irqbalance did before the run (its first scan placed `plan.queueCpu`): 1, or 0 without it. */
export function scansBeforeRun(plan: Plan): number {
  return plan.irqbalance === null ? 0 : plan.irqbalance.cycle;
}

/** Whether irqbalance scans again before the run ends (the queue → CPU map may then change). */
export function rescansDuringRun(plan: Plan): boolean {
  const daemon = plan.irqbalance;
  return daemon !== null && daemon.nextScanNs !== null && daemon.nextScanNs - offsetNs(daemon) < plan.durationNs;
}

/**
 * irqbalance's timer in a run: every `--interval` of simulated time the engine calls `fire` with
 * its cumulative counters; the timer hands the daemon (irq/irqbalance/daemon.ts `scan`) each
 * CPU's irq + softirq time and each IRQ's interrupt count since the previous scan, and records
 * the moves the daemon writes. Applying them is the engine's job. Cold: runs once per interval.
 *
 * The CPU time is the engine's busy time (all of a simulated CPU's work is hard IRQ or softirq),
 * which counts from the end of the warm-up: a scan before it sees no load. A work item running
 * across the scan time counts whole, at the scan it started before.
 */
export class IrqbalanceTimer {
  /** Simulated time of the next scan; Infinity once the daemon has exited (oneshot). */
  dueNs: number;
  /** Scans so far, the first one (before the run) included. */
  scans: number;
  readonly moves: QueueIrqMove[] = [];
  private daemon: IrqbalanceState;
  private readonly offset: number;
  private readonly lastBusy: Float64Array;
  private readonly lastIrqs: Float64Array;
  private readonly cpuIrqNs: Float64Array;
  private readonly irqCounts: Float64Array;

  constructor(daemon: IrqbalanceState, cpus: number, queues: number) {
    this.daemon = daemon;
    this.offset = offsetNs(daemon);
    this.scans = daemon.cycle;
    this.dueNs = daemon.nextScanNs === null ? Infinity : daemon.nextScanNs - this.offset;
    this.lastBusy = new Float64Array(cpus);
    this.lastIrqs = new Float64Array(queues);
    this.cpuIrqNs = new Float64Array(cpus);
    this.irqCounts = new Float64Array(queues);
  }

  /**
   * The scan due now. `cpuBusyNs` and `queueIrqs` are the engine's cumulative counters. Returns
   * the index in `moves` of this scan's first move (its moves are the rest of the list).
   */
  fire(cpuBusyNs: Float64Array, queueIrqs: Float64Array): number {
    for (let c = 0; c < this.cpuIrqNs.length; c++) {
      this.cpuIrqNs[c] = Math.max(0, cpuBusyNs[c] - this.lastBusy[c]);
      this.lastBusy[c] = cpuBusyNs[c];
    }
    for (let q = 0; q < this.irqCounts.length; q++) {
      this.irqCounts[q] = queueIrqs[q] - this.lastIrqs[q];
      this.lastIrqs[q] = queueIrqs[q];
    }
    const first = this.moves.length;
    const result = scan(this.daemon, { timeNs: this.dueNs + this.offset, cpuIrqNs: this.cpuIrqNs, irqCounts: this.irqCounts });
    this.daemon = result.state;
    this.scans++;
    for (const move of result.moves) {
      // The daemon balances every vector of the device; only an rx queue's vector moves rx work.
      const record = result.state.irqs.find((r) => r.irq === move.irq);
      if (record === undefined || record.index >= result.state.rxVectors) continue;
      this.moves.push({ timeNs: this.dueNs, queue: record.index, from: move.from, to: move.to });
    }
    this.dueNs = result.state.nextScanNs === null ? Infinity : result.state.nextScanNs - this.offset;
    return first;
  }
}
