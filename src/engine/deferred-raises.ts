/**
 * Arrivals whose interrupt is raised at their CPU's next step boundary although they are already
 * in their ring: those the arrival generator moves into a busy step-machine CPU's rings when a
 * new batch begins (simulation.ts `generate`).
 *
 * The engine takes a CPU's arrivals into its rings at the CPU's step boundaries, and each raises
 * its queue's interrupt then, unless the queue's NAPI is scheduled. Arrivals left over from the
 * previous batch must leave the batch's columns before the next batch is generated into them, so
 * they enter their rings early; the ring occupancy they meet is the one of their time (only their
 * CPU's polls drain a ring, and it is busy until its next boundary). Their interrupts are another
 * matter: another CPU may raise one on this CPU in between — a reply's tx completion
 * (engine/app-steps.ts `postTxCompletion`), or, once irqbalance has moved a queue, its old CPU
 * re-raising it when GRO left segments in the ring — and the order of the pending interrupts
 * decides which NAPI is polled first. So the interrupts wait here, in arrival order, for the
 * boundary; a job then gives the same result whatever its batch size. (A CPU that runs the peer
 * loop has none of these: it raises its leftovers' interrupts at once.)
 */
export class DeferredRaises {
  /** Per CPU: how many arrivals wait; their queues and arrival times, in arrival order. */
  readonly count: Int32Array;
  private queues: Int32Array[];
  private times: Float64Array[];

  constructor(cpus: number) {
    this.count = new Int32Array(cpus);
    this.queues = Array.from({ length: cpus }, () => new Int32Array(16));
    this.times = Array.from({ length: cpus }, () => new Float64Array(16));
  }

  /** Arrival `at` of the columns `time`, for queue q on CPU c, raises its interrupt at c's next boundary. */
  defer(c: number, q: number, time: Float64Array, at: number): void {
    const n = this.count[c];
    if (n === this.queues[c].length) {
      const queues = new Int32Array(n * 2);
      queues.set(this.queues[c]);
      this.queues[c] = queues;
      const times = new Float64Array(n * 2);
      times.set(this.times[c]);
      this.times[c] = times;
    }
    this.queues[c][n] = q;
    this.times[c][n] = time[at];
    this.count[c] = n + 1;
  }

  /** CPU c's waiting arrivals: their queues and times (the first `count[c]` entries). */
  queuesOf(c: number): Int32Array {
    return this.queues[c];
  }

  timesOf(c: number): Float64Array {
    return this.times[c];
  }
}
