/**
 * The kernel's net DIM (adaptive-rx) per rx queue: after each NAPI poll that completes, the
 * driver hands DIM the queue's interrupt, packet and byte counters; every DIM_NEVENTS interrupts
 * DIM compares the window's rates with the previous window's and steps the queue's profile index
 * (lib/dim/net_dim.c: net_dim, net_dim_decision, net_dim_step, net_dim_stats_compare;
 * lib/dim/dim.c: dim_calc_stats, dim_on_top, dim_turn, dim_park_on_top, dim_park_tired;
 * include/linux/dim.h). The profile's (usec, pkts) is the queue's rx-usecs/rx-frames from then
 * on. docs/coalescing.md, section 2.
 *
 * As in the kernel, the state starts zeroed (struct dim is allocated zeroed by the drivers):
 * measuring not started, tune state "parking on top", profile index 0, no previous rates. The
 * queue keeps its configured moderation until DIM's first change. The driver's work item that
 * applies a new profile (dim->work) is taken to run at once: the profile applies at the decision
 * and the next sample starts a new window (DIM_START_MEASURE).
 */
import type { DimProfileTable } from "../config/sections/coalesce.js";

/** include/linux/dim.h: interrupts per measurement window. */
export const DIM_NEVENTS = 64;

/** One rx profile: rx-usecs (µs) and rx-frames. */
export interface DimProfile {
  readonly usec: number;
  readonly pkts: number;
}

/** lib/dim/net_dim.c: NET_DIM_RX_EQE_PROFILES and NET_DIM_RX_CQE_PROFILES (NET_DIM_PARAMS_NUM_PROFILES = 5). */
export const NET_DIM_RX_PROFILES: Readonly<Record<DimProfileTable, readonly DimProfile[]>> = {
  eqe: [
    { usec: 1, pkts: 256 },
    { usec: 8, pkts: 256 },
    { usec: 64, pkts: 256 },
    { usec: 128, pkts: 256 },
    { usec: 256, pkts: 256 },
  ],
  cqe: [
    { usec: 2, pkts: 256 },
    { usec: 8, pkts: 128 },
    { usec: 16, pkts: 64 },
    { usec: 32, pkts: 64 },
    { usec: 64, pkts: 64 },
  ],
};

const NUM_PROFILES = 5;

// dim->state
const START_MEASURE = 0;
const MEASURE_IN_PROGRESS = 1;
// dim->tune_state (enum dim_tune_state, in its order)
export const PARKING_ON_TOP = 0;
export const PARKING_TIRED = 1;
export const GOING_RIGHT = 2;
export const GOING_LEFT = 3;
// net_dim_step
const STEPPED = 0;
const TOO_TIRED = 1;
const ON_EDGE = 2;
// net_dim_stats_compare
const WORSE = 0;
const SAME = 1;
const BETTER = 2;

/** A window's rates (struct dim_stats): per millisecond, rounded up. */
interface Rates {
  ppms: number;
  bpms: number;
  epms: number;
}

/** IS_SIGNIFICANT_DIFF (include/linux/dim.h): more than 10% of the reference, in integer arithmetic. */
function significant(val: number, ref: number): boolean {
  return ref !== 0 && Math.floor((100 * Math.abs(val - ref)) / ref) > 10;
}

function compare(curr: Rates, prev: Rates): number {
  if (prev.bpms === 0) return curr.bpms !== 0 ? BETTER : SAME;
  if (significant(curr.bpms, prev.bpms)) return curr.bpms > prev.bpms ? BETTER : WORSE;
  if (prev.ppms === 0) return curr.ppms !== 0 ? BETTER : SAME;
  if (significant(curr.ppms, prev.ppms)) return curr.ppms > prev.ppms ? BETTER : WORSE;
  if (prev.epms === 0) return SAME;
  if (significant(curr.epms, prev.epms)) return curr.epms < prev.epms ? BETTER : WORSE;
  return SAME;
}

/** DIV_ROUND_UP of a u32 product (npkts * USEC_PER_MSEC wraps at 2^32 in the kernel too). */
function perMs(count: number, deltaUs: number): number {
  return Math.ceil(((count * 1000) >>> 0) / deltaUs);
}

/** The DIM state of every rx queue of the run (queues without adaptive-rx carry it unused). */
export class NetDim {
  /** Interrupts per queue (the driver's event counter), counted by the engine's hard IRQs. */
  readonly events: Float64Array;
  /** Packets and bytes the driver received per queue (its rq stats), counted by the engine's polls. */
  readonly pkts: Float64Array;
  readonly bytes: Float64Array;
  /** Per queue: its profile table, or null without adaptive-rx. */
  private readonly table: readonly (readonly DimProfile[] | null)[];
  private readonly state: Uint8Array;
  readonly tuneState: Uint8Array;
  readonly profileIx: Uint8Array;
  private readonly stepsLeft: Uint8Array;
  private readonly stepsRight: Uint8Array;
  private readonly tired: Uint8Array;
  private readonly startEvents: Float64Array;
  private readonly startPkts: Float64Array;
  private readonly startBytes: Float64Array;
  private readonly startTime: Float64Array;
  private readonly prev: Rates[];
  /** The profile changes so far, in time order (the engine records them: counters.ts dimChanges). */
  readonly log: { timeNs: number; queue: number; profile: number; rxUsecs: number; rxFrames: number }[] = [];

  constructor(tables: readonly (DimProfileTable | null)[]) {
    const n = tables.length;
    this.table = tables.map((t) => (t === null ? null : NET_DIM_RX_PROFILES[t]));
    this.events = new Float64Array(n);
    this.pkts = new Float64Array(n);
    this.bytes = new Float64Array(n);
    this.state = new Uint8Array(n);
    this.tuneState = new Uint8Array(n);
    this.profileIx = new Uint8Array(n);
    this.stepsLeft = new Uint8Array(n);
    this.stepsRight = new Uint8Array(n);
    this.tired = new Uint8Array(n);
    this.startEvents = new Float64Array(n);
    this.startPkts = new Float64Array(n);
    this.startBytes = new Float64Array(n);
    this.startTime = new Float64Array(n);
    this.prev = Array.from({ length: n }, () => ({ ppms: 0, bpms: 0, epms: 0 }));
  }

  /**
   * The profile changes by time, then queue: CPUs that run ahead of each other log them in
   * another order than the step-by-step engine, so the order is fixed here.
   */
  changesInTimeOrder(): typeof this.log {
    return [...this.log].sort((a, b) => a.timeNs - b.timeNs || a.queue - b.queue);
  }

  /**
   * net_dim for queue q at time `now` (ns), with the queue's counters: returns the new profile
   * when the decision changed it (the driver applies it), else null.
   */
  sample(q: number, now: number): DimProfile | null {
    const events = this.events[q];
    const table = this.table[q];
    if (table === null) return null;
    if (this.state[q] === MEASURE_IN_PROGRESS) {
      // BIT_GAP over the u16 event counter.
      const nevents = (events - this.startEvents[q]) % 65536;
      if (nevents < DIM_NEVENTS) return null;
      // ktime_us_delta: whole microseconds.
      const deltaUs = Math.trunc((now - this.startTime[q]) / 1000) >>> 0;
      if (deltaUs !== 0) {
        const curr: Rates = {
          ppms: perMs((this.pkts[q] - this.startPkts[q]) % 4294967296, deltaUs),
          bpms: perMs((this.bytes[q] - this.startBytes[q]) % 4294967296, deltaUs),
          epms: perMs(DIM_NEVENTS, deltaUs),
        };
        if (this.decide(q, curr)) {
          // dim->work applies it and sets DIM_START_MEASURE: the next sample opens a window.
          this.state[q] = START_MEASURE;
          return table[this.profileIx[q]] ?? null;
        }
      } else return null;
    }
    this.startEvents[q] = events;
    this.startPkts[q] = this.pkts[q];
    this.startBytes[q] = this.bytes[q];
    this.startTime[q] = now;
    this.state[q] = MEASURE_IN_PROGRESS;
    return null;
  }

  /** net_dim_decision: whether the profile index changed. */
  private decide(q: number, curr: Rates): boolean {
    const prevState = this.tuneState[q];
    const prevIx = this.profileIx[q];
    switch (prevState) {
      case PARKING_ON_TOP:
        if (compare(curr, this.prev[q]) !== SAME) this.exitParking(q);
        break;
      case PARKING_TIRED:
        this.tired[q]--;
        if (this.tired[q] === 0) this.exitParking(q);
        break;
      default: {
        if (compare(curr, this.prev[q]) !== BETTER) this.turn(q);
        if (this.onTop(q)) {
          this.parkOnTop(q);
          break;
        }
        const step = this.step(q);
        if (step === ON_EDGE) this.parkOnTop(q);
        else if (step === TOO_TIRED) this.parkTired(q);
      }
    }
    if (prevState !== PARKING_ON_TOP || this.tuneState[q] !== PARKING_ON_TOP) this.prev[q] = curr;
    return this.profileIx[q] !== prevIx;
  }

  /** net_dim_step. */
  private step(q: number): number {
    if (this.tired[q] === NUM_PROFILES * 2) return TOO_TIRED;
    const s = this.tuneState[q];
    if (s === GOING_RIGHT) {
      if (this.profileIx[q] === NUM_PROFILES - 1) return ON_EDGE;
      this.profileIx[q]++;
      this.stepsRight[q]++;
    } else if (s === GOING_LEFT) {
      if (this.profileIx[q] === 0) return ON_EDGE;
      this.profileIx[q]--;
      this.stepsLeft[q]++;
    }
    this.tired[q]++;
    return STEPPED;
  }

  /** net_dim_exit_parking: head away from the edge it is on, one step. */
  private exitParking(q: number): void {
    this.tuneState[q] = this.profileIx[q] !== 0 ? GOING_LEFT : GOING_RIGHT;
    this.step(q);
  }

  /** dim_on_top: having turned back after more than one step, one step has brought it back. */
  private onTop(q: number): boolean {
    const s = this.tuneState[q];
    if (s === PARKING_ON_TOP || s === PARKING_TIRED) return true;
    if (s === GOING_RIGHT) return this.stepsLeft[q] > 1 && this.stepsRight[q] === 1;
    return this.stepsRight[q] > 1 && this.stepsLeft[q] === 1;
  }

  /** dim_turn. */
  private turn(q: number): void {
    const s = this.tuneState[q];
    if (s === GOING_RIGHT) {
      this.tuneState[q] = GOING_LEFT;
      this.stepsLeft[q] = 0;
    } else if (s === GOING_LEFT) {
      this.tuneState[q] = GOING_RIGHT;
      this.stepsRight[q] = 0;
    }
  }

  /** dim_park_on_top. */
  private parkOnTop(q: number): void {
    this.stepsRight[q] = 0;
    this.stepsLeft[q] = 0;
    this.tired[q] = 0;
    this.tuneState[q] = PARKING_ON_TOP;
  }

  /** dim_park_tired: tired stays at its limit and counts down one per window. */
  private parkTired(q: number): void {
    this.stepsRight[q] = 0;
    this.stepsLeft[q] = 0;
    this.tuneState[q] = PARKING_TIRED;
  }
}
