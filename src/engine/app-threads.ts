import type { AppPlan } from "../app/app-plan.js";
import { SKB_OVERHEAD } from "../config/sections/app.js";
import { LatencyHistogram } from "../stats/latency-histogram.js";
import { Prng } from "../traffic/prng.js";

/** What a thread is doing. */
export const SLEEPING = 0; // blocked in recvmsg: its sockets are empty
const WAKING = 1; // woken by a datagram: try_to_wake_up and the switch into it run first
const RECV = 2; // recvmsg of its next datagram: dequeue, copy, return
const WORK = 3; // the application's work on the datagram it read
const SEND = 4; // sendmsg of a reply, down to the driver's transmit

/**
 * The application's threads and their UDP sockets (engine/simulation.ts runs them on their CPUs).
 *
 * Sockets follow the kernel's accounting (net/ipv4/udp.c):
 * - `__udp_enqueue_schedule_skb`: a datagram is dropped (UdpRcvbufErrors) when the memory already
 *   charged to the socket exceeds SO_RCVBUF; otherwise its truesize is charged — so one datagram
 *   always fits, and the last one in may take the charge past the buffer.
 * - The reader works on `reader_queue`, refilled from `sk_receive_queue` by a splice when it is
 *   empty; `udp_rmem_release` gives the charge back in batches: a read datagram's truesize joins
 *   a deficit that is released once it reaches a quarter of the buffer or the reader queue is
 *   empty (and then the receive queue is spliced over again).
 *
 * A thread reads its datagrams in arrival order (one FIFO per thread over its sockets: an event
 * loop reading whichever socket is ready). Each datagram costs a recvmsg (system call + copy per
 * byte), then the application's work; a thread that found its sockets empty sleeps, and the
 * next datagram wakes it at the wake cost. Its CPU runs it when no hard IRQ or softirq work is
 * pending there: softirq preempts the application (kernel/softirq.c runs at irq_exit, before the
 * interrupted task resumes).
 */
export class AppThreads {
  private readonly plan: AppPlan;
  readonly phase: Uint8Array;
  /** Whether the current phase's length is set (`left`). */
  private readonly begun: Uint8Array;
  /** ns left of the current phase. */
  readonly left: Float64Array;
  /** While the thread runs: when its current phase ends. */
  readonly phaseEnd: Float64Array;
  // The datagram each thread is reading.
  private readonly curArrival: Float64Array;
  private readonly curFlow: Int32Array;
  private readonly curLen: Uint16Array;
  // One growable FIFO per thread.
  private fifoTime: Float64Array[];
  private fifoFlow: Int32Array[];
  private fifoLen: Uint16Array[];
  private readonly fifoHead: Int32Array;
  private readonly fifoCount: Int32Array;
  // Per socket: charged bytes, the release deficit, datagrams in the receive and reader queues.
  private readonly rmem: Float64Array;
  private readonly deficit: Float64Array;
  private readonly queued: Int32Array;
  private readonly reader: Int32Array;
  /** Per thread: replies owed (the reply ratio added per datagram read; one is sent at each whole one). */
  private readonly owed: Float64Array;
  private readonly rng: Prng[];
  private readonly workFactor: Float64Array;
  private readonly warm: number;

  /** Read in the window: datagrams whose recvmsg returned. */
  received = 0;
  receivedBytes = 0;
  /** Of `received`, per thread. */
  readonly threadReads: Float64Array;
  /** Dropped at a full receive buffer (UdpRcvbufErrors). */
  dropped = 0;
  /** Arrival at the NIC → return of recvmsg, ns. */
  readonly latency = new LatencyHistogram();
  /** Replies sent for datagrams that arrived in the window. */
  replies = 0;
  /** Arrival at the NIC → the reply handed to the driver, ns. */
  readonly responseLatency = new LatencyHistogram();
  /** Set by `complete`: the flow whose reply was just handed to the driver, else -1. */
  replied = -1;
  /** Set by `complete`: replies just owed to a flow without a route (sendmsg fails at once: never sent). */
  unroutable = 0;

  constructor(plan: AppPlan, cpuWorkFactor: Float64Array, seed: number, warm: number) {
    this.plan = plan;
    const n = plan.threads;
    this.phase = new Uint8Array(n);
    this.begun = new Uint8Array(n);
    this.left = new Float64Array(n);
    this.phaseEnd = new Float64Array(n);
    this.curArrival = new Float64Array(n);
    this.curFlow = new Int32Array(n);
    this.curLen = new Uint16Array(n);
    const cap = 64;
    this.fifoTime = Array.from({ length: n }, () => new Float64Array(cap));
    this.fifoFlow = Array.from({ length: n }, () => new Int32Array(cap));
    this.fifoLen = Array.from({ length: n }, () => new Uint16Array(cap));
    this.fifoHead = new Int32Array(n);
    this.fifoCount = new Int32Array(n);
    this.rmem = new Float64Array(plan.sockets);
    this.deficit = new Float64Array(plan.sockets);
    this.queued = new Int32Array(plan.sockets);
    this.reader = new Int32Array(plan.sockets);
    this.owed = new Float64Array(n);
    this.threadReads = new Float64Array(n);
    this.rng = Array.from({ length: n }, (_, t) => new Prng(seed, 2000 + t));
    this.workFactor = Float64Array.from(plan.threadCpu, (cpu) => cpuWorkFactor[cpu]);
    this.warm = warm;
  }

  /** skb truesize of a frame of `len` bytes. */
  private truesize(len: number): number {
    const t = len + SKB_OVERHEAD;
    return t > this.plan.truesize ? t : this.plan.truesize;
  }

  /**
   * The stack hands a datagram of `flow` to its socket: charge it, or drop it at a full buffer.
   * Returns the thread it woke (it was sleeping), else -1.
   */
  enqueue(flow: number, len: number, arrival: number): number {
    const plan = this.plan;
    const s = plan.flowSocket[flow];
    if (this.rmem[s] > plan.rcvbuf) {
      if (arrival >= this.warm) this.dropped++;
      return -1;
    }
    this.rmem[s] += this.truesize(len);
    this.queued[s]++;
    const t = plan.flowThread[flow];
    let count = this.fifoCount[t];
    if (count === this.fifoTime[t].length) this.grow(t);
    const cap = this.fifoTime[t].length;
    let slot = this.fifoHead[t] + count;
    if (slot >= cap) slot -= cap;
    this.fifoTime[t][slot] = arrival;
    this.fifoFlow[t][slot] = flow;
    this.fifoLen[t][slot] = len;
    this.fifoCount[t] = ++count;
    if (this.phase[t] !== SLEEPING) return -1;
    this.phase[t] = WAKING;
    this.begun[t] = 0;
    return t;
  }

  /** Double thread t's FIFO, keeping its order (allocates: only while the FIFO grows). */
  private grow(t: number): void {
    const cap = this.fifoTime[t].length;
    const time = new Float64Array(cap * 2);
    const flow = new Int32Array(cap * 2);
    const len = new Uint16Array(cap * 2);
    for (let i = 0; i < cap; i++) {
      let slot = this.fifoHead[t] + i;
      if (slot >= cap) slot -= cap;
      time[i] = this.fifoTime[t][slot];
      flow[i] = this.fifoFlow[t][slot];
      len[i] = this.fifoLen[t][slot];
    }
    this.fifoTime[t] = time;
    this.fifoFlow[t] = flow;
    this.fifoLen[t] = len;
    this.fifoHead[t] = 0;
  }

  /**
   * The length of thread t's current phase (setting it up when it begins: a recvmsg takes its
   * datagram off the queue then). Call only for a thread that is not sleeping.
   */
  phaseLength(t: number): number {
    if (this.begun[t] === 1) return this.left[t];
    this.begun[t] = 1;
    const plan = this.plan;
    let ns: number;
    const phase = this.phase[t];
    if (phase === WAKING) ns = plan.wakeNs;
    else if (phase === RECV) {
      this.dequeue(t);
      ns = (plan.recvNs + plan.copyNsPerByte * this.curLen[t]) * this.workFactor[t];
    } else if (phase === SEND) {
      ns = (plan.sendNs + plan.copyNsPerByte * plan.replyBytes) * this.workFactor[t];
    } else {
      ns = plan.exponentialWork ? plan.workNs * this.rng[t].nextExp() : plan.workNs;
    }
    this.left[t] = ns;
    return ns;
  }

  /** udp_recvmsg takes thread t's next datagram: its socket's queues and charge as the kernel keeps them. */
  private dequeue(t: number): void {
    const head = this.fifoHead[t];
    const arrival = this.fifoTime[t][head];
    const flow = this.fifoFlow[t][head];
    const len = this.fifoLen[t][head];
    this.fifoHead[t] = head + 1 === this.fifoTime[t].length ? 0 : head + 1;
    this.fifoCount[t]--;
    this.curArrival[t] = arrival;
    this.curFlow[t] = flow;
    this.curLen[t] = len;
    const s = this.plan.flowSocket[flow];
    if (this.reader[s] === 0) {
      // __skb_recv_udp: an empty reader queue takes over the receive queue.
      this.reader[s] = this.queued[s];
      this.queued[s] = 0;
    }
    this.reader[s]--;
    // udp_rmem_release(partial): release in batches of a quarter buffer, or when the reader queue empties.
    this.deficit[s] += this.truesize(len);
    if (this.deficit[s] >= this.plan.rcvbuf >> 2 || this.reader[s] === 0) {
      this.rmem[s] -= this.deficit[s];
      this.deficit[s] = 0;
      this.reader[s] += this.queued[s];
      this.queued[s] = 0;
    }
  }

  /**
   * Thread t's current phase ended at `now`: go on to the next. Returns the flow whose recvmsg
   * just returned (for RFS: the socket records its CPU), else -1; `replied` says whether a reply
   * was just sent, and for which flow.
   */
  complete(t: number, now: number): number {
    const phase = this.phase[t];
    this.begun[t] = 0;
    this.replied = -1;
    this.unroutable = 0;
    if (phase === WAKING) {
      this.phase[t] = RECV;
      return -1;
    }
    if (phase === RECV) {
      const arrival = this.curArrival[t];
      if (arrival >= this.warm) {
        this.received++;
        this.receivedBytes += this.curLen[t];
        this.threadReads[t]++;
        this.latency.record(now - arrival);
      }
      this.phase[t] = WORK;
      return this.curFlow[t];
    }
    if (phase === WORK) this.owed[t] += this.plan.replyRatio;
    else {
      // SEND: the reply is on its tx queue.
      this.replied = this.curFlow[t];
      if (this.curArrival[t] >= this.warm) {
        this.replies++;
        this.responseLatency.record(now - this.curArrival[t]);
      }
    }
    if (this.owed[t] >= 1) {
      if (this.plan.flowTxQueue[this.curFlow[t]] >= 0) {
        this.owed[t] -= 1;
        this.phase[t] = SEND;
        return -1;
      }
      this.unroutable = Math.floor(this.owed[t]);
      this.owed[t] -= this.unroutable;
    }
    this.phase[t] = this.fifoCount[t] > 0 ? RECV : SLEEPING;
    return -1;
  }

  /** Datagrams that arrived in the window and are still in a socket or inside a recvmsg. */
  countArrivedSince(warm: number): number {
    let n = 0;
    for (let t = 0; t < this.plan.threads; t++) {
      const cap = this.fifoTime[t].length;
      for (let i = 0; i < this.fifoCount[t]; i++) {
        let slot = this.fifoHead[t] + i;
        if (slot >= cap) slot -= cap;
        if (this.fifoTime[t][slot] >= warm) n++;
      }
      if (this.phase[t] === RECV && this.begun[t] === 1 && this.curArrival[t] >= warm) n++;
    }
    return n;
  }
}
