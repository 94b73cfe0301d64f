import { LatencyHistogram } from "../stats/latency-histogram.js";
import { giveBackArrivalColumns, takeArrivalColumns, type ArrivalColumns } from "./arrival-columns.js";
import type { PacketSource } from "../traffic/packet-source.js";
import { Prng } from "../traffic/prng.js";
import { ROUTE_DROP_CAUSES } from "./flow-routes.js";
import { rescansDuringRun, scansBeforeRun } from "./irqbalance-timer.js";
import type { Plan } from "./plan.js";
import type { JobCounters } from "./simulation.js";

/** What a CPU does at its next step boundary. */
const IDLE = 0; // NAPI not scheduled: the next arrival raises the queue's interrupt
const IRQ = 1; // the hard IRQ is pending
const ROUND = 2; // net_rx_action starts a round and polls the queue's NAPI
const POLL = 3; // inside the poll: the next packet, or the poll's end

/**
 * Whether a plan fits `DedicatedCpuSimulation`: a plain receive path (no routing verdicts), no
 * irqbalance rescan inside the run (queue interrupts never move), every CPU that takes an
 * interrupt serves exactly one rx queue, and every packet finishes on the CPU that polled it (no
 * RPS, no RFS).
 */
export function runsOnDedicatedCpus(plan: Plan): boolean {
  if (!plan.plain || plan.rfs !== null || rescansDuringRun(plan)) return false;
  for (let f = 0; f < plan.flows.count; f++) if (plan.flowRpsCpu[f] !== -1) return false;
  const queuesOnCpu = new Int32Array(plan.cpus);
  for (let q = 0; q < plan.queues; q++) if (++queuesOnCpu[plan.queueCpu[q]] > 1) return false;
  return true;
}

/**
 * The simulation of `Simulation` (engine/simulation.ts) specialised to plans where each
 * interrupt CPU serves one rx queue and finishes every packet itself — the common shape of a
 * queue-count sweep with irqbalance, round-robin or driver-hint placement and RPS off.
 *
 * Such a CPU depends on nothing but its own arrivals, so each CPU runs on its own through every
 * arrival batch, without an event heap, and net_rx_action reduces to a four-state machine: idle →
 * hard IRQ → round start and poll → packets (at most `weight` per poll) → repoll (a new round) or
 * completion (idle). Its ring is a window of its arrival columns: accepted arrivals are compacted
 * in place (a drop leaves a hole that the next accepted arrival fills), so a packet is written
 * once, by the generator, and never copied into a separate ring.
 *
 * It computes exactly what the generic engine computes — the same steps at the same clock values,
 * added in the same order — and a test holds the two to byte-identical results.
 *
 * Measured (4-queue point at 2 Mpps, whole jobs, Node 20, 2-vCPU EPYC; CPU time per job, best of
 * interleaved runs): 7.0 M simulated packets/s on the generic engine → 13.7 M here at first;
 * → ~19.5 M with a flow set drawn without boxing; → ~23.5 M once no clock value is merged with a
 * tagged one (`window` below: that alone removed ~25 bytes of garbage per packet); → ~24.8 M with
 * arrivals taken ahead of time (one data-dependent branch per packet, see `runCpu`), counters in
 * locals and 16-bit flow buckets; then +3–7% (interleaved A/B in one process, 40–60 jobs each)
 * from arrival columns kept from job to job (engine/arrival-columns.ts), latency histograms that
 * allocate only the buckets they use, and batches of 4,096 arrivals instead of 8,192 (the columns
 * of 4 slots then fit in L2). Of the remaining ~38 ns per packet (--cpu-prof): this loop ~13,
 * generation ~11, latency histogram ~2.5, per-job set-up and GC ~4.
 */
export class DedicatedCpuSimulation {
  private readonly plan: Plan;
  private readonly source: PacketSource;
  private readonly chunk: number;
  private readonly warm: number;
  private readonly end: number;
  /**
   * [warm-up end, run end] in a Float64Array, for hot loops: a double loaded from a typed array
   * is a raw float64 to V8, while one loaded from an object field may be tagged (a Smi here, the
   * values being whole ns), and a clock value merged with a tagged one (`now > warm ? now :
   * warm`) is boxed on every update. Measured: ~25 bytes of garbage per packet without it.
   */
  private readonly window: Float64Array;
  private generated = 0;

  /** CPU and ring size of each slot; slot i serves irq CPU cpuOf[i]. */
  private readonly cpuOf: Int32Array;
  private readonly queueOf: Int32Array;
  private readonly ringCap: Int32Array;
  /** Slot of each flow: the slot of its queue's CPU. */
  private readonly flowSlot: Uint16Array;
  /** Each slot's region of the arrival columns holds its ring window then one batch. */
  private readonly base: Int32Array;
  private readonly fillEnd: Int32Array;
  private readonly columns: ArrivalColumns;
  private readonly time: Float64Array;
  private readonly flow: Int32Array;
  private readonly len: Uint16Array;

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

  private offeredPackets = 0;
  private offeredBytes = 0;
  private deliveredPackets = 0;
  private deliveredBytes = 0;
  private dropsRxRing = 0;
  private readonly latency = new LatencyHistogram();
  private readonly latencyBuf = new Float64Array(4096);
  private latencyFill = 0;
  private readonly queueRx: Float64Array;
  private readonly queueDrops: Float64Array;
  private readonly cpuBusy: Float64Array;
  private readonly cpuIrqs: Float64Array;
  private readonly cpuPolls: Float64Array;
  private readonly cpuPolled: Float64Array;
  private readonly cpuProcessed: Float64Array;
  private readonly cpuSqueeze: Float64Array;

  constructor(plan: Plan, source: PacketSource, seed: number, chunk = 4096) {
    if (!runsOnDedicatedCpus(plan)) throw new RangeError("DedicatedCpuSimulation: a CPU serves several queues or hands packets to another");
    this.plan = plan;
    this.source = source;
    this.chunk = chunk;
    this.warm = plan.warmupNs;
    this.end = plan.durationNs;
    this.window = Float64Array.of(plan.warmupNs, plan.durationNs);
    const nQ = plan.queues;
    const slotOfQueue = new Int32Array(nQ);
    this.cpuOf = new Int32Array(nQ);
    this.queueOf = new Int32Array(nQ);
    this.ringCap = new Int32Array(nQ);
    this.base = new Int32Array(nQ);
    // Slots in CPU order, as the generic engine lists its interrupt CPUs.
    const order = Array.from({ length: nQ }, (_, q) => q).sort((a, b) => plan.queueCpu[a] - plan.queueCpu[b]);
    let size = 0;
    order.forEach((q, slot) => {
      slotOfQueue[q] = slot;
      this.cpuOf[slot] = plan.queueCpu[q];
      this.queueOf[slot] = q;
      this.ringCap[slot] = plan.queueRing[q];
      this.base[slot] = size;
      size += plan.queueRing[q] + chunk;
    });
    this.flowSlot = new Uint16Array(plan.flows.count);
    for (let f = 0; f < plan.flows.count; f++) this.flowSlot[f] = slotOfQueue[plan.flowQueue[f]];
    this.fillEnd = new Int32Array(nQ);
    this.columns = takeArrivalColumns(size);
    this.time = this.columns.time;
    this.flow = this.columns.flow;
    this.len = this.columns.len;

    this.now = new Float64Array(nQ);
    this.phase = new Uint8Array(nQ);
    this.done = new Int32Array(nQ);
    this.rxLimit = new Float64Array(nQ);
    this.head = Int32Array.from(this.base);
    this.tail = Int32Array.from(this.base);
    this.pos = Int32Array.from(this.base);
    this.stop = Int32Array.from(this.base);
    this.onCpu = new Float64Array(nQ).fill(NaN);
    this.costRng = [];
    for (let slot = 0; slot < nQ; slot++) this.costRng.push(new Prng(seed, 1000 + this.cpuOf[slot]));

    const nCpu = plan.cpus;
    this.queueRx = new Float64Array(nQ);
    this.queueDrops = new Float64Array(nQ);
    this.cpuBusy = new Float64Array(nCpu);
    this.cpuIrqs = new Float64Array(nCpu);
    this.cpuPolls = new Float64Array(nCpu);
    this.cpuPolled = new Float64Array(nCpu);
    this.cpuProcessed = new Float64Array(nCpu);
    this.cpuSqueeze = new Float64Array(nCpu);
  }

  /** Run the job to the end of its duration. */
  run(): JobCounters {
    const nSlots = this.cpuOf.length;
    const end = this.end;
    while (this.source.nextTime < end) {
      this.generate();
      const next = this.source.nextTime;
      const limit = next < end ? next : end;
      for (let slot = 0; slot < nSlots; slot++) this.runCpu(slot, limit);
    }
    // Arrivals after a CPU's last step still met their ring (the occupancy is the current one).
    for (let slot = 0; slot < nSlots; slot++) this.pull(slot, Infinity);
    this.latency.recordBatch(this.latencyBuf, this.latencyFill);
    this.latencyFill = 0;
    const counters = this.counters();
    giveBackArrivalColumns(this.columns);
    return counters;
  }

  /** Move each ring window to the front of its region and generate the next batch behind it. */
  private generate(): void {
    const nSlots = this.cpuOf.length;
    const time = this.time;
    const len = this.len;
    for (let slot = 0; slot < nSlots; slot++) {
      const base = this.base[slot];
      const head = this.head[slot];
      const count = this.tail[slot] - head;
      if (head !== base) {
        time.copyWithin(base, head, head + count);
        len.copyWithin(base, head, head + count);
      }
      this.head[slot] = base;
      this.tail[slot] = this.pos[slot] = this.fillEnd[slot] = base + count;
    }
    this.generated += this.source.fill(time, this.flow, len, this.flowSlot, this.fillEnd, this.chunk, this.end);
    const warm = this.window[0];
    let offeredBytes = 0;
    for (let slot = 0; slot < nSlots; slot++) {
      const to = (this.stop[slot] = this.fillEnd[slot]);
      let p = this.pos[slot];
      while (p < to && time[p] < warm) p++;
      this.offeredPackets += to - p;
      for (let k = p; k < to; k++) offeredBytes += len[k];
    }
    this.offeredBytes += offeredBytes;
  }

  /** Bring the slot's arrivals with time ≤ `upTo` to its ring: accept, or drop at a full ring. */
  private pull(slot: number, upTo: number): void {
    const time = this.time;
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
          this.dropsRxRing++;
          this.queueDrops[this.queueOf[slot]]++;
        }
      } else {
        if (tail !== pos) {
          time[tail] = t;
          len[tail] = len[pos];
        }
        tail++;
        if (t >= warm) this.queueRx[this.queueOf[slot]]++;
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
    const len = this.len;
    const weight = plan.napiWeight;
    const inline = cost.driver + cost.stack;
    const perByte = cost.perByte;
    const exponential = plan.exponentialCosts;
    const rng = this.costRng[slot];
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
    let busy = this.cpuBusy[c];
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
            head++;
            done++;
            if (arrival >= warm) polled++;
            let w = inline + perByte * bytes;
            if (exponential) w *= rng.nextExp();
            const stop = now + w;
            const from = now > warm ? now : warm;
            const to = stop < end ? stop : end;
            if (to > from) busy += to - from;
            now = stop;
            if (stop >= end) {
              this.onCpu[slot] = arrival;
              break;
            }
            if (arrival >= warm) {
              latencyBuf[latencyFill++] = stop - arrival;
              if (latencyFill === latencyBuf.length) {
                this.latency.recordBatch(latencyBuf, latencyFill);
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
      const stop = now + work;
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
    this.cpuBusy[c] = busy;
    this.cpuIrqs[c] += irqs;
    this.cpuPolls[c] += polls;
    this.cpuSqueeze[c] += squeezes;
    this.queueRx[q] += accepted;
    this.queueDrops[q] += dropped;
    this.dropsRxRing += dropped;
    this.cpuPolled[c] += polled;
    this.cpuProcessed[c] += delivered;
    this.deliveredPackets += delivered;
    this.deliveredBytes += deliveredBytes;
  }

  private countInFlight(): number {
    const warm = this.window[0];
    let n = 0;
    for (let slot = 0; slot < this.cpuOf.length; slot++) {
      for (let k = this.head[slot]; k < this.tail[slot]; k++) if (this.time[k] >= warm) n++;
      for (let k = this.pos[slot]; k < this.stop[slot]; k++) if (this.time[k] >= warm) n++;
      if (this.onCpu[slot] >= warm) n++;
    }
    return n;
  }

  private counters(): JobCounters {
    const nCpu = this.plan.cpus;
    return {
      windowNs: this.end - this.warm,
      generatedPackets: this.generated,
      offeredPackets: this.offeredPackets,
      offeredBytes: this.offeredBytes,
      deliveredPackets: this.deliveredPackets,
      deliveredBytes: this.deliveredBytes,
      dropsRxRing: this.dropsRxRing,
      dropsBacklog: 0,
      dropsIngressCap: 0,
      ingressExceeded: 0,
      arpPackets: 0,
      arpDropped: 0,
      dropsNicIngressCap: 0,
      egressDevices: new Float64Array(0),
      replyPackets: 0,
      dropsEgressCap: 0,
      egressBytes: 0,
      egressDelay: new LatencyHistogram(),
      inFlight: this.countInFlight(),
      latency: this.latency,
      queueCpu: this.plan.queueCpu,
      queueRx: this.queueRx,
      queueDrops: this.queueDrops,
      cpuBusyNs: this.cpuBusy,
      cpuIrqs: this.cpuIrqs,
      cpuPolls: this.cpuPolls,
      cpuPolled: this.cpuPolled,
      cpuProcessed: this.cpuProcessed,
      cpuDropped: new Float64Array(nCpu),
      cpuTimeSqueeze: this.cpuSqueeze,
      cpuReceivedRps: new Float64Array(nCpu),
      routeDrops: new Float64Array(ROUTE_DROP_CAUSES.length),
      outDevPackets: new Float64Array(0),
      irqbalanceScans: scansBeforeRun(this.plan),
      irqMoves: [],
    };
  }
}
