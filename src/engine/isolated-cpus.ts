import type { LatencyHistogram } from "../stats/latency-histogram.js";
import { Prng } from "../traffic/prng.js";
import type { EgressPath } from "./egress-path.js";
import { HAND_OFF, IPI, type HandOffChannel } from "./hand-off-channels.js";
import type { Plan } from "./plan.js";

/** What a CPU does at its next step boundary. */
const IDLE = 0; // NAPI not scheduled: the next arrival raises the queue's interrupt
const IRQ = 1; // the hard IRQ is pending
const ROUND = 2; // net_rx_action starts a round and polls the queue's NAPI
const POLL = 3; // inside the poll: the next packet, or the poll's end

/** Indices of `IsolatedCpus.totals`. */
export const RING_DROPS = 0;
export const DELIVERED_PACKETS = 1;
export const DELIVERED_BYTES = 2;
export const OFFERED_PACKETS = 3;
export const OFFERED_BYTES = 4;

/** The job's counters the isolated CPUs add to (engine/simulation-state.ts owns them). */
export interface IsolatedCpuCounters {
  readonly latency: LatencyHistogram;
  readonly queueRx: Float64Array;
  readonly queueDrops: Float64Array;
  readonly cpuBusyNs: Float64Array;
  readonly cpuIrqs: Float64Array;
  readonly cpuPolls: Float64Array;
  readonly cpuPolled: Float64Array;
  readonly cpuProcessed: Float64Array;
  readonly cpuTimeSqueeze: Float64Array;
  /** Route-verdict drops by cause, and delivered packets by leaving device (empty without routing). */
  readonly routeDrops: Float64Array;
  readonly outDevPackets: Float64Array;
  /** The reply stream's shapers, or null: no replies. */
  readonly egress: EgressPath | null;
}

/**
 * Where an isolated CPU that steers its packets to sinks posts its hand-offs and IPIs: its
 * channels to the sinks (index `senderSlot * nCpu + sink`), and the sinks it handed a packet to
 * since its round began (the engine's arrays, engine/sink-mail.ts).
 */
export interface SinkChannels {
  readonly channelTo: readonly HandOffChannel[];
  readonly senderSlot: Int32Array;
  readonly flushMark: Uint8Array;
  readonly flushList: Int32Array;
  readonly flushCount: Int32Array;
}

/**
 * The engine's tight loop for isolated CPUs: a CPU that takes exactly one rx queue's interrupt,
 * finishes every packet of it itself (no RPS, no RFS), is reached by no other CPU, and whose
 * queue no irqbalance rescan moves. Such a CPU depends on nothing but its own arrivals (the
 * ingress caps police them before they are partitioned), so it runs on its own through a whole
 * arrival batch, without the event heap — or, with SMT siblings that slow each other, together
 * with the other threads of its core (`runCore`), which must all be isolated CPUs too. A flow's
 * route verdict (its extra stack time, its drop cause, the device its traffic leaves by) and its
 * reply are per-flow columns read where the packet is delivered, as the step machine reads them.
 * A CPU whose queue's packets RPS hands to sinks, and which takes none itself (cpu-loops.ts: a
 * sender running ahead), runs here too: each packet's driver work ends in a hand-off posted to
 * its channel to the sink, and the round's end in its IPIs (`SinkChannels`); the sinks replay
 * them after this loop has run past their time. net_rx_action reduces to a four-state machine:
 * idle → hard IRQ → round start and poll → packets (at most `weight` per poll) → repoll (a new
 * round) or completion (idle).
 *
 * Its ring is a window of its region of the arrival columns: each isolated CPU's region holds
 * its ring window then one batch; accepted arrivals are compacted in place (a drop leaves a hole
 * that the next accepted arrival fills), so a packet is written once, by the generator, and never
 * copied into a separate ring. It computes exactly what the step machine computes for the same CPU
 * — the same steps at the same clock values, added in the same order — and a test holds the two to
 * byte-identical results (`runJob(…, "generic")` runs every CPU on the step machine).
 *
 * Measured (4-queue point at 2 Mpps, whole jobs, Node 20, 2-vCPU EPYC; CPU time per job, best of
 * interleaved runs): 7.0 M simulated packets/s on the step machine → 13.7 M here at first;
 * → ~19.5 M with a flow set drawn without boxing; → ~23.5 M once no clock value is merged with a
 * tagged one (`window` below: that alone removed ~25 bytes of garbage per packet); → ~24.8 M with
 * arrivals taken ahead of time (one data-dependent branch per packet, see `runCpu`), counters in
 * locals and 16-bit flow buckets; then +3–7% (interleaved A/B in one process, 40–60 jobs each)
 * from arrival columns kept from job to job (engine/arrival-columns.ts), latency histograms that
 * allocate only the buckets they use, and batches of 4,096 arrivals instead of 8,192 (the columns
 * of 4 slots then fit in L2). Of the remaining ~38 ns per packet (--cpu-prof): this loop ~13,
 * generation ~11, latency histogram ~2.5, per-job set-up and GC ~4.
 */
export class IsolatedCpus {
  private readonly plan: Plan;
  /**
   * [warm-up end, run end] in a Float64Array, for hot loops: a double loaded from a typed array
   * is a raw float64 to V8, while one loaded from an object field may be tagged (a Smi here, the
   * values being whole ns), and a clock value merged with a tagged one (`now > warm ? now :
   * warm`) is boxed on every update. Measured: ~25 bytes of garbage per packet without it.
   */
  private readonly window: Float64Array;
  private readonly counters: IsolatedCpuCounters;

  /** Per isolated CPU (a "slot" here): the CPU, its queue, its ring size, its arrival slot in the engine. */
  readonly cpuOf: Int32Array;
  private readonly queueOf: Int32Array;
  private readonly ringCap: Int32Array;
  readonly arrivalSlot: Int32Array;
  /** Each slot's region of the arrival columns holds its ring window then one batch. */
  private readonly base: Int32Array;
  private time: Float64Array;
  private flow: Int32Array;
  private len: Uint16Array;
  // Per-flow columns (empty when not needed): route drop cause, extra ns, leaving device; reply device.
  private readonly routeDrop: Uint8Array;
  private readonly routeNs: Float64Array;
  private readonly routeOut: Int16Array;
  private readonly replySlot: Int16Array;

  // Per-slot state, carried from one batch to the next.
  private readonly now: Float64Array;
  private readonly phase: Uint8Array;
  private readonly done: Int32Array;
  private readonly rxLimit: Float64Array;
  /** Ring window [head, tail) of accepted packets; arrivals [pos, stop) not yet at the ring. */
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private readonly pos: Int32Array;
  private readonly stop: Int32Array;
  /** Arrival time of the packet still on the CPU when the run ends (NaN: none). */
  private readonly onCpu: Float64Array;
  private readonly costRng: Prng[];
  /**
   * SMT (engine/smt-cores.ts): per slot, its core's index in `coreBusy` when another working
   * thread of the core is isolated too (-1: none); per such core, when the last item one of its
   * threads started ends. The threads of a core run together (`runCore`), in time order.
   */
  private readonly coreOf: Int32Array;
  private readonly coreBusy: Float64Array;
  /** Slots without a busy sibling, and the slots of each shared core (in CPU order). */
  private readonly single: Int32Array;
  private readonly coreSlots: Int32Array[];
  /** Per slot: 1 when its CPU steers packets to sinks (`steering`). */
  private readonly steers: Uint8Array;
  private readonly steering: SinkChannels | null;
  /** [0]: a hand-off's or IPI's time, passed to its channel in a typed array (not boxed). */
  private readonly stamp = new Float64Array(1);
  /** [0]: the limit a core's thread runs to; a double passed through a typed array is not boxed. */
  private readonly bound = new Float64Array(1);
  private readonly boundBits = new BigInt64Array(this.bound.buffer);

  /** The job's scalar counters these CPUs add to, window only; indexed RING_DROPS … OFFERED_BYTES. */
  readonly totals = new Float64Array(5);
  private readonly latencyBuf = new Float64Array(4096);
  private latencyFill = 0;

  /**
   * `cpus` are the isolated CPUs in CPU order, `queues` the queue of each, `arrivalSlots` the
   * engine's arrival slot of each and `bases` the start of its region (ring size + batch size).
   */
  constructor(
    plan: Plan,
    seed: number,
    cpus: readonly number[],
    queues: readonly number[],
    arrivalSlots: readonly number[],
    bases: readonly number[],
    counters: IsolatedCpuCounters,
    cores: readonly number[] = cpus.map(() => -1),
    steering: SinkChannels | null = null,
  ) {
    this.plan = plan;
    this.window = Float64Array.of(plan.warmupNs, plan.durationNs);
    this.counters = counters;
    const n = cpus.length;
    this.cpuOf = Int32Array.from(cpus);
    this.queueOf = Int32Array.from(queues);
    this.ringCap = Int32Array.from(queues, (q) => plan.queueRing[q]);
    this.arrivalSlot = Int32Array.from(arrivalSlots);
    this.base = Int32Array.from(bases);
    this.time = new Float64Array(0);
    this.flow = new Int32Array(0);
    this.len = new Uint16Array(0);
    this.routeDrop = plan.routes?.drop ?? new Uint8Array(0);
    this.routeNs = plan.routes?.ns ?? new Float64Array(0);
    this.routeOut = plan.routes?.outDev ?? new Int16Array(0);
    this.replySlot = plan.replySlot ?? new Int16Array(0);
    this.now = new Float64Array(n);
    this.phase = new Uint8Array(n);
    this.done = new Int32Array(n);
    this.rxLimit = new Float64Array(n);
    this.head = Int32Array.from(this.base);
    this.tail = Int32Array.from(this.base);
    this.pos = Int32Array.from(this.base);
    this.stop = Int32Array.from(this.base);
    this.onCpu = new Float64Array(n).fill(NaN);
    this.costRng = [];
    for (let slot = 0; slot < n; slot++) this.costRng.push(new Prng(seed, 1000 + this.cpuOf[slot]));
    this.steering = steering;
    this.steers = Uint8Array.from(cpus, (c) => (steering !== null && steering.senderSlot[c] >= 0 ? 1 : 0));
    this.coreOf = Int32Array.from(cores);
    const coreCount = cores.reduce((m, k) => Math.max(m, k + 1), 0);
    this.coreBusy = new Float64Array(coreCount);
    this.single = Int32Array.from(cores.flatMap((k, slot) => (k < 0 ? [slot] : [])));
    this.coreSlots = Array.from({ length: coreCount }, (_, k) => Int32Array.from(cores.flatMap((x, slot) => (x === k ? [slot] : []))));
  }

  get count(): number {
    return this.cpuOf.length;
  }

  /**
   * Before the generator fills a batch: move each ring window to the front of its region; the
   * batch goes behind it (`fillEnd[arrivalSlot]` is where the generator starts writing).
   */
  makeRoom(time: Float64Array, flow: Int32Array, len: Uint16Array, fillEnd: Int32Array): void {
    this.time = time;
    this.flow = flow;
    this.len = len;
    for (let slot = 0; slot < this.cpuOf.length; slot++) {
      const base = this.base[slot];
      const head = this.head[slot];
      const count = this.tail[slot] - head;
      if (head !== base) {
        time.copyWithin(base, head, head + count);
        flow.copyWithin(base, head, head + count);
        len.copyWithin(base, head, head + count);
      }
      this.head[slot] = base;
      this.tail[slot] = this.pos[slot] = fillEnd[this.arrivalSlot[slot]] = base + count;
    }
  }

  /** After the fill: the batch is [pos, fillEnd) of each region; count what it offers in the window. */
  takeBatch(fillEnd: Int32Array): void {
    const time = this.time;
    const len = this.len;
    const warm = this.window[0];
    let packets = 0;
    let bytes = 0;
    for (let slot = 0; slot < this.cpuOf.length; slot++) {
      const to = (this.stop[slot] = fillEnd[this.arrivalSlot[slot]]);
      let p = this.pos[slot];
      while (p < to && time[p] < warm) p++;
      packets += to - p;
      for (let k = p; k < to; k++) bytes += len[k];
    }
    this.totals[OFFERED_PACKETS] += packets;
    this.totals[OFFERED_BYTES] += bytes;
  }

  /** Run every isolated CPU up to its first step boundary at or after `limit` (ns, in limit[0]). */
  advance(limit: Float64Array): void {
    const single = this.single;
    for (let i = 0; i < single.length; i++) this.runCpu(single[i], limit[0]);
    for (let k = 0; k < this.coreSlots.length; k++) this.runCore(this.coreSlots[k], limit);
  }

  /**
   * Run the threads of one core up to `limit` together, as the event heap orders them: always
   * the thread whose next step is earliest (on a tie, the smaller CPU number: slots are in CPU
   * order), up to the next step of its siblings, so that each item starts knowing which sibling
   * is busy. A thread idle with an empty ring and no arrival left waits for the next batch: it
   * bounds nobody.
   */
  private runCore(slots: Int32Array, limit: Float64Array): void {
    const end = limit[0];
    for (;;) {
      let best = -1;
      let bestKey = end;
      let nextKey = end;
      let nextSlot = -1;
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i];
        // (Idle with arrivals not yet taken: its clock is before its next arrival, which is fine —
        // running it takes them and jumps to the first.)
        const waits = this.phase[slot] === IDLE && this.head[slot] === this.tail[slot] && this.pos[slot] === this.stop[slot];
        const key = waits ? end : this.now[slot];
        if (key < bestKey) {
          if (best >= 0) {
            nextKey = bestKey;
            nextSlot = best;
          }
          best = slot;
          bestKey = key;
        } else if (key < nextKey) {
          nextKey = key;
          nextSlot = slot;
        }
      }
      if (best < 0) break;
      // It may start steps before its siblings' next one, and at the same time when it has the
      // smaller CPU number (the heap's tie rule): then the bound is the next double up.
      this.bound[0] = nextKey;
      if (nextSlot >= 0 && nextKey < end && best < nextSlot) this.boundBits[0]++;
      this.runCpu(best, this.bound[0]);
    }
    // Each thread to its first step boundary at or after the limit (taking its arrivals there).
    for (let i = 0; i < slots.length; i++) this.runCpu(slots[i], end);
  }

  /** At the end: arrivals after a CPU's last step still met their ring (the occupancy is the current one); flush latencies. */
  finish(): void {
    for (let slot = 0; slot < this.cpuOf.length; slot++) this.pull(slot, Infinity);
    this.counters.latency.recordBatch(this.latencyBuf, this.latencyFill);
    this.latencyFill = 0;
  }

  /** Bring the slot's arrivals with time ≤ `upTo` to its ring: accept, or drop at a full ring. */
  private pull(slot: number, upTo: number): void {
    const time = this.time;
    const flow = this.flow;
    const len = this.len;
    const stop = this.stop[slot];
    const cap = this.ringCap[slot];
    const head = this.head[slot];
    const warm = this.window[0];
    let pos = this.pos[slot];
    let tail = this.tail[slot];
    while (pos < stop) {
      const t = time[pos];
      if (t > upTo) break;
      if (tail - head >= cap) {
        if (t >= warm) {
          this.totals[RING_DROPS]++;
          this.counters.queueDrops[this.queueOf[slot]]++;
        }
      } else {
        if (tail !== pos) {
          time[tail] = t;
          flow[tail] = flow[pos];
          len[tail] = len[pos];
        }
        tail++;
        if (t >= warm) this.counters.queueRx[this.queueOf[slot]]++;
      }
      pos++;
    }
    this.pos[slot] = pos;
    this.tail[slot] = tail;
    if (this.phase[slot] === IDLE && tail > head) this.phase[slot] = IRQ;
  }

  /**
   * Run the slot's CPU from its clock until its next step boundary at or after `limit` (or until
   * it is idle with no arrival left in the batch). The slot's state lives in locals for the whole
   * call and is written back once.
   *
   * Arrivals are taken into the ring ahead of time. The generic engine takes an arrival at the
   * first step boundary at or after its arrival time, and drops it if the ring then holds `cap`
   * packets. An arrival whose compacted index is below head + cap *now* cannot meet a full ring at
   * any later boundary (the head only moves forward), so it is accepted at once, before it has
   * arrived; only an arrival that would find the ring full by index waits for its own boundary,
   * where it is dropped if it has arrived by then. The ring's "a packet is there" test is then
   * `time[head] ≤ now`. Same decisions, same counts, same clock values as the generic engine
   * (the oracle test holds them byte-identical), but at low and medium load a batch's arrivals are
   * taken in one pass and each packet costs one data-dependent branch instead of three.
   */
  private runCpu(slot: number, limit: number): void {
    const c = this.cpuOf[slot];
    const q = this.queueOf[slot];
    const plan = this.plan;
    const cost = plan.costNs;
    const warm = this.window[0];
    const end = this.window[1];
    const time = this.time;
    const flow = this.flow;
    const len = this.len;
    const weight = plan.napiWeight;
    const nCpu = plan.cpus;
    const routed = plan.routes !== null;
    const egress = this.counters.egress;
    const perFlow = routed || egress !== null;
    const routeDrop = this.routeDrop;
    const routeNs = this.routeNs;
    const routeOut = this.routeOut;
    const replySlot = this.replySlot;
    const unroutedSlot = this.counters.outDevPackets.length - 1;
    const inline = cost.driver + cost.stack;
    const perByte = cost.perByte;
    const factor = plan.cpuWorkFactor[c];
    const exponential = plan.exponentialCosts;
    const rng = this.costRng[slot];
    // SMT: an item started while a sibling is busy runs at smtSpeed (engine/smt-cores.ts).
    const core = this.coreOf[slot];
    const coreBusy = this.coreBusy;
    const smtSpeed = plan.smtSpeed;
    // RPS to sinks: the hand-off ends the driver's work (+ the cost between NUMA nodes).
    const steering = this.steers[slot] === 1 ? this.steering : null;
    const steers = steering !== null;
    const sender = steering === null ? -1 : steering.senderSlot[c];
    const channelTo = steering === null ? null : steering.channelTo;
    const flowRps = plan.flowRpsCpu;
    const steerNs = cost.driver + cost.rpsEnqueue;
    const cpuNode = plan.cpuNode;
    const node = cpuNode[c];
    const crossNode = cost.rpsCrossNode;
    const stamp = this.stamp;
    const latencyBuf = this.latencyBuf;
    const cap = this.ringCap[slot];
    const stopAt = this.stop[slot];
    let latencyFill = this.latencyFill;
    let now = this.now[slot];
    let rxLimit = this.rxLimit[slot];
    let phase = this.phase[slot];
    let done = this.done[slot];
    let head = this.head[slot];
    let tail = this.tail[slot];
    let pos = this.pos[slot];
    // Counters in locals, added to the job's arrays once per call (busy starts from the array, so
    // the additions happen in the generic engine's order and give the same double).
    const counters = this.counters;
    let busy = counters.cpuBusyNs[c];
    let irqs = 0;
    let polls = 0;
    let squeezes = 0;
    let accepted = 0;
    let dropped = 0;
    let polled = 0;
    let delivered = 0;
    let deliveredBytes = 0;
    for (;;) {
      // Step boundary: take arrivals into the ring, accepted ahead of time while the ring has
      // room for them whatever happens; one that would find it full waits for its arrival.
      while (pos < stopAt) {
        const t = time[pos];
        if (tail - head >= cap) {
          if (t > now) break;
          if (t >= warm) dropped++;
        } else {
          if (tail !== pos) {
            time[tail] = t;
            flow[tail] = flow[pos];
            len[tail] = len[pos];
          }
          tail++;
          if (t >= warm) accepted++;
        }
        pos++;
      }
      if (now >= limit) break;
      let work: number;
      if (phase === POLL) {
        if (done < weight && head < tail && time[head] <= now) {
          // Packets back to back while the weight lasts, the ring holds one that has arrived,
          // and no arrival waits for a boundary (the ring was not full by index).
          do {
            const arrival = time[head];
            const bytes = len[head];
            const f = perFlow || steers ? flow[head] : 0;
            head++;
            done++;
            if (arrival >= warm) polled++;
            // RPS to a sink: the hand-off when the driver work ends (the step machine's `steer`);
            // else the stack's work (with the route's lookup time).
            const target = steers ? flowRps[f] : -1;
            let w: number;
            if (target >= 0) {
              w = steerNs * factor;
              if (cpuNode[target] !== node) w += crossNode;
            } else {
              w = inline + perByte * bytes;
              if (routed) w += routeNs[f];
              w *= factor;
            }
            if (exponential) w *= rng.nextExp();
            if (core >= 0 && coreBusy[core] > now) w /= smtSpeed;
            const stop = now + w;
            if (core >= 0 && stop > coreBusy[core]) coreBusy[core] = stop;
            const from = now > warm ? now : warm;
            const to = stop < end ? stop : end;
            if (to > from) busy += to - from;
            now = stop;
            if (stop >= end) {
              this.onCpu[slot] = arrival;
              break;
            }
            if (target >= 0 && channelTo !== null && steering !== null) {
              stamp[0] = stop;
              const at = sender * nCpu + target;
              channelTo[at].post(HAND_OFF, stamp, 0, time, flow, len, head - 1);
              if (steering.flushMark[at] === 0) {
                steering.flushMark[at] = 1;
                steering.flushList[sender * nCpu + steering.flushCount[sender]++] = target;
              }
              continue;
            }
            if (perFlow) {
              if (routed) {
                // The stack's routing step, after its work: a route verdict may drop the packet.
                const cause = routeDrop[f];
                if (cause !== 0) {
                  if (arrival >= warm) this.counters.routeDrops[cause - 1]++;
                  continue;
                }
                if (arrival >= warm) {
                  const out = routeOut[f];
                  this.counters.outDevPackets[out < 0 ? unroutedSlot : out]++;
                }
              }
              if (egress !== null) egress.delivered(stop, replySlot[f], c);
            }
            if (arrival >= warm) {
              latencyBuf[latencyFill++] = stop - arrival;
              if (latencyFill === latencyBuf.length) {
                this.counters.latency.recordBatch(latencyBuf, latencyFill);
                latencyFill = 0;
              }
              delivered++;
              deliveredBytes += bytes;
            }
          } while (done < weight && head < tail && time[head] <= now && pos === stopAt && now < limit);
          continue;
        }
        // The poll ends: a NAPI that used its whole weight is repolled in a new round, otherwise
        // it completes and its interrupt is unmasked.
        if ((plan.netdevBudget - done <= 0 || now >= rxLimit) && now >= warm) squeezes++;
        // The round ends: an IPI to each sink handed a packet in it (net_rps_send_ipi).
        if (steering !== null && channelTo !== null && steering.flushCount[sender] > 0) {
          stamp[0] = now;
          const base = sender * nCpu;
          for (let i = 0; i < steering.flushCount[sender]; i++) {
            const r = steering.flushList[base + i];
            steering.flushMark[base + r] = 0;
            channelTo[base + r].post(IPI, stamp, 0, time, flow, len, 0);
          }
          steering.flushCount[sender] = 0;
        }
        if (done === weight) {
          phase = ROUND;
          continue;
        }
        phase = IDLE;
      }
      if (phase === IDLE) {
        // Jump to the next arrival of the batch (it raises the interrupt), or wait for the next
        // batch. (No `Infinity` sentinel here: V8 loads it as a tagged global, and a loop value
        // merged with it is boxed on every update — measured: ~25 bytes of garbage per packet.)
        if (head === tail) break;
        const next = time[head];
        if (next > now) {
          now = next;
          continue;
        }
        phase = IRQ;
      }
      if (phase === IRQ) {
        if (now >= warm) irqs++;
        work = cost.hardIrq;
        phase = ROUND;
      } else {
        if (now >= warm) polls++;
        rxLimit = now + plan.netdevBudgetNs;
        done = 0;
        work = cost.poll;
        phase = POLL;
      }
      if (core >= 0 && coreBusy[core] > now) work /= smtSpeed;
      const stop = now + work;
      if (core >= 0 && stop > coreBusy[core]) coreBusy[core] = stop;
      const from = now > warm ? now : warm;
      const to = stop < end ? stop : end;
      if (to > from) busy += to - from;
      now = stop;
    }
    this.now[slot] = now;
    this.rxLimit[slot] = rxLimit;
    this.phase[slot] = phase;
    this.done[slot] = done;
    this.head[slot] = head;
    this.tail[slot] = tail;
    this.pos[slot] = pos;
    this.latencyFill = latencyFill;
    counters.cpuBusyNs[c] = busy;
    counters.cpuIrqs[c] += irqs;
    counters.cpuPolls[c] += polls;
    counters.cpuTimeSqueeze[c] += squeezes;
    counters.queueRx[q] += accepted;
    counters.queueDrops[q] += dropped;
    this.totals[RING_DROPS] += dropped;
    counters.cpuPolled[c] += polled;
    counters.cpuProcessed[c] += delivered;
    this.totals[DELIVERED_PACKETS] += delivered;
    this.totals[DELIVERED_BYTES] += deliveredBytes;
  }

  /** Packets that arrived in the window and are still in a ring, not yet at it, or on a CPU. */
  countInFlight(): number {
    const warm = this.window[0];
    const time = this.time;
    let n = 0;
    for (let slot = 0; slot < this.cpuOf.length; slot++) {
      for (let k = this.head[slot]; k < this.tail[slot]; k++) if (time[k] >= warm) n++;
      for (let k = this.pos[slot]; k < this.stop[slot]; k++) if (time[k] >= warm) n++;
      if (this.onCpu[slot] >= warm) n++;
    }
    return n;
  }
}
