import type { IrqbalanceTimer } from "./irqbalance-timer.js";
import { giveBackArrivalColumns } from "./arrival-columns.js";
import { RFS_PER_PACKET } from "./plan.js";
import type { JobCounters } from "./counters.js";
import { creditApp, preemptApp, reapTx, runApp } from "./app-steps.js";
import { deliverAggregate, groPollStep, pollBacklogGro, steerAggregate } from "./gro-steps.js";
import { jobCounters } from "./counters-of-state.js";
import { runSinkLoop } from "./sink-loop.js";
import { applyInbox, drainSinks, postHandOff, postIpis, sinkWake, wakeByMail } from "./sink-mail.js";
import { coalesceArrival, deferIrq, fireDue, sampleNetDim } from "./interrupt-deadlines.js";
import { peerHorizon, updateSafe } from "./peer-mail.js";
import { keepHotLoopsOffOsr } from "./v8-tiering.js";
import { runPeerLoop } from "./peer-loop.js";
import { DELIVER, EngineState, GEN, NONE, STEER, type JobProgress } from "./simulation-state.js";

export type { JobProgress };

/** Heap turns per call of `takeTurns` (a call is ~50 µs to 1 ms of work: short enough for V8 to optimise the loop between calls, long enough to cost nothing). */
const HEAP_TURNS_PER_CALL = 4096;

/**
 * One simulation job: a discrete-event run of the receive path on a simulated clock.
 *
 * Actors are the arrival generator and the CPUs, ordered by an indexed heap on their next event
 * time. A CPU runs steps: each step first completes the work item that ends now (delivery:
 * latency recorded; RPS hand-off: enqueue to the target CPU's backlog), then takes the arrivals
 * that reached its rings by now, then starts the next work item — a pending hard IRQ or RPS IPI
 * first (interrupts are taken between packets), else the next packet or list operation of
 * net_rx_action. net_rx_action follows the 6.x kernel: one round polls each listed NAPI once,
 * a NAPI that used its whole weight is repolled in the next round, the round ends early when
 * the budget (netdev_budget) or the time limit (netdev_budget_usecs) is spent (time_squeeze),
 * and RPS IPIs are sent when a round ends.
 *
 * With an application (plan.app, engine/app-threads.ts), a CPU with nothing else to do runs its
 * thread, which anything waking the CPU preempts (app-steps.ts `runApp`, `preemptApp`): the thread's time is
 * credited exactly, so receive path + application + idle make the window. Softirq work that keeps
 * re-raising past __do_softirq's limits moves to ksoftirqd, which takes scheduler turns with the
 * thread (engine/cpu-sharing.ts). Replies go to their tx queue, whose poll reaps the
 * completions (app-steps.ts `postTxCompletion`, `reapTx`). docs/application.md has the rules and sources.
 *
 * irqbalance (plan.irqbalance, with a rescan inside the run): the generator actor also runs the
 * daemon's scans (engine/irqbalance-timer.ts); arrival batches end at a scan, and a move
 * repartitions the queue's later arrivals to its new CPU (see `rescan`).
 *
 * Speed: arrivals are pre-generated in batches and partitioned per interrupt CPU, so each CPU
 * reads its own arrivals in time order. A CPU no other CPU can affect (no remote RPS into it)
 * runs ahead up to the next arrival batch without touching the heap; an isolated one runs the
 * tight loop of engine/isolated-cpus.ts instead of the step machine; a CPU that only receives
 * RPS hand-offs (a sink) replays them from its channels a batch at a time (`advanceSinks`);
 * interrupt CPUs that steer to each other (peers) run engine/peer-loop.ts, each up to the earliest
 * time another could post it a hand-off. Measured (bench 4-queue point with rps_cpus ffff,
 * interleaved A/B in one process): the sinks took it from 0.7–0.9 to 1.5–2.0 M simulated packets
 * per CPU-second; the peers, from ~2.3 to ~3.6 M (and vendor-default RPS by 1.2–1.3×; see
 * peer-loop.ts).
 */
export class Simulation extends EngineState {

  /**
   * How many CPUs run the isolated tight loop, replay RPS hand-offs as sinks, steer to sinks ahead
   * of the heap, take hand-offs by mail as peers, or run the peer loop (the rest: the step machine).
   */
  get loops(): {
    readonly isolated: number;
    readonly sinks: number;
    readonly sinkLoops: number;
    readonly aheadSenders: number;
    readonly peers: number;
    readonly peerLoops: number;
  } {
    let sinkLoops = 0;
    let peerLoops = 0;
    for (let c = 0; c < this.nCpu; c++) {
      sinkLoops += this.sinkLoop[c];
      peerLoops += this.peerLoop[c];
    }
    return { isolated: this.isolated?.count ?? 0, sinks: this.sinkList.length, sinkLoops, aheadSenders: this.aheadSenders, peers: this.peerList.length, peerLoops };
  }

  /** Run the job to the end of its duration. */
  run(progress?: JobProgress): JobCounters {
    keepHotLoopsOffOsr();
    this.progress = progress ?? null;
    const end = this.end;
    this.heap.keys[GEN] = this.generatorKey();
    this.heap.reorder(GEN);
    while (this.takeTurns(HEAP_TURNS_PER_CALL)) {
      // (A call per few thousand turns: with OSR off, engine/v8-tiering.ts, the loop is optimised between calls.)
    }
    this.settlePeers(end);
    // Isolated CPUs first: those that steer to sinks post their hand-offs before the sinks replay.
    if (this.isolated !== null) {
      this.isolatedScratch[0] = end;
      this.isolated.advance(this.isolatedScratch);
      this.isolated.finish();
    }
    this.advanceSinks(end);
    drainSinks(this);
    for (let c = 0; c < this.nCpu; c++) if (this.appRunning[c] === 1) creditApp(this, c, end);
    // Arrivals after a CPU's last step but before the end still met their ring: the CPU does
    // nothing between its last step and the end, so the occupancy they see is the current one.
    for (let i = 0; i < this.irqCpus.length; i++) {
      const c = this.irqCpus[i];
      if (this.isIsolated[c] === 1) continue;
      this.raiseDeferred(c);
      this.pullArrivals(c, true);
    }
    this.latency.recordBatch(this.latencyBuf, this.latencyFill);
    this.latencyFill = 0;
    this.egress?.flush(Infinity);
    this.ingress?.policeArp(this.end);
    const counters = jobCounters(this);
    giveBackArrivalColumns(this.columns);
    return counters;
  }

  /** Give the event heap's next actors their turns, at most `turns` of them; false once the run has reached its end. */
  private takeTurns(turns: number): boolean {
    const heap = this.heap;
    const keys = heap.keys;
    const end = this.end;
    for (let turn = 0; turn < turns; turn++) {
      const actor = heap.top();
      const now = keys[actor];
      if (!(now < end)) return false;
      if (actor === GEN) {
        this.generate();
        continue;
      }
      const c = actor - 1;
      const horizon = this.horizon;
      if (this.siblingsOnly[c] === 1) {
        // Only its siblings and the arrivals can change what this CPU does: it may run up to
        // the earliest of their next steps, past CPUs it has nothing to do with.
        horizon[0] = keys[GEN];
        for (let i = this.siblingStart[c]; i < this.siblingStart[c + 1]; i++) {
          const k = keys[this.siblingList[i] + 1];
          if (k < horizon[0]) horizon[0] = k;
        }
      } else if (this.peer[c] === 1) peerHorizon(this, c);
      else if (this.coupled[c] === 1) heap.secondKeyTo(horizon);
      else horizon[0] = keys[GEN];
      if (horizon[0] > end) horizon[0] = end;
      this.cpuNow[c] = now;
      // An idle peer first takes the mail that came meanwhile: an IPI in it woke it earlier.
      if (this.peerLoop[c] === 1) {
        if (this.peer[c] === 1 && this.idle[c] === 1) wakeByMail(this, c);
        runPeerLoop(this, c);
      } else this.runCpu(c);
      heap.reorder(actor);
      if (this.tellsPeers[c] === 1) updateSafe(this, c);
    }
    return true;
  }

  /** When the generator actor goes next: the next arrival or irqbalance scan before the end. */
  private generatorKey(): number {
    const next = this.irqTimer === null || this.source.nextTime < this.irqTimer.dueNs ? this.source.nextTime : this.irqTimer.dueNs;
    return next < this.end ? next : Infinity;
  }

  /**
   * irqbalance's scan, now that every CPU's next step is at or after its time: move the IRQs it
   * moves. A moved queue's next interrupt is raised on its new CPU (arrivals from now on are
   * partitioned to that CPU); a NAPI poll already scheduled stays on the old CPU until it
   * completes, as the kernel's does. The two CPUs then touch one ring, so they keep in step.
   */
  private rescan(timer: IrqbalanceTimer): void {
    const plan = this.plan;
    for (let k = timer.fire(this.cpuBusyNs, this.queueIrqs); k < timer.moves.length; k++) {
      const { queue, from, to } = timer.moves[k];
      this.queueCpu[queue] = to;
      this.coupled[from] = this.coupled[to] = 1;
      for (let f = 0; f < plan.flows.count; f++) {
        if (plan.flowQueue[f] !== queue) continue;
        this.flowSlot[f] = this.slotOfCpu[to];
        // RPS targets equal to the old CPU become remote ones.
        if (plan.flowRpsCpu[f] >= 0) this.coupled[plan.flowRpsCpu[f]] = 1;
        if (plan.flowRpsCpu[f] === RFS_PER_PACKET) {
          if (plan.flowAppCpu[f] >= 0) this.coupled[plan.flowAppCpu[f]] = 1;
          if (plan.flowMapCpu[f] >= 0) this.coupled[plan.flowMapCpu[f]] = 1;
        }
      }
    }
  }

  /**
   * Every CPU on the heap is at or past `until`: an idle peer that an IPI woke before then
   * processes its backlog up to it (peer-mail.ts; it posts nothing meanwhile).
   */
  private settlePeers(until: number): void {
    const peers = this.peerList;
    for (let i = 0; i < peers.length; i++) {
      const c = peers[i];
      if (this.idle[c] === 0) continue;
      this.horizon[0] = until;
      if (!wakeByMail(this, c)) continue;
      runPeerLoop(this, c);
      this.heap.reorder(c + 1);
      if (this.tellsPeers[c] === 1) updateSafe(this, c);
    }
  }

  /** Generate the next arrival batch (or run an irqbalance scan due first); every CPU is at or past its time. */
  private generate(): void {
    this.settlePeers(this.heap.keys[GEN]);
    // The generator is the earliest actor: every hand-off of a CPU on the heap before its time is
    // posted. Once the isolated CPUs have run through the previous batch (up to this one's first
    // arrival: those that steer to sinks have posted theirs too) and the sinks have replayed
    // theirs, no CPU can deliver before its time any more.
    const isolated = this.isolated;
    if (isolated !== null) {
      this.isolatedScratch[0] = this.heap.keys[GEN];
      isolated.advance(this.isolatedScratch);
    }
    this.advanceSinks(this.heap.keys[GEN]);
    this.egress?.flush(this.heap.keys[GEN]);
    const timer = this.irqTimer;
    if (timer !== null && timer.dueNs <= this.source.nextTime) {
      this.rescan(timer);
      this.heap.keys[GEN] = this.generatorKey();
      this.heap.reorder(GEN);
      return;
    }
    const irqCpus = this.irqCpus;
    const arrPos = this.arrPos;
    const arrEnd = this.arrEnd;
    isolated?.makeRoom(this.arrTime, this.arrFlow, this.arrLen, this.slotEnd);
    // No CPU steps before this batch's first arrival, so the previous batch's leftovers can enter
    // their rings now: the ring occupancy they see is the one they would see at their time. On the
    // step machine their interrupts wait for their CPU's next boundary (deferred-raises.ts); no
    // other CPU raises one on a CPU that runs the peer loop.
    for (let i = 0; i < irqCpus.length; i++) {
      const c = irqCpus[i];
      if (this.isIsolated[c] === 1) continue;
      this.pullArrivals(c, true, this.peerLoop[c] === 0);
      arrPos[c] = arrEnd[c] = this.arrBase[c];
      this.slotEnd[i] = this.arrBase[c];
    }
    // A batch ends before the next irqbalance scan: arrivals after it go to the queues' new CPUs.
    const until = timer !== null && timer.dueNs < this.end ? timer.dueNs : this.end;
    this.progress?.(this.heap.keys[GEN] / this.end);
    const arrTime = this.arrTime;
    const warm = this.window[0];
    // Generate in time order → police (with a cap) → partition per interrupt CPU.
    this.generated +=
      this.plan.bulk
        ? this.source.fillBursts(arrTime, this.arrFlow, this.arrLen, this.arrPush, this.flowSlot, this.slotEnd, this.chunk, until)
        : this.ingress === null
        ? this.source.fill(arrTime, this.arrFlow, this.arrLen, this.flowSlot, this.slotEnd, this.chunk, until)
        : this.ingress.fillPoliced(this.source, this.chunk, until, arrTime, this.arrFlow, this.arrLen, this.flowSlot, this.slotEnd, warm);
    isolated?.takeBatch(this.slotEnd);
    for (let i = 0; i < irqCpus.length; i++) {
      const c = irqCpus[i];
      if (this.isIsolated[c] === 1) continue;
      const from = arrPos[c];
      const to = (arrEnd[c] = this.slotEnd[i]);
      // Offered load counts arrivals in the measurement window only.
      let p = from;
      if (to > from && arrTime[from] < warm) while (p < to && arrTime[p] < warm) p++;
      this.offeredPackets += to - p;
      for (let k = p; k < to; k++) this.offeredBytes += this.arrLen[k];
      const wake = arrTime[from] < this.cpuDue[c] ? arrTime[from] : this.cpuDue[c];
      if (this.idle[c] === 1 && from < to && this.sink[c] === 0 && wake < this.heap.keys[c + 1]) {
        // (An idle CPU keyed at an earlier coalescing deadline keeps it, and one running its
        // application thread is keyed at the end of the thread's phase.)
        this.heap.keys[c + 1] = wake;
        this.heap.reorder(c + 1);
      }
    }
    this.heap.keys[GEN] = this.generatorKey();
    this.heap.reorder(GEN);
    // The senders' next packets for peers are in the new batch.
    for (let i = 0; i < irqCpus.length; i++) {
      const c = irqCpus[i];
      if (this.tellsPeers[c] === 0) continue;
      for (let k = this.peerTargetStart[c]; k < this.peerTargetStart[c + 1]; k++) this.peerScan[c * this.nCpu + this.peerTargetList[k]] = arrPos[c];
      updateSafe(this, c);
    }
  }

  /**
   * Move CPU c's arrivals with time ≤ its clock (or all of them, `all`) into their rings: drop at
   * a full ring, raise the queue's IRQ if it is not masked (or, `defer`, at c's next boundary).
   */
  private pullArrivals(c: number, all: boolean, defer = false): void {
    const now = all ? Infinity : this.cpuNow[c];
    const arrTime = this.arrTime;
    const end = this.arrEnd[c];
    let p = this.arrPos[c];
    if (p >= end || arrTime[p] > now) return;
    const arrFlow = this.arrFlow;
    const arrLen = this.arrLen;
    const flowQueue = this.plan.flowQueue;
    const ringCount = this.ringCount;
    const ringCap = this.ringCap;
    const warm = this.window[0];
    const push = this.gro !== null;
    const tellsPeers = this.tellsPeers[c] === 1;
    do {
      const t = arrTime[p];
      const f = arrFlow[p];
      const q = flowQueue[f];
      const count = ringCount[q];
      if (count >= ringCap[q]) {
        if (t >= warm) {
          this.dropsRxRing++;
          this.queueDrops[q]++;
        }
      } else {
        let slot = this.ringHead[q] + count;
        if (slot >= ringCap[q]) slot -= ringCap[q];
        slot += this.ringBase[q];
        this.ringTime[slot] = t;
        this.ringFlow[slot] = f;
        this.ringLen[slot] = arrLen[p];
        if (push) this.ringPush[slot] = this.arrPush[p];
        ringCount[q] = count + 1;
        if (tellsPeers && this.flowToPeer[f] === 1) this.peerInRing[c * this.nCpu + this.plan.flowRpsCpu[f]]++;
        if (t >= warm) this.queueRx[q]++;
        if (defer) this.deferredRaises.defer(c, q, arrTime, p);
        else this.raiseIrq(c, q, arrTime, p);
      }
      p++;
    } while (p < end && arrTime[p] <= now);
    this.arrPos[c] = p;
  }

  /** At CPU c's step boundary: the interrupts its deferred arrivals raise, in arrival order, as `pullArrivals` raises them. */
  private raiseDeferred(c: number): void {
    const raises = this.deferredRaises;
    const queues = raises.queuesOf(c);
    const times = raises.timesOf(c);
    for (let i = 0; i < raises.count[c]; i++) this.raiseIrq(c, queues[i], times, i);
    raises.count[c] = 0;
  }

  /** Arrival `at` of the columns `time` reaches queue q's ring on CPU c: its interrupt fires unless the queue's NAPI is scheduled (or coalescing holds it). */
  private raiseIrq(c: number, q: number, time: Float64Array, at: number): void {
    if (this.napiSched[q] !== 0) return;
    if (this.coalesceFrames[q] === 1) {
      // The queue's interrupt fires; it stays masked until its NAPI poll completes.
      this.napiSched[q] = 1;
      this.pendingIrqs.append(c, q);
    } else coalesceArrival(this, c, q, time[at]);
  }

  /**
   * Run CPU c from `now` until its next step would start at or after the horizon; returns the
   * time of its next step (or its next own arrival when it goes idle).
   *
   * The common case — polling a ring whose packets finish on this CPU — is a tight inner loop
   * that delivers packet after packet without going through the generic step; it leaves as soon
   * when anything else may need the CPU (an interrupt raised by an arrival, an RPS hand-off, the
   * weight, the horizon). Measured with bench/e2e.bench.ts (see the figure recorded there).
   */
  private runCpu(c: number): void {
    this.idle[c] = 0;
    if (this.appRunning[c] === 1) preemptApp(this, c);
    const cpuNow = this.cpuNow;
    const keys = this.heap.keys;
    const actor = c + 1;
    let now = cpuNow[c];
    const plan = this.plan;
    const cost = plan.costNs;
    const nQ = this.nQ;
    const warm = this.window[0];
    const end = this.window[1];
    // (Infinity read from a typed array, as the isolated loop does: a loop value merged with the
    // Infinity literal, a tagged constant to V8, can be boxed on every update.)
    const never = this.window[2];
    // Without an application no thread ever runs: the calls that ask are skipped (a clock value
    // passed to a call V8 does not inline is boxed).
    const hasApp = this.app !== null;
    const uncoupled = this.coupled[c] === 0;
    const isSink = this.sink[c] === 1;
    // A CPU that steers to peers counts the packets for them in its ring (peer-mail.ts `updateSafe`).
    const tellsPeers = this.tellsPeers[c] === 1;
    const flowToPeer = this.flowToPeer;
    const arrTime = this.arrTime;
    const arrEnd = this.arrEnd[c];
    const arrPos = this.arrPos;
    const ringCount = this.ringCount;
    const ringHead = this.ringHead;
    const ringCap = this.ringCap;
    const ringBase = this.ringBase;
    const ringTime = this.ringTime;
    const ringFlow = this.ringFlow;
    const ringLen = this.ringLen;
    const flowRps = plan.flowRpsCpu;
    const latency = this.latency;
    const latencyBuf = this.latencyBuf;
    let latencyFill = this.latencyFill;
    const exponential = plan.exponentialCosts;
    const rng = this.costRng[c];
    const inline = cost.driver + cost.stack;
    const steerNs = cost.driver + cost.rpsEnqueue;
    // Per-packet work on this CPU (NUMA-remote from the NIC: more), and hand-offs between nodes.
    const factor = plan.cpuWorkFactor[c];
    const cpuNode = plan.cpuNode;
    const node = cpuNode[c];
    const crossNode = cost.rpsCrossNode;
    const perByte = cost.perByte;
    const weight = plan.napiWeight;
    const rfsOn = plan.rfs !== null;
    // SMT: an item started while a sibling is busy runs at smtSpeed (engine/smt-cores.ts).
    const core = this.smtCore[c];
    const coreBusy = this.coreBusyUntil;
    const smtSpeed = plan.smtSpeed;
    // Route verdicts (drops, lookup time) are applied where a packet is delivered: a plan with
    // routing takes the step-by-step path (pollRing → deliver) for every packet.
    // The fast engine polls a NAPI packet by packet in one loop (plans without route verdicts
    // or caps: those are applied by the generic step's `deliver`).
    // (net DIM counts each polled packet's bytes: the packet-by-packet loop leaves it to pollRing.)
    const fastLoops = this.fast && plan.plain && this.gro === null && this.dim === null;
    const dim = this.dim;
    /** Some queue coalesces or defers: deadlines may fire at this CPU's step boundaries. */
    const deadlines = plan.coalescing;
    const devWeight = plan.devWeight;
    const backlogs = this.backlogs;
    const busyNs = this.cpuBusyNs;
    let delivered = 0;
    let deliveredBytes = 0;
    let polled = 0;
    /** 1 when the work item being timed is softirq work run by ksoftirqd. */
    let softItem = 0;
    for (;;) {
      if (isSink) {
        // Hand-offs and IPIs posted before this step boundary (engine/hand-off-channels.ts).
        cpuNow[c] = now;
        applyInbox(this, c);
      }
      const kind = this.compKind[c];
      if (kind !== NONE) {
        this.compKind[c] = NONE;
        cpuNow[c] = now;
        if (kind === DELIVER) {
          this.latencyFill = latencyFill;
          if (this.gro === null) this.deliver(c);
          else deliverAggregate(this, c, this.gro);
          latencyFill = this.latencyFill;
        } else if (this.gro === null) this.steer(c);
        else steerAggregate(this, c, this.compTarget[c], this.gro);
      }
      if (this.deferredRaises.count[c] > 0) {
        cpuNow[c] = now;
        this.raiseDeferred(c);
      }
      if (arrPos[c] < arrEnd && arrTime[arrPos[c]] <= now) {
        cpuNow[c] = now;
        this.pullArrivals(c, false);
      }
      if (deadlines && this.cpuDue[c] <= now) fireDue(this, c, now);

      let work: number;
      const q = this.pendingIrqs.popFront(c);
      const n = this.curNapi[c];
      if (q !== -1) {
        // Hard IRQ: napi_schedule() of the queue's NAPI on this CPU — or NAPI's repoll timer
        // (napi_watchdog), an interrupt of the CPU's own timer: charged as a hard IRQ, not
        // counted as one of the queue's.
        this.pollList.append(c, q);
        if (this.timerPending[q] === 1) this.timerPending[q] = 0;
        else {
          this.queueIrqs[q]++;
          if (dim !== null) dim.events[q]++;
          if (now >= warm) this.cpuIrqs[c]++;
        }
        work = cost.hardIrq;
        if (core >= 0 && coreBusy[core] > now) work /= smtSpeed;
      } else if (this.ipiPending[c] === 1) {
        // RPS IPI: schedule this CPU's backlog NAPI.
        this.ipiPending[c] = 0;
        this.pollList.append(c, nQ + c);
        if (now >= warm) this.cpuReceivedRps[c]++;
        work = cost.ipi;
        if (core >= 0 && coreBusy[core] > now) work /= smtSpeed;
      } else if (
        fastLoops &&
        n >= 0 &&
        (n < nQ ? !isSink && this.pollWork[c] < weight && ringCount[n] > 0 : n === nQ + c && this.pollWork[c] < devWeight && backlogs.size(c) > 0)
      ) {
        // One NAPI poll, packet by packet: the driver's poll of ring n (a packet finishes here, or
        // RPS hands it off when the driver work ends), or process_backlog (every packet finishes
        // here).
        const fromRing = n < nQ;
        const limit = fromRing ? weight : devWeight;
        const baseNs = fromRing ? inline : cost.stack;
        let done = this.pollWork[c];
        let pos = arrPos[c];
        let nextArrival = pos < arrEnd ? arrTime[pos] : never;
        const horizon = this.horizon[0];
        // A sink's hand-offs and IPIs due by a packet's end are applied at that step boundary.
        const inbox = this.inboxes[c];
        const mailFrom = isSink ? inbox.earliest() : -1;
        const nextMail = mailFrom >= 0 ? inbox.next[mailFrom] : never;
        work = 0;
        while (done < limit) {
          let flow: number;
          let len: number;
          let arrival: number;
          if (fromRing) {
            if (ringCount[n] === 0) break;
            const head = ringHead[n];
            const slot = ringBase[n] + head;
            ringHead[n] = head + 1 === ringCap[n] ? 0 : head + 1;
            ringCount[n]--;
            flow = ringFlow[slot];
            len = ringLen[slot];
            arrival = ringTime[slot];
            if (arrival >= warm) polled++;
            if (tellsPeers && flowToPeer[flow] === 1) this.peerInRing[c * this.nCpu + flowRps[flow]]--;
          } else {
            const slot = backlogs.dequeue(c);
            if (slot < 0) break;
            flow = backlogs.flow[slot];
            len = backlogs.len[slot];
            arrival = backlogs.time[slot];
          }
          done++;
          let target = fromRing ? flowRps[flow] : -1;
          if (target === RFS_PER_PACKET) target = this.rfsTarget(flow);
          if (target >= 0) {
            // RPS: the hand-off to the target's backlog happens when the driver work ends.
            let s = steerNs * factor;
            if (cpuNode[target] !== node) s += crossNode;
            if (exponential) s *= rng.nextExp();
            if (core >= 0 && coreBusy[core] > now) s /= smtSpeed;
            this.compArr[c] = arrival;
            this.compFlow[c] = flow;
            this.compLen[c] = len;
            this.compTarget[c] = target;
            const stop = now + s;
            if (core >= 0 && stop > coreBusy[core]) coreBusy[core] = stop;
            if (stop >= horizon) {
              work = s;
              this.compKind[c] = STEER;
              break;
            }
            const to = stop < end ? stop : end;
            const from = now > warm ? now : warm;
            if (to > from) busyNs[c] += to - from;
            now = stop;
            cpuNow[c] = now;
            this.steer(c);
          } else {
            let w = (baseNs + perByte * len) * factor;
            if (exponential) w *= rng.nextExp();
            if (core >= 0 && coreBusy[core] > now) w /= smtSpeed;
            const stop = now + w;
            if (core >= 0 && stop > coreBusy[core]) coreBusy[core] = stop;
            if (stop >= horizon) {
              // Ends past the horizon: complete it in the generic step.
              work = w;
              this.compKind[c] = DELIVER;
              this.compArr[c] = arrival;
              this.compFlow[c] = flow;
              this.compLen[c] = len;
              break;
            }
            // Busy time clipped to the window, added straight into the typed array: a local double
            // accumulator that starts as the integer 0 (or a `x > 0 ? x : 0` select) makes V8 box
            // it on every update.
            const to = stop < end ? stop : end;
            const from = now > warm ? now : warm;
            if (to > from) busyNs[c] += to - from;
            now = stop;
            if (rfsOn && this.plan.flowAppCpu[flow] >= 0) this.recordApp(flow);
            if (arrival >= warm) {
              latencyBuf[latencyFill++] = stop - arrival;
              if (latencyFill === latencyBuf.length) {
                latency.recordBatch(latencyBuf, latencyFill);
                latencyFill = 0;
              }
              delivered++;
              deliveredBytes += len;
            }
          }
          if (nextArrival <= now) {
            cpuNow[c] = now;
            this.pullArrivals(c, false);
            if (!this.pendingIrqs.isEmpty(c)) break;
            pos = arrPos[c];
            nextArrival = pos < arrEnd ? arrTime[pos] : never;
          }
          // A coalescing or repoll deadline passed: the next step boundary fires it.
          if (deadlines && this.cpuDue[c] <= now) break;
          if (nextMail <= now) break;
        }
        this.pollWork[c] = done;
        if (work === 0) continue;
      } else if (hasApp && this.sharing.threadsTurn(c, now)) {
        // ksoftirqd and the thread take turns: the thread's.
        cpuNow[c] = now;
        if (runApp(this, c, this.sharing.running[c])) {
          // It went to sleep: ksoftirqd has the CPU again.
          this.sharing.threadSlept(c);
          continue;
        }
        this.latencyFill = latencyFill;
        this.flushCpu(c, delivered, deliveredBytes, polled);
        return;
      } else {
        cpuNow[c] = now;
        const step = this.softirqStep(c);
        work = this.stepWork[c];
        softItem = this.sharing.ksoftirqd[c];
        if (step < 0) {
          // A poll that ended with tx completions pending, or with GRO's flush, raised its queue's
          // interrupt on this CPU: take it at once.
          if (!this.pendingIrqs.isEmpty(c)) continue;
          const thread = hasApp ? this.sharing.pickThread(c, now) : -1;
          if (thread >= 0) {
            // No interrupt or softirq work: the CPU runs its application thread until the thread's
            // phase ends or the CPU's next own arrival, back on the heap (others may wake it sooner).
            if (runApp(this, c, thread)) continue;
            this.latencyFill = latencyFill;
            this.flushCpu(c, delivered, deliveredBytes, polled);
            return;
          }
          if (isSink) {
            // Nothing to do until the next own arrival or an IPI, whichever comes first.
            if (sinkWake(this, c)) {
              now = cpuNow[c];
              continue;
            }
            this.idle[c] = 1;
            this.latencyFill = latencyFill;
            this.flushCpu(c, delivered, deliveredBytes, polled);
            return;
          }
          // Nothing to do until the next own arrival. A CPU nobody else can reach just jumps
          // there; one linked by RPS returns to the heap so that others may go first.
          const p = arrPos[c];
          let next = p < arrEnd ? arrTime[p] : never;
          // …or its next coalescing or repoll deadline, which wakes it with no new arrival.
          if (this.cpuDue[c] < next) next = this.cpuDue[c];
          if (uncoupled && next < this.horizon[0]) {
            now = next;
            continue;
          }
          this.idle[c] = 1;
          this.latencyFill = latencyFill;
          this.flushCpu(c, delivered, deliveredBytes, polled);
          cpuNow[c] = now;
          keys[actor] = next;
          return;
        }
        if (step === 0) continue;
        if (core >= 0 && coreBusy[core] > now) work /= smtSpeed;
      }
      const stop = now + work;
      if (core >= 0 && stop > coreBusy[core]) coreBusy[core] = stop;
      const from = now > warm ? now : warm;
      const to = stop < end ? stop : end;
      if (to > from) {
        busyNs[c] += to - from;
        if (softItem === 1) this.sharing.ksoftirqdNs[c] += to - from;
      }
      softItem = 0;
      now = stop;
      if (now >= this.horizon[0]) {
        this.latencyFill = latencyFill;
        this.flushCpu(c, delivered, deliveredBytes, polled);
        cpuNow[c] = now;
        if (!isSink) keys[actor] = now;
        return;
      }
    }
  }

  /** Add what a runCpu call counted in locals to the job's counters. */
  private flushCpu(c: number, delivered: number, deliveredBytes: number, polled: number): void {
    this.cpuPolled[c] += polled;
    // Called once per runCpu; its double arguments are boxed once per call, not per packet.
    this.cpuProcessed[c] += delivered;
    this.deliveredPackets += delivered;
    this.deliveredBytes += deliveredBytes;
  }

  /**
   * One step of net_rx_action on CPU c at its clock: start a round, poll the next NAPI, process one
   * packet, or end a poll/round. Returns 1 when the step takes CPU time (stored in stepWork[c]),
   * -1 when there is nothing to do.
   */
  private softirqStep(c: number): number {
    const plan = this.plan;
    const now = this.cpuNow[c];
    this.stepWork[c] = 0;
    // List operations take no CPU time and nothing else can happen meanwhile (no time passes, so
    // no arrival or interrupt), so they run here back to back until a step costs time or the CPU
    // has nothing left: one call per busy step instead of one per list operation.
    for (;;) {
      const n = this.curNapi[c];
      if (n === -1) {
        if (this.inRx[c] === 0) {
          if (this.pollList.isEmpty(c)) {
            // Nothing pending: this __do_softirq (or ksoftirqd's run) is over.
            this.sharing.softirqDone(c);
            return -1;
          }
          this.sharing.softirqRuns(c, now);
          this.inRx[c] = 1;
          this.budget[c] = plan.netdevBudget;
          this.rxLimit[c] = now + plan.netdevBudgetNs;
          this.roundList.appendAll(c, this.pollList);
        }
        if (this.roundList.isEmpty(c)) {
          if (this.repollList.isEmpty(c) && !this.pollList.isEmpty(c)) {
            this.roundList.appendAll(c, this.pollList); // NAPIs scheduled during the round: same budget ("goto start").
          } else {
            this.endRound(c);
            continue;
          }
        }
        const polled = (this.curNapi[c] = this.roundList.popFront(c));
        this.pollWork[c] = 0;
        if (now >= this.warm) this.cpuPolls[c]++;
        this.stepWork[c] = plan.costNs.poll;
        if (polled < this.nQ && this.txPending[polled] > 0) reapTx(this, c, polled);
        return 1;
      }

      const nQ = this.nQ;
      const weight = n < nQ ? plan.napiWeight : plan.devWeight;
      const done = this.pollWork[c];
      const groPoll = this.gro !== null && n < nQ;
      if (groPoll) {
        if (groPollStep(this, c, n, done === weight)) return 1;
      } else if (done < weight && (n < nQ ? this.pollRing(c, n) : this.pollBacklog(c))) {
        this.pollWork[c] = done + 1;
        return 1;
      }
      // The poll ends: a NAPI that used its whole weight stays scheduled for the next round;
      // otherwise it completes (and a queue's interrupt is unmasked).
      this.curNapi[c] = -1;
      if (done === weight) this.repollList.append(c, n);
      else if (n < nQ && this.txPending[n] > 0) {
        // Completions came in during the poll: the driver's napi_complete_done finds more work
        // when it re-enables the interrupt, and the queue's interrupt fires again.
        this.interruptFrom(c, n, now);
        if (this.dim !== null) sampleNetDim(this, n, now);
      } else if (n >= nQ || plan.queueDeferNs[n] === 0 || !deferIrq(this, c, n, done, now)) {
        // Segments that arrived while GRO's flushed aggregates went up the stack: re-enabling
        // the queue's interrupt finds them, and it fires at once.
        if (groPoll && this.ringCount[n] > 0) this.interruptFrom(c, n, now);
        else this.napiSched[n] = 0;
        if (n < nQ) {
          this.deferLeft[n] = 0;
          if (this.dim !== null) sampleNetDim(this, n, now);
        }
      }
      this.budget[c] -= done;
      if (this.budget[c] <= 0 || now >= this.rxLimit[c]) {
        if (now >= this.warm) this.cpuTimeSqueeze[c]++;
        this.endRound(c);
      }
    }
  }

  /** Driver poll of rx queue q: take one packet (its cost into stepWork[c]); false if empty. */
  private pollRing(c: number, q: number): boolean {
    const slot = this.takeFromRing(q);
    if (slot < 0) return false;
    const flow = this.ringFlow[slot];
    const len = this.ringLen[slot];
    const cost = this.plan.costNs;
    if (this.tellsPeers[c] === 1 && this.flowToPeer[flow] === 1) this.peerInRing[c * this.nCpu + this.plan.flowRpsCpu[flow]]--;
    this.compArr[c] = this.ringTime[slot];
    this.compLen[c] = len;
    if (this.ringTime[slot] >= this.warm) this.cpuPolled[c]++;
    const dim = this.dim;
    if (dim !== null) {
      dim.pkts[q]++;
      dim.bytes[q] += len;
    }
    let target = this.plan.flowRpsCpu[flow];
    if (target === RFS_PER_PACKET) target = this.rfsTarget(flow);
    this.compFlow[c] = flow;
    let work: number;
    const plan = this.plan;
    if (target < 0) {
      this.compKind[c] = DELIVER;
      work = (cost.driver + cost.stack + cost.perByte * len + this.routeNs(flow)) * plan.cpuWorkFactor[c];
    } else {
      this.compKind[c] = STEER;
      this.compFlow[c] = flow;
      this.compTarget[c] = target;
      work = (cost.driver + cost.rpsEnqueue) * plan.cpuWorkFactor[c];
      if (plan.cpuNode[target] !== plan.cpuNode[c]) work += cost.rpsCrossNode;
    }
    this.stepWork[c] = this.plan.exponentialCosts ? work * this.costRng[c].nextExp() : work;
    return true;
  }

  /** process_backlog: take one packet from this CPU's backlog (its cost into stepWork[c]); false if empty. */
  private pollBacklog(c: number): boolean {
    if (this.gro !== null) return pollBacklogGro(this, c, this.gro);
    const backlogs = this.backlogs;
    const slot = backlogs.dequeue(c);
    if (slot < 0) return false;
    const len = backlogs.len[slot];
    this.compFlow[c] = backlogs.flow[slot];
    this.compKind[c] = DELIVER;
    this.compArr[c] = backlogs.time[slot];
    this.compLen[c] = len;
    const cost = this.plan.costNs;
    const work = (cost.stack + cost.perByte * len + this.routeNs(this.compFlow[c])) * this.plan.cpuWorkFactor[c];
    this.stepWork[c] = this.plan.exponentialCosts ? work * this.costRng[c].nextExp() : work;
    return true;
  }

  /** enqueue_to_backlog on the target CPU of the packet CPU c just handed off. */
  private steer(c: number): void {
    const r = this.compTarget[c];
    if (this.mailed[r] === 1 && r !== c) {
      postHandOff(this, c, r);
      return;
    }
    const flow = this.compFlow[c];
    if (!this.backlogs.enqueue(r, this.compArr, this.compFlow, this.compLen, c)) {
      if (this.compArr[c] >= this.warm) {
        this.dropsBacklog++;
        this.cpuDropped[r]++;
      }
      return;
    }
    this.enqueuedToBacklog(c, r, flow);
  }

  /**
   * End of net_rx_action: poll_list = rest of the round, then NAPIs scheduled meanwhile, then the
   * repoll list (re-raising the softirq if not empty); then send the RPS IPIs.
   */
  private endRound(c: number): void {
    const now = this.cpuNow[c];
    this.roundList.appendAll(c, this.pollList);
    this.roundList.appendAll(c, this.repollList);
    this.pollList.appendAll(c, this.roundList);
    this.inRx[c] = 0;
    if (!this.pollList.isEmpty(c)) this.sharing.softirqReraised(c, now);
    const sender = this.senderSlot[c];
    if (sender >= 0 && this.flushCount[sender] > 0) postIpis(this, c, sender);
    let r = this.ipiHead[c];
    this.ipiHead[c] = -1;
    while (r !== -1) {
      const next = this.ipiNext[r];
      this.ipiNext[r] = -1;
      this.ipiPending[r] = 1;
      this.wake(r, now);
      r = next;
    }
  }

  /** Run every sink up to (not including) time `until`; every hand-off before it is posted. */
  private advanceSinks(until: number): void {
    const sinks = this.sinkList;
    for (let i = 0; i < sinks.length; i++) {
      const r = sinks[i];
      if (!(this.cpuNow[r] < until)) continue;
      this.horizon[0] = until;
      if (this.sinkLoop[r] === 1) runSinkLoop(this, r);
      else this.runCpu(r);
    }
  }

}
