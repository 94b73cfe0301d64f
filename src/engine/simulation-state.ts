import { LatencyHistogram } from "../stats/latency-histogram.js";
import type { PacketSource } from "../traffic/packet-source.js";
import { Prng } from "../traffic/prng.js";
import { ActorHeap } from "./actor-heap.js";
import { Backlogs } from "./backlogs.js";
import { IrqbalanceTimer, rescansDuringRun } from "./irqbalance-timer.js";
import { PerCpuList } from "./per-cpu-list.js";
import { ROUTE_DROP_CAUSES } from "./flow-routes.js";
import { IngressPolicing } from "./ingress-policing.js";
import { EgressPath } from "./egress-path.js";
import { DeferredRaises } from "./deferred-raises.js";
import { HandOffChannel, SinkInbox } from "./hand-off-channels.js";
import { IsolatedCpus } from "./isolated-cpus.js";
import { takeArrivalColumns, type ArrivalColumns } from "./arrival-columns.js";
import { RFS_PER_PACKET, type Plan } from "./plan.js";
import { overtakeCoalescing } from "./interrupt-deadlines.js";
import { chooseCpuLoops } from "./cpu-loops.js";
import { NetDim } from "./net-dim.js";
import { GroTables } from "./gro-tables.js";
import { AppThreads } from "./app-threads.js";
import { CpuSharing } from "./cpu-sharing.js";

/** What a CPU is doing until its next step: nothing, a packet's stack work, or its RPS hand-off. */
export const NONE = 0;
export const DELIVER = 1;
export const STEER = 2;

/** Actor 0 generates arrivals; actor c + 1 is CPU c. */
export const GEN = 0;

/**
 * Told, once per arrival batch (4,096 packets), how much of the job's simulated time is done
 * (0..1). It runs inside the job, synchronously: keep it cheap.
 */
export type JobProgress = (fractionDone: number) => void;

/**
 * The engine's state, shared by its parts: the step machine (simulation.ts) and the modules it
 * calls for one feature each (deadlines, GRO, sinks, the application, the counters). Every field
 * is a typed array or a small object allocated here once per job; no part allocates per packet.
 * Engine-internal: engine/index.ts exports `Simulation`, not this.
 */
export class EngineState {
  readonly plan: Plan;
  readonly source: PacketSource;
  readonly heap: ActorHeap;
  readonly nCpu: number;
  readonly nQ: number;
  readonly warm: number;
  readonly end: number;
  /**
   * [warm-up end, run end, Infinity] in a Float64Array, for hot loops: a double loaded from a typed array
   * is a raw float64 to V8, while one loaded from an object field may be tagged (a Smi here, the
   * values being whole ns), and a clock value merged with a tagged one (`now > warm ? now :
   * warm`) is boxed on every update. Measured: ~25 bytes of garbage per packet without it.
   */
  readonly window: Float64Array;
  readonly chunk: number;
  /**
   * [0] how far the running CPU may go: its steps start before this time. A typed-array slot,
   * not a field: V8 allocated a HeapNumber for each double stored into the field (measured with
   * the sampling heap profiler: 40 bytes per simulated packet with RPS).
   */
  readonly horizon = new Float64Array(1);
  generated = 0;

  // Arrival batch (generation order) and its per-CPU partition.
  readonly columns: ArrivalColumns;
  readonly arrTime: Float64Array;
  readonly arrFlow: Int32Array;
  readonly arrLen: Uint16Array;
  readonly arrPush: Uint8Array;
  readonly arrBase: Int32Array;
  readonly arrPos: Int32Array;
  readonly arrEnd: Int32Array;
  /** CPUs that take interrupts; slot i of the arrival arrays belongs to irqCpus[i]. */
  readonly irqCpus: Int32Array;
  /** Arrival slot (index into irqCpus) of each flow, and the fill position of each slot. */
  readonly flowSlot: Uint16Array;
  readonly slotEnd: Int32Array;
  readonly slotOfCpu: Int32Array;
  /** CPU that takes each queue's next interrupt (irqbalance may change it during the run). */
  readonly queueCpu: Int32Array;
  /** Interrupts per queue since the start (warm-up included), for irqbalance's samples. */
  readonly queueIrqs: Float64Array;
  /** irqbalance's rescans, or null when the queue → CPU map is fixed for the run. */
  readonly irqTimer: IrqbalanceTimer | null;

  // rx rings: one circular buffer per queue in shared slot arrays.
  readonly ringBase: Int32Array;
  readonly ringCap: Int32Array;
  readonly ringHead: Int32Array;
  readonly ringCount: Int32Array;
  readonly ringTime: Float64Array;
  readonly ringFlow: Int32Array;
  readonly ringLen: Uint16Array;
  /** TCP PSH of each ring slot (with GRO only; else empty). */
  readonly ringPush: Uint8Array;
  /** GRO's held and passed-up aggregates (plan.gro), or null: GRO does not apply. */
  readonly gro: GroTables | null;
  /** Per CPU: its NAPI poll is ending (GRO flushed at its end; the aggregates' stack work runs before it completes). */
  readonly pollEnding: Uint8Array;
  /** Per CPU, with GRO: the aggregate of its current work item. */
  readonly compAgg: Int32Array;

  // Per-CPU backlogs of RPS.
  readonly backlogs: Backlogs;

  // NAPI instances: rx queue q is NAPI q; CPU c's backlog is NAPI nQ + c.
  readonly napiSched: Uint8Array;
  readonly napiNext: Int32Array;
  // Per-CPU lists of NAPIs: sd->poll_list, the current round's list, the repoll list.
  readonly pollList: PerCpuList;
  readonly roundList: PerCpuList;
  readonly repollList: PerCpuList;
  // Interrupt coalescing and deferred interrupts (nics[].coalesce): per queue, the packets that
  // arrived since its interrupt was unmasked, its deadline (an interrupt timer or NAPI's repoll
  // timer, DUE_*), the CPU the deadline fires on, and the empty polls it may still defer; per
  // CPU, the earliest deadline that fires on it.
  readonly coalesceCount: Int32Array;
  /** Per queue, rx-frames and rx-usecs (ns) now: the plan's, or net DIM's latest profile (adaptive-rx). */
  readonly coalesceFrames: Int32Array;
  readonly coalesceNs: Float64Array;
  /** net DIM of the queues that run adaptive-rx, or null when none does. */
  readonly dim: NetDim | null;
  readonly dueAt: Float64Array;
  readonly dueKind: Uint8Array;
  readonly dueCpu: Int32Array;
  readonly deferLeft: Int32Array;
  /** The queue's pending interrupt is NAPI's repoll timer, not the device's. */
  readonly timerPending: Uint8Array;
  readonly cpuDue: Float64Array;
  // Pending hard IRQs (queues) per CPU, and RPS IPIs to send / taken.
  readonly pendingIrqs: PerCpuList;
  /** Arrivals in the rings of a step-machine CPU whose interrupt waits for its next boundary (deferred-raises.ts). */
  readonly deferredRaises: DeferredRaises;
  readonly ipiHead: Int32Array;
  readonly ipiNext: Int32Array;
  readonly ipiPending: Uint8Array;

  // CPU execution state. Times and costs cross method calls through these arrays, never as
  // arguments or return values: V8 boxes a double passed to or returned from a call it does not
  // inline, which cost ~90 bytes of garbage per packet before this layout (measured with
  // --trace-gc: 90 scavenges per 4 M packets → 0).
  readonly cpuNow: Float64Array;
  readonly stepWork: Float64Array;
  readonly idle: Uint8Array;
  readonly coupled: Uint8Array;
  /**
   * CPUs that take RPS hand-offs from others but hand none on (RFS off, no irqbalance rescan):
   * nobody reads their state, so they leave the event heap and replay their hand-offs from an
   * inbox, a whole arrival batch at a time (engine/hand-off-channels.ts, `advanceSinks`).
   */
  readonly sink: Uint8Array;
  readonly sinkList: Int32Array;
  /** Per sink that takes no interrupt (cpu-loops.ts `sinkLoop`): 1, and where its tight loop is (engine/sink-loop.ts). */
  readonly sinkLoop: Uint8Array;
  readonly sinkPhase: Uint8Array;
  /** Per sink or peer, its channels from the CPUs that steer to it (another CPU's entry is empty). */
  readonly inboxes: SinkInbox[];
  /** Peers (cpu-loops.ts): CPUs that steer and take hand-offs by mail, on the heap (engine/peer-mail.ts). */
  readonly peer: Uint8Array;
  readonly peerList: Int32Array;
  /** Per CPU: 1 when it takes its hand-offs from channels (a sink or a peer). */
  readonly mailed: Uint8Array;
  readonly mailedList: Int32Array;
  readonly peerSenderStart: Int32Array;
  readonly peerSenderList: Int32Array;
  readonly flowToPeer: Uint8Array;
  readonly tellsPeers: Uint8Array;
  readonly peerTargetStart: Int32Array;
  readonly peerTargetList: Int32Array;
  /**
   * Per (CPU that steers to peers, peer), index `cpu * nCpu + peer`: no hand-off or IPI it posts
   * to that peer from now on is stamped before this time (engine/peer-mail.ts `updateSafe`); the
   * packets for that peer in its ring; where its scan of its arrivals for the next one is.
   */
  readonly safe: Float64Array;
  /** Per CPU: the least time a steer takes there (0 when costs are exponential draws). */
  readonly steerMin: Float64Array;
  readonly peerInRing: Int32Array;
  readonly peerScan: Int32Array;
  /**
   * A peer's tight loop (engine/peer-loop.ts): its queue, and its poll, round and repoll lists
   * and the NAPI it polls as codes of its two NAPIs; [0] of `peerStamp` is a message's time on its
   * way to a channel (not boxed).
   */
  readonly peerLoop: Uint8Array;
  readonly peerQueue: Int32Array;
  readonly peerPoll: Int32Array;
  readonly peerRound: Int32Array;
  readonly peerRepoll: Int32Array;
  readonly peerCur: Int32Array;
  readonly peerStamp = new Float64Array(1);
  /** Per (sender slot, sink) — index `senderSlot * nCpu + sink` — their channel. */
  readonly channelTo: HandOffChannel[];
  readonly aheadSenders: number;
  /** Per steering CPU (its `senderSlot`), the sinks it handed a packet to since its round began. */
  readonly senderSlot: Int32Array;
  readonly flushMark: Uint8Array;
  readonly flushList: Int32Array;
  readonly flushCount: Int32Array;
  /** Per sink: the CPU whose IPI it waits for (-1: none). */
  readonly ipiOwedBy: Int32Array;
  readonly inRx: Uint8Array;
  readonly budget: Int32Array;
  readonly rxLimit: Float64Array;
  readonly curNapi: Int32Array;
  readonly pollWork: Int32Array;
  readonly compKind: Uint8Array;
  readonly compArr: Float64Array;
  readonly compFlow: Int32Array;
  readonly compLen: Uint16Array;
  readonly compTarget: Int32Array;
  readonly costRng: Prng[];
  /**
   * SMT (engine/smt-cores.ts): per CPU, the slot of its core when another thread of the core also
   * works (-1: none); per tracked core, when the last work item one of its threads started ends.
   */
  readonly smtCore: Int32Array;
  readonly coreBusyUntil: Float64Array;
  /** CPUs coupled only to their core's other working threads, and those threads (cpu-loops.ts). */
  readonly siblingsOnly: Uint8Array;
  readonly siblingStart: Int32Array;
  readonly siblingList: Int32Array;

  // Counters (window only).
  offeredPackets = 0;
  offeredBytes = 0;
  deliveredPackets = 0;
  deliveredBytes = 0;
  dropsRxRing = 0;
  dropsBacklog = 0;
  groAggregates = 0;
  groSegments = 0;
  readonly latency = new LatencyHistogram();
  /** Latencies waiting to be recorded in one `recordBatch` call (vector style, no boxing). */
  readonly latencyBuf: Float64Array;
  latencyFill = 0;
  readonly queueRx: Float64Array;
  readonly queueDrops: Float64Array;
  readonly cpuBusyNs: Float64Array;
  readonly cpuIrqs: Float64Array;
  readonly cpuPolls: Float64Array;
  readonly cpuPolled: Float64Array;
  readonly cpuProcessed: Float64Array;
  readonly cpuDropped: Float64Array;
  readonly cpuTimeSqueeze: Float64Array;
  readonly cpuReceivedRps: Float64Array;
  readonly routeDrops = new Float64Array(ROUTE_DROP_CAUSES.length);
  readonly outDevPackets: Float64Array;
  /** The ingress cap's policer, or null without one. */
  readonly ingress: IngressPolicing | null;
  /** The reply stream's egress shaper, or null without one. */
  readonly egress: EgressPath | null;
  /** The CPUs that run the isolated tight loop (engine/isolated-cpus.ts), or null: none. */
  readonly isolated: IsolatedCpus | null;
  readonly isIsolated: Uint8Array;
  /** [0] the time the isolated CPUs run to next (a double passed in a typed array is not boxed). */
  readonly isolatedScratch = new Float64Array(1);
  /** The application's threads and sockets, or null: no application is charged. */
  readonly app: AppThreads | null;
  /** Who has each CPU besides interrupts: its threads, and its softirq work once in ksoftirqd. */
  readonly sharing: CpuSharing;
  /**
   * Per CPU: its thread runs (no interrupt or softirq work pending); it left the heap keyed at
   * the end of the thread's phase or its next own arrival, whichever first, and anything that
   * wakes the CPU earlier cuts the phase there (`preemptApp`).
   */
  readonly appRunning: Uint8Array;
  /** When the running thread's current stretch began, and its speed in it (SMT: smtSpeed while a sibling was busy, else 1). */
  readonly appStart: Float64Array;
  readonly appRate: Float64Array;
  /** Time each CPU spent running application threads (window only). */
  readonly cpuApp: Float64Array;
  /** Per queue: transmitted replies whose completion its next NAPI poll reaps. */
  readonly txPending: Int32Array;
  /** Tx completions each CPU's polls reaped (window only). */
  readonly cpuTxCompletions: Float64Array;
  progress: JobProgress | null = null;
  /** The fast loops are on (the step machine's packet-by-packet inner loops included). */
  readonly fast: boolean;

  /**
   * `fast: false` runs every CPU on the step machine and keeps every coupled one on the event
   * heap (the plain event-ordered engine: the oracle the isolated loop and the sink replay are
   * tested against). `chunk` is the arrival batch size; results do not depend on it.
   */
  constructor(plan: Plan, source: PacketSource, seed: number, chunk = 4096, options: { readonly fast: boolean } = { fast: true }) {
    this.plan = plan;
    this.source = source;
    this.fast = options.fast;
    const nCpu = (this.nCpu = plan.cpus);
    const nQ = (this.nQ = plan.queues);
    this.warm = plan.warmupNs;
    this.end = plan.durationNs;
    this.window = Float64Array.of(plan.warmupNs, plan.durationNs, Infinity);
    this.chunk = chunk;
    this.heap = new ActorHeap(nCpu + 1);

    this.irqTimer = rescansDuringRun(plan) && plan.irqbalance !== null ? new IrqbalanceTimer(plan.irqbalance, nCpu, nQ) : null;
    this.queueCpu = Int32Array.from(plan.queueCpu);
    this.queueIrqs = new Float64Array(nQ);
    // Every CPU may take interrupts when irqbalance can move them during the run.
    const hasIrq = new Uint8Array(nCpu).fill(this.irqTimer === null ? 0 : 1);
    for (let q = 0; q < nQ; q++) hasIrq[plan.queueCpu[q]] = 1;
    const irqCpus: number[] = [];
    for (let c = 0; c < nCpu; c++) if (hasIrq[c]) irqCpus.push(c);
    this.irqCpus = Int32Array.from(irqCpus);
    this.egress = plan.egressCap === null ? null : new EgressPath(plan.egressCap, plan.warmupNs, plan.durationNs, nCpu);
    this.app = plan.app === null ? null : new AppThreads(plan.app, plan.cpuWorkFactor, seed, plan.warmupNs);
    this.sharing = new CpuSharing(this.app, plan.app, nCpu, plan.schedSliceNs);
    this.appRunning = new Uint8Array(nCpu);
    this.appStart = new Float64Array(nCpu);
    this.appRate = new Float64Array(nCpu).fill(1);
    this.cpuApp = new Float64Array(nCpu);
    this.txPending = new Int32Array(nQ);
    this.cpuTxCompletions = new Float64Array(nCpu);


    const loops = chooseCpuLoops(plan, options.fast, this.irqTimer !== null);
    this.coupled = loops.coupled;
    this.sink = loops.sink;
    this.sinkList = loops.sinkList;
    this.sinkLoop = loops.sinkLoop;
    this.sinkPhase = new Uint8Array(nCpu);
    this.senderSlot = loops.senderSlot;
    this.smtCore = loops.smt.coreSlot;
    this.coreBusyUntil = new Float64Array(loops.smt.cores);
    this.siblingsOnly = loops.siblingsOnly;
    this.siblingStart = loops.siblingStart;
    this.siblingList = loops.siblingList;
    this.aheadSenders = loops.aheadSenders;
    this.peer = loops.peer;
    this.mailed = loops.mailed;
    this.peerList = Int32Array.from({ length: nCpu }, (_, c) => c).filter((c) => loops.peer[c] === 1);
    this.mailedList = Int32Array.from({ length: nCpu }, (_, c) => c).filter((c) => loops.mailed[c] === 1);
    this.peerSenderStart = loops.peerSenderStart;
    this.peerSenderList = loops.peerSenderList;
    this.flowToPeer = loops.flowToPeer;
    this.tellsPeers = loops.tellsPeers;
    this.peerTargetStart = loops.peerTargetStart;
    this.peerTargetList = loops.peerTargetList;
    const pairs = loops.peerTargetList.length === 0 ? 0 : nCpu * nCpu;
    this.safe = new Float64Array(pairs);
    this.steerMin = Float64Array.from(plan.cpuWorkFactor, (factor) => (plan.exponentialCosts ? 0 : (plan.costNs.driver + plan.costNs.rpsEnqueue) * factor));
    this.peerInRing = new Int32Array(pairs);
    this.peerScan = new Int32Array(pairs);
    this.peerLoop = loops.peerLoop;
    this.peerQueue = loops.peerQueue;
    this.peerPoll = new Int32Array(nCpu);
    this.peerRound = new Int32Array(nCpu);
    this.peerRepoll = new Int32Array(nCpu);
    this.peerCur = new Int32Array(nCpu);
    // A channel for each (sender, sink or peer) pair some flow's RPS target makes.
    const noChannel = new HandOffChannel(1);
    this.channelTo = new Array<HandOffChannel>(loops.senders * nCpu).fill(noChannel);
    for (let f = 0; f < plan.flows.count; f++) {
      const r = plan.flowRpsCpu[f];
      const c = plan.queueCpu[plan.flowQueue[f]];
      const at = loops.senderSlot[c] * nCpu + r;
      if (r >= 0 && r !== c && this.mailed[r] === 1 && this.channelTo[at] === noChannel) this.channelTo[at] = new HandOffChannel();
    }
    const noInbox = new SinkInbox([], new Int32Array(0));
    this.inboxes = Array.from({ length: nCpu }, (_, r) => {
      if (this.mailed[r] === 0) return noInbox;
      const from: number[] = [];
      for (let c = 0; c < nCpu; c++) if (loops.senderSlot[c] >= 0 && this.channelTo[loops.senderSlot[c] * nCpu + r] !== noChannel) from.push(c);
      return new SinkInbox(
        from.map((c) => this.channelTo[loops.senderSlot[c] * nCpu + r]),
        Int32Array.from(from),
      );
    });
    const flushSlots = this.mailedList.length === 0 ? 0 : loops.senders * nCpu;
    this.flushMark = new Uint8Array(flushSlots);
    this.flushList = new Int32Array(flushSlots);
    this.flushCount = new Int32Array(loops.senders);
    this.ipiOwedBy = new Int32Array(nCpu).fill(-1);
    this.isIsolated = loops.isolated;
    const isolatedQueue = loops.isolatedQueue;
    // rx rings of the step-machine CPUs (an isolated CPU's ring is a window of its arrival region).
    this.ringBase = new Int32Array(nQ);
    this.ringCap = Int32Array.from(plan.queueRing);
    let slots = 0;
    for (let q = 0; q < nQ; q++) {
      this.ringBase[q] = slots;
      if (this.isIsolated[plan.queueCpu[q]] === 0) slots += plan.queueRing[q];
    }
    this.ringHead = new Int32Array(nQ);
    this.ringCount = new Int32Array(nQ);
    this.ringTime = new Float64Array(slots);
    this.ringFlow = new Int32Array(slots);
    this.ringLen = new Uint16Array(slots);
    this.gro = plan.gro === null ? null : new GroTables(nQ, nCpu, plan.gro.flowRxHash, plan.gro.headerBytes);
    this.ringPush = new Uint8Array(this.gro === null ? 0 : slots);
    this.pollEnding = new Uint8Array(nCpu);
    this.compAgg = new Int32Array(this.gro === null ? 0 : nCpu).fill(-1);
    // Arrival slots in CPU order: a step-machine CPU's region holds one batch; an isolated
    // CPU's holds its ring window, then one batch.
    this.arrBase = new Int32Array(nCpu);
    let size = 0;
    for (const c of irqCpus) {
      this.arrBase[c] = size;
      size += this.isIsolated[c] === 1 ? plan.queueRing[isolatedQueue[c]] + chunk : chunk;
    }
    this.columns = takeArrivalColumns(size);
    this.arrTime = this.columns.time;
    this.arrFlow = this.columns.flow;
    this.arrLen = this.columns.len;
    this.arrPush = this.columns.push;
    this.arrPos = Int32Array.from(this.arrBase);
    this.arrEnd = Int32Array.from(this.arrBase);
    const slotOfCpu = (this.slotOfCpu = new Int32Array(nCpu));
    irqCpus.forEach((c, slot) => (slotOfCpu[c] = slot));
    this.flowSlot = new Uint16Array(plan.flows.count);
    for (let f = 0; f < plan.flows.count; f++) this.flowSlot[f] = slotOfCpu[plan.queueCpu[plan.flowQueue[f]]];
    this.slotEnd = new Int32Array(irqCpus.length);
    this.ingress =
      plan.ingressCap === null && plan.nicIngressCap === null
        ? null
        : new IngressPolicing(plan.ingressCap, plan.nicIngressCap, plan.receivesOnPrimary, plan.flows.count, chunk, seed, plan.warmupNs, plan.durationNs);

    this.backlogs = new Backlogs(nCpu, plan.maxBacklog, plan.flowRpsCpu.some((r) => r !== -1), this.gro !== null);

    const nNapi = nQ + nCpu;
    this.napiSched = new Uint8Array(nNapi);
    this.napiNext = new Int32Array(nNapi).fill(-1);
    this.pollList = new PerCpuList(nCpu, this.napiNext);
    this.roundList = new PerCpuList(nCpu, this.napiNext);
    this.repollList = new PerCpuList(nCpu, this.napiNext);
    this.pendingIrqs = new PerCpuList(nCpu, new Int32Array(nQ).fill(-1));
    this.deferredRaises = new DeferredRaises(nCpu);
    this.coalesceCount = new Int32Array(nQ);
    this.dim = plan.queueDimProfiles === null ? null : new NetDim(plan.queueDimProfiles);
    // Without net DIM the plan's values hold for the whole run.
    this.coalesceFrames = this.dim === null ? plan.queueCoalesceFrames : Int32Array.from(plan.queueCoalesceFrames);
    this.coalesceNs = this.dim === null ? plan.queueCoalesceNs : Float64Array.from(plan.queueCoalesceNs);
    this.dueAt = new Float64Array(nQ).fill(Infinity);
    this.dueKind = new Uint8Array(nQ);
    this.dueCpu = new Int32Array(nQ).fill(-1);
    this.deferLeft = new Int32Array(nQ);
    this.timerPending = new Uint8Array(nQ);
    this.cpuDue = new Float64Array(nCpu).fill(Infinity);
    this.ipiHead = new Int32Array(nCpu).fill(-1);
    this.ipiNext = new Int32Array(nCpu).fill(-1);
    this.ipiPending = new Uint8Array(nCpu);

    this.cpuNow = new Float64Array(nCpu);
    this.stepWork = new Float64Array(nCpu);
    this.idle = new Uint8Array(nCpu).fill(1);
    this.inRx = new Uint8Array(nCpu);
    this.budget = new Int32Array(nCpu);
    this.rxLimit = new Float64Array(nCpu);
    this.curNapi = new Int32Array(nCpu).fill(-1);
    this.pollWork = new Int32Array(nCpu);
    this.compKind = new Uint8Array(nCpu);
    this.compArr = new Float64Array(nCpu);
    this.compFlow = new Int32Array(nCpu);
    this.compLen = new Uint16Array(nCpu);
    this.compTarget = new Int32Array(nCpu);
    this.costRng = [];
    // (An isolated CPU draws its costs in engine/isolated-cpus.ts, from the same stream.)
    const noRng = new Prng(seed, 999);
    for (let c = 0; c < nCpu; c++) this.costRng.push(this.isIsolated[c] === 1 ? noRng : new Prng(seed, 1000 + c));

    this.queueRx = new Float64Array(nQ);
    this.queueDrops = new Float64Array(nQ);
    this.cpuBusyNs = new Float64Array(nCpu);
    this.cpuIrqs = new Float64Array(nCpu);
    this.cpuPolls = new Float64Array(nCpu);
    this.cpuPolled = new Float64Array(nCpu);
    this.cpuProcessed = new Float64Array(nCpu);
    this.cpuDropped = new Float64Array(nCpu);
    this.cpuTimeSqueeze = new Float64Array(nCpu);
    this.cpuReceivedRps = new Float64Array(nCpu);
    this.outDevPackets = new Float64Array(plan.routes === null ? 0 : plan.routes.devices.length + 1);

    const isolatedCpus = irqCpus.filter((c) => this.isIsolated[c] === 1);
    // When every queue is on an isolated CPU and no sink takes hand-offs, no CPU but the isolated
    // ones delivers a packet (they keep latencies of their own).
    this.latencyBuf = new Float64Array(isolatedCpus.length === nQ && this.sinkList.length === 0 ? 1 : 4096);
    this.isolated =
      isolatedCpus.length === 0
        ? null
        : new IsolatedCpus(
            plan,
            seed,
            isolatedCpus,
            isolatedCpus.map((c) => isolatedQueue[c]),
            isolatedCpus.map((c) => slotOfCpu[c]),
            isolatedCpus.map((c) => this.arrBase[c]),
            // (A narrow object of their own: passing the whole state measured 16-27% slower on
            // routing-two-enis.yaml, whose deliveries write two of these arrays per packet.)
            {
              latency: this.latency,
              queueRx: this.queueRx,
              queueDrops: this.queueDrops,
              cpuBusyNs: this.cpuBusyNs,
              cpuIrqs: this.cpuIrqs,
              cpuPolls: this.cpuPolls,
              cpuPolled: this.cpuPolled,
              cpuProcessed: this.cpuProcessed,
              cpuTimeSqueeze: this.cpuTimeSqueeze,
              routeDrops: this.routeDrops,
              outDevPackets: this.outDevPackets,
              egress: this.egress,
            },
            isolatedCpus.map((c) => loops.smt.coreSlot[c]),
            this.aheadSenders > 0 ? { channelTo: this.channelTo, senderSlot: this.senderSlot, flushMark: this.flushMark, flushList: this.flushList, flushCount: this.flushCount } : null,
          );
  }

  /**
   * Something another CPU did at `now` gives idle CPU r work (an interrupt, an IPI, a thread to
   * run): r steps at `now`, and the running CPU stops at `now` too so that r goes next. A CPU
   * running its thread counts as idle: the step cuts the thread's stretch there.
   */
  wake(r: number, now: number): void {
    if (this.idle[r] === 0) return;
    this.idle[r] = 0;
    this.heap.keys[r + 1] = now;
    this.heap.reorder(r + 1);
    if (now < this.horizon[0]) this.horizon[0] = now;
  }

  /**
   * The stack on CPU c hands the datagram to its socket; a thread it wakes on another CPU that is
   * idle gets that CPU now (a CPU busy with softirq work runs it when that is done).
   */
  toSocket(c: number, flow: number, len: number, arrival: number): void {
    const thread = this.app?.enqueue(flow, len, arrival) ?? -1;
    if (thread < 0) return;
    const r = this.plan.app?.threadCpu[thread] ?? -1;
    // Woken on this CPU during its softirq: need_resched (__do_softirq then hands over to ksoftirqd).
    if (r === c) this.sharing.threadWoken(c);
    else if (r >= 0) this.wake(r, this.cpuNow[c]);
  }

  /**
   * get_rps_cpu for a flow RFS steers: the CPU its flow table says (moving it to the
   * application's CPU when the in-order rule allows), else the RPS map's CPU, else -1.
   */
  rfsTarget(flow: number): number {
    const plan = this.plan;
    const rfs = plan.rfs;
    const cpu = rfs === null ? -1 : rfs.steer(plan.flowQueue[flow], plan.flowRpsHash[flow], this.backlogs.headCount);
    return cpu >= 0 ? cpu : plan.flowMapCpu[flow];
  }

  /** The application read a packet of the flow: it writes its CPU into the sock flow table. */
  recordApp(flow: number): void {
    this.plan.rfs?.recordApp(this.plan.flowRpsHash[flow], this.plan.flowAppCpu[flow]);
  }

  /** Stack time of the flow's route lookups beyond the base lookup (0 without routing). */
  routeNs(flow: number): number {
    const routes = this.plan.routes;
    return routes === null ? 0 : routes.ns[flow];
  }

  /**
   * CPU c put a packet (or GRO aggregate) of `flow` into CPU r's backlog: RFS notes the queue's
   * tail for the in-order rule, and an unscheduled backlog NAPI is scheduled — on this CPU at
   * once, on another by an IPI sent when c's round ends (enqueue_to_backlog, rps_ipi_queued).
   */
  enqueuedToBacklog(c: number, r: number, flow: number): void {
    if (this.plan.flowRpsCpu[flow] === RFS_PER_PACKET) this.plan.rfs?.noteEnqueue(this.plan.flowQueue[flow], this.plan.flowRpsHash[flow], this.backlogs.tailCount, r);
    const napi = this.nQ + r;
    if (this.napiSched[napi] === 0) {
      this.napiSched[napi] = 1;
      if (r === c) {
        this.pollList.append(c, napi);
      } else {
        this.ipiNext[r] = this.ipiHead[c];
        this.ipiHead[c] = r;
      }
    }
  }

  /** Take the packet at the head of rx queue q's ring: its slot in the ring arrays, or -1 when the ring is empty. */
  takeFromRing(q: number): number {
    const count = this.ringCount[q];
    if (count === 0) return -1;
    const head = this.ringHead[q];
    this.ringHead[q] = head + 1 === this.ringCap[q] ? 0 : head + 1;
    this.ringCount[q] = count - 1;
    return this.ringBase[q] + head;
  }

  /** Queue q's interrupt fires (its NAPI is scheduled): on its CPU, woken now if idle (CPU c is the one running). */
  interruptFrom(c: number, q: number, now: number): void {
    overtakeCoalescing(this, q);
    const r = this.queueCpu[q];
    this.pendingIrqs.append(r, q);
    if (r !== c) this.wake(r, now);
  }

  /**
   * The packet's last stage ends on CPU c at its clock: count it and record its latency — or,
   * when its flow's route verdict drops it (the stack's routing step, after its work), count the
   * drop under its cause.
   */
  deliver(c: number): void {
    const arrival = this.compArr[c];
    const len = this.compLen[c];
    const flow = this.compFlow[c];
    const routes = this.plan.routes;
    if (routes !== null) {
      const cause = routes.drop[flow];
      if (cause !== 0) {
        if (arrival >= this.warm) this.routeDrops[cause - 1]++;
        return;
      }
      if (arrival >= this.warm) {
        const out = routes.outDev[flow];
        this.outDevPackets[out < 0 ? routes.devices.length : out]++;
      }
    }
    if (this.app !== null) this.toSocket(c, flow, len, arrival);
    else if (this.plan.rfs !== null && this.plan.flowAppCpu[flow] >= 0) this.recordApp(flow);
    if (this.egress !== null) this.egress.delivered(this.cpuNow[c], this.plan.replySlot?.[flow] ?? 0, c);
    if (arrival < this.warm) return;
    this.latencyBuf[this.latencyFill++] = this.cpuNow[c] - arrival;
    if (this.latencyFill === this.latencyBuf.length) {
      this.latency.recordBatch(this.latencyBuf, this.latencyFill);
      this.latencyFill = 0;
    }
    this.deliveredPackets++;
    this.deliveredBytes += len;
    this.cpuProcessed[c]++;
  }
}
