import type { AppPlan } from "../app/app-plan.js";
import { SLEEPING, type AppThreads } from "./app-threads.js";

/** ksoftirqd mode: whose turn on the CPU it is. */
const KSOFTIRQD_TURN = 0;
const THREAD_TURN = 1;
/** __do_softirq restarts at most this many times before handing the rest to ksoftirqd (MAX_SOFTIRQ_RESTART, kernel/softirq.c). */
const MAX_SOFTIRQ_RESTART = 10;
/** …or after running this long (MAX_SOFTIRQ_TIME: 2 ms). */
const MAX_SOFTIRQ_TIME_NS = 2e6;

/**
 * Who has each CPU besides interrupts: its application threads, and its softirq work once that
 * has moved to ksoftirqd (engine/simulation.ts asks at each step boundary; docs/application.md).
 *
 * - Threads pinned to one CPU share it fairly: the running one keeps it for a scheduler slice while
 *   another waits (kernel/sched/fair.c: each runs its base slice), then the next runnable one in
 *   turn takes it; one that sleeps gives it up at once (`pickThread`).
 * - Softirq work normally preempts the threads. When a net_rx_action round ends with work left
 *   (it re-raised NET_RX_SOFTIRQ), __do_softirq restarts, unless it has run MAX_SOFTIRQ_RESTART
 *   rounds or MAX_SOFTIRQ_TIME, or a task woke on this CPU (need_resched): then the rest goes to
 *   ksoftirqd (`wakeup_softirqd`, `softirqReraised`), an ordinary task that takes turns of the
 *   slice with the CPU's threads (`threadsTurn`) until the softirq work is done (`softirqDone`).
 *   Only CPUs with a thread care: with nothing else to run, ksoftirqd runs it all the same.
 */
export class CpuSharing {
  private readonly app: AppThreads | null;
  private readonly plan: AppPlan | null;
  private readonly sliceNs: number;
  /** Per CPU: the thread that has it among those pinned there, or -1: none pinned there. */
  readonly running: Int32Array;
  /** Per CPU: when the running thread's turn ends, while another of its threads waits. */
  readonly threadTurnEnd: Float64Array;
  /** Per CPU: 1 while its softirq work runs in ksoftirqd. */
  readonly ksoftirqd: Uint8Array;
  /** ksoftirqd mode: whose turn it is, and until when. */
  private readonly turn: Uint8Array;
  readonly turnEnd: Float64Array;
  /** The current __do_softirq: when it began (-1: none), the rounds it restarted, whether it woke this CPU's thread. */
  private readonly softStart: Float64Array;
  private readonly restarts: Int32Array;
  private readonly wokeThread: Uint8Array;
  /** Softirq time each CPU spent in ksoftirqd (window only; part of its busy time). */
  readonly ksoftirqdNs: Float64Array;

  constructor(app: AppThreads | null, plan: AppPlan | null, cpus: number, sliceNs: number) {
    this.app = app;
    this.plan = plan;
    this.sliceNs = sliceNs;
    this.running = plan === null ? new Int32Array(cpus).fill(-1) : Int32Array.from(plan.cpuThreadBase);
    this.threadTurnEnd = new Float64Array(cpus);
    this.ksoftirqd = new Uint8Array(cpus);
    this.turn = new Uint8Array(cpus);
    this.turnEnd = new Float64Array(cpus);
    this.softStart = new Float64Array(cpus).fill(-1);
    this.restarts = new Int32Array(cpus);
    this.wokeThread = new Uint8Array(cpus);
    this.ksoftirqdNs = new Float64Array(cpus);
  }

  /** The thread that runs on CPU c at `now`, or -1 when none of its threads is runnable. */
  pickThread(c: number, now: number): number {
    const app = this.app;
    const plan = this.plan;
    const current = this.running[c];
    if (app === null || plan === null || current < 0) return -1;
    const n = plan.cpuThreadCount[c];
    const runnable = app.phase[current] !== SLEEPING;
    if (n === 1) return runnable ? current : -1;
    if (runnable && now < this.threadTurnEnd[c]) return current;
    const base = plan.cpuThreadBase[c];
    for (let k = 1; k <= n; k++) {
      const t = base + ((current - base + k) % n);
      if (app.phase[t] === SLEEPING) continue;
      if (t !== current || now >= this.threadTurnEnd[c]) this.threadTurnEnd[c] = now + this.sliceNs;
      this.running[c] = t;
      return t;
    }
    return -1;
  }

  /** When CPU c's running thread must give it up (its turn against ksoftirqd or another thread ends), or `limit` if sooner. */
  turnLimit(c: number, limit: number): number {
    let next = limit;
    if (this.ksoftirqd[c] === 1 && this.turnEnd[c] < next) next = this.turnEnd[c];
    if (this.plan !== null && this.plan.cpuThreadCount[c] > 1 && this.threadTurnEnd[c] < next) next = this.threadTurnEnd[c];
    return next;
  }

  /** ksoftirqd mode on CPU c at `now`: is it its threads' turn (one of them runnable)? */
  threadsTurn(c: number, now: number): boolean {
    if (this.ksoftirqd[c] === 0 || this.pickThread(c, now) < 0) return false;
    if (now >= this.turnEnd[c]) {
      this.turn[c] = this.turn[c] === THREAD_TURN ? KSOFTIRQD_TURN : THREAD_TURN;
      this.turnEnd[c] = now + this.sliceNs;
    }
    return this.turn[c] === THREAD_TURN;
  }

  /** CPU c's thread went to sleep in its turn: ksoftirqd has the CPU again. */
  threadSlept(c: number): void {
    this.turn[c] = KSOFTIRQD_TURN;
  }

  /** A net_rx_action round begins on CPU c at `now`: the first of a __do_softirq starts its count. */
  softirqRuns(c: number, now: number): void {
    if (this.softStart[c] >= 0) return;
    this.softStart[c] = now;
    this.restarts[c] = 0;
    this.wokeThread[c] = 0;
  }

  /** CPU c's softirq work is done: this __do_softirq (or ksoftirqd's run) is over. */
  softirqDone(c: number): void {
    this.softStart[c] = -1;
    this.ksoftirqd[c] = 0;
  }

  /** A delivery woke a thread of CPU c during its softirq work: need_resched. */
  threadWoken(c: number): void {
    this.wokeThread[c] = 1;
  }

  /** A round on CPU c ended at `now` with work left: __do_softirq restarts, or hands the rest to ksoftirqd. */
  softirqReraised(c: number, now: number): void {
    if (this.ksoftirqd[c] === 1 || this.running[c] < 0) return;
    this.restarts[c]++;
    if (this.restarts[c] < MAX_SOFTIRQ_RESTART && now - this.softStart[c] < MAX_SOFTIRQ_TIME_NS && this.wokeThread[c] === 0) return;
    this.ksoftirqd[c] = 1;
    // The interrupted thread goes on first; ksoftirqd, just woken, waits for its turn.
    this.turn[c] = this.anyThreadRunnable(c) ? THREAD_TURN : KSOFTIRQD_TURN;
    this.turnEnd[c] = now + this.sliceNs;
  }

  private anyThreadRunnable(c: number): boolean {
    const app = this.app;
    const plan = this.plan;
    if (app === null || plan === null) return false;
    const base = plan.cpuThreadBase[c];
    for (let t = base; t >= 0 && t < base + plan.cpuThreadCount[c]; t++) if (app.phase[t] !== SLEEPING) return true;
    return false;
  }
}
