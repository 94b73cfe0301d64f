import { RFS_PER_PACKET, type Plan } from "./plan.js";
import { smtCores, type SmtCores } from "./smt-cores.js";

/**
 * Which loop each CPU runs (engine/index.ts lists them), decided from the compiled plan when a
 * job starts:
 * - coupled: linked by remote RPS or RFS (as sender or target), or sharing a core with another
 *   thread that works (SMT, engine/smt-cores.ts) — it keeps in step with the others on the event
 *   heap;
 * - sink: coupled only as a target of remote RPS (RFS off, no irqbalance rescan, no working SMT
 *   sibling): it replays its hand-offs from its channels (engine/hand-off-channels.ts), off the
 *   heap — in the tight loop of engine/sink-loop.ts when it takes no queue's interrupt
 *   (`sinkLoop`), else on the step machine;
 * - sender running ahead: hands packets to other CPUs, all of them sinks, and takes none from
 *   any (no working SMT sibling): nothing another CPU does changes what it does, so it runs the
 *   step machine ahead to the next arrival batch like an uncoupled CPU, posting its hand-offs to
 *   its channels (engine/sink-mail.ts);
 * - isolated: takes one queue's interrupt, finishes every packet of it (or, as a sender running
 *   ahead, hands each to a sink), and is reached by no other CPU (no irqbalance rescan): the
 *   tight loop of engine/isolated-cpus.ts. SMT siblings
 *   that slow each other (engine/smt-cores.ts) are isolated when every working thread of their
 *   core is: the loop then runs the core's threads together, in time order;
 * - peer: steers to other CPUs and takes RPS hand-offs from others, under the sinks' conditions
 *   (no interrupt deadlines, no working SMT sibling), when every CPU that takes remote RPS is a
 *   sink or a peer (interrupt CPUs steering to each other: rps_cpus ffff, vendor-default): it
 *   takes its hand-offs from channels as a sink does, but on the heap, and runs up to the
 *   earliest time a CPU that steers to it could post the next one (engine/peer-mail.ts); a CPU
 *   that steers to peers but takes nothing is then free to run ahead to the next arrival batch;
 *   peers, and senders that take nothing but are not isolated, run engine/peer-loop.ts (`peerLoop`);
 * - every other CPU runs the step machine, free to run ahead up to the next arrival batch.
 * With an application (plan.app), every CPU is coupled: a delivery may wake a thread on any CPU
 * and a thread's reads feed RFS, so all keep in step on the heap (the fast loops do not run
 * application threads).
 * A CPU that takes the interrupt of a queue with coalescing or deferred interrupts
 * (nics[].coalesce) is neither a sink nor isolated: only the step machine keeps the queue's
 * deadlines (its interrupt timer, NAPI's repoll timer). GRO (plan.gro) keeps every CPU off
 * them: its aggregates are handled by the step machine only (engine/gro-tables.ts).
 * `fast: false` (the generic oracle) turns sinks and isolated CPUs off.
 */
export interface CpuLoops {
  readonly coupled: Uint8Array;
  readonly sink: Uint8Array;
  readonly sinkList: Int32Array;
  /** Per CPU: 1 for a sink that takes no queue's interrupt: it runs engine/sink-loop.ts. */
  readonly sinkLoop: Uint8Array;
  /** Per CPU: its index among the CPUs that hand packets to another CPU, or -1. */
  readonly senderSlot: Int32Array;
  readonly senders: number;
  /** How many senders run ahead of the heap. */
  readonly aheadSenders: number;
  /**
   * Per CPU: 1 for a peer — it steers to other CPUs and takes RPS hand-offs from others, which
   * it reads from its channels as a sink does, on the heap (see `chooseCpuLoops`).
   */
  readonly peer: Uint8Array;
  /** Per CPU: 1 when it takes its RPS hand-offs from channels (a sink or a peer). */
  readonly mailed: Uint8Array;
  /** The CPUs that steer to peer c are peerSenderList[peerSenderStart[c] .. peerSenderStart[c + 1]). */
  readonly peerSenderStart: Int32Array;
  readonly peerSenderList: Int32Array;
  /** Per flow: 1 when RPS hands it from its interrupt CPU to a peer. */
  readonly flowToPeer: Uint8Array;
  /** Per CPU: 1 when it steers some flow to a peer (it keeps its `safe` times: engine/peer-mail.ts). */
  readonly tellsPeers: Uint8Array;
  /** The peers CPU c steers to are peerTargetList[peerTargetStart[c] .. peerTargetStart[c + 1]). */
  readonly peerTargetStart: Int32Array;
  readonly peerTargetList: Int32Array;
  /**
   * Per CPU: 1 when it runs engine/peer-loop.ts — a peer, or a CPU that steers to sinks or peers
   * and takes nothing from others but is not isolated (it also steers to its own backlog) — and
   * the one queue whose interrupt it takes (else -1).
   */
  readonly peerLoop: Uint8Array;
  readonly peerQueue: Int32Array;
  readonly isolated: Uint8Array;
  /** Per CPU: the queue an isolated CPU serves, or -1. */
  readonly isolatedQueue: Int32Array;
  /** The cores whose threads slow each other down (engine/smt-cores.ts). */
  readonly smt: SmtCores;
  /**
   * Per CPU: 1 when it is coupled only to the other working threads of its core, and they only
   * to it (no RPS, RFS or irqbalance rescan reaches any of them): its steps then need to wait
   * only for those siblings and the next arrival batch, not for every coupled CPU.
   */
  readonly siblingsOnly: Uint8Array;
  /** The working siblings of CPU c are siblingList[siblingStart[c] .. siblingStart[c + 1]). */
  readonly siblingStart: Int32Array;
  readonly siblingList: Int32Array;
}

export function chooseCpuLoops(plan: Plan, fast: boolean, rescans: boolean): CpuLoops {
  const nCpu = plan.cpus;
  const nQ = plan.queues;
  const coupled = new Uint8Array(nCpu).fill(plan.app === null ? 0 : 1);
  // CPUs that hand packets to another CPU (not sinks, whatever they receive).
  const sendsRemote = new Uint8Array(nCpu);
  for (let f = 0; f < plan.flows.count; f++) {
    const r = plan.flowRpsCpu[f];
    const c = plan.queueCpu[plan.flowQueue[f]];
    if (r >= 0 && r !== c) coupled[r] = coupled[c] = sendsRemote[c] = 1;
    if (r === RFS_PER_PACKET) {
      // RFS may send the flow to its application's CPU or to the RPS map's CPU.
      coupled[c] = 1;
      if (plan.flowAppCpu[f] >= 0) coupled[plan.flowAppCpu[f]] = 1;
      if (plan.flowMapCpu[f] >= 0) coupled[plan.flowMapCpu[f]] = 1;
    }
  }
  const deadlines = new Uint8Array(nCpu);
  const dim = plan.queueDimProfiles;
  for (let q = 0; q < nQ; q++) {
    if (plan.queueCoalesceFrames[q] !== 1 || plan.queueDeferNs[q] > 0 || (dim !== null && dim[q] !== null)) deadlines[plan.queueCpu[q]] = 1;
  }
  // Threads of one core that both work read each other's state: they step in time order.
  const smt = smtCores(plan, rescans);
  const linked = Uint8Array.from(coupled);
  for (let c = 0; c < nCpu; c++) if (smt.coreSlot[c] >= 0) coupled[c] = 1;
  const siblingStart = new Int32Array(nCpu + 1);
  const siblingList: number[] = [];
  for (let c = 0; c < nCpu; c++) {
    siblingStart[c] = siblingList.length;
    if (smt.coreSlot[c] >= 0) for (let o = 0; o < nCpu; o++) if (o !== c && smt.coreSlot[o] === smt.coreSlot[c]) siblingList.push(o);
  }
  siblingStart[nCpu] = siblingList.length;
  // (A CPU with interrupt deadlines keeps the whole heap's horizon: its siblings' keys need not
  // show their next deadline.)
  const siblingsOnly = new Uint8Array(nCpu);
  for (let c = 0; c < nCpu; c++) {
    if (rescans || smt.coreSlot[c] < 0) continue;
    let alone = linked[c] === 0 && deadlines[c] === 0;
    for (let i = siblingStart[c]; i < siblingStart[c + 1]; i++) if (linked[siblingList[i]] === 1 || deadlines[siblingList[i]] === 1) alone = false;
    siblingsOnly[c] = alone ? 1 : 0;
  }
  const sinksOn = fast && !rescans && plan.rfs === null && plan.app === null && plan.gro === null;
  const sink = new Uint8Array(nCpu);
  const sinkList: number[] = [];
  const senderSlot = new Int32Array(nCpu).fill(-1);
  let senders = 0;
  for (let c = 0; c < nCpu; c++) {
    if (sinksOn && coupled[c] === 1 && sendsRemote[c] === 0 && deadlines[c] === 0 && smt.coreSlot[c] < 0) {
      sink[c] = 1;
      sinkList.push(c);
    }
    if (sendsRemote[c] === 1) senderSlot[c] = senders++;
  }
  // Senders that take nothing from another CPU and steer only to sinks leave the heap.
  const receives = new Uint8Array(nCpu);
  const toCoupled = new Uint8Array(nCpu);
  for (let f = 0; f < plan.flows.count; f++) {
    const r = plan.flowRpsCpu[f];
    const c = plan.queueCpu[plan.flowQueue[f]];
    if (r < 0 || r === c) continue;
    receives[r] = 1;
    if (sink[r] === 0) toCoupled[c] = 1;
  }
  // How many queues' interrupts each CPU takes, and the (last) one.
  const queuesOnCpu = new Int32Array(nCpu);
  const queueOfCpu = new Int32Array(nCpu).fill(-1);
  for (let q = 0; q < nQ; q++) {
    queuesOnCpu[plan.queueCpu[q]]++;
    queueOfCpu[plan.queueCpu[q]] = q;
  }
  // Peers: every CPU that takes remote RPS and is not a sink steers too and may take mail.
  // (Its tight loop, engine/peer-loop.ts, serves one queue.)
  const peer = new Uint8Array(nCpu);
  let peersOn = sinksOn;
  for (let c = 0; c < nCpu; c++) {
    if (receives[c] === 1 && sink[c] === 0 && (deadlines[c] === 1 || smt.coreSlot[c] >= 0 || queuesOnCpu[c] !== 1)) peersOn = false;
  }
  if (peersOn) for (let c = 0; c < nCpu; c++) if (receives[c] === 1 && sink[c] === 0) peer[c] = 1;

  const mailed = new Uint8Array(nCpu);
  for (let c = 0; c < nCpu; c++) mailed[c] = sink[c] | peer[c];
  const flowToPeer = new Uint8Array(plan.flows.count);
  const tellsPeers = new Uint8Array(nCpu);
  const steersTo = new Uint8Array(nCpu * nCpu);
  for (let f = 0; f < plan.flows.count; f++) {
    const r = plan.flowRpsCpu[f];
    const c = plan.queueCpu[plan.flowQueue[f]];
    if (r < 0 || r === c || peer[r] === 0) continue;
    flowToPeer[f] = 1;
    tellsPeers[c] = 1;
    steersTo[c * nCpu + r] = 1;
  }
  const peerSenders = neighbours(steersTo, nCpu, (r, c) => c * nCpu + r);
  const peerTargets = neighbours(steersTo, nCpu, (c, r) => c * nCpu + r);
  let aheadSenders = 0;
  const ahead = new Uint8Array(nCpu);
  for (let c = 0; c < nCpu; c++) {
    if (sinksOn && sendsRemote[c] === 1 && receives[c] === 0 && toCoupled[c] === 0 && smt.coreSlot[c] < 0) {
      coupled[c] = 0;
      ahead[c] = 1;
      aheadSenders++;
    } else if (peersOn && sendsRemote[c] === 1 && receives[c] === 0 && smt.coreSlot[c] < 0) {
      // It steers to peers and takes nothing: only the arrivals bound it (it stays on the heap,
      // where the peers' horizons read its `safe` time).
      coupled[c] = 0;
    }
  }

  const isolatedOn = fast && !rescans && plan.gro === null;
  const sinkLoop = new Uint8Array(nCpu);
  for (let c = 0; c < nCpu; c++) if (sink[c] === 1 && queuesOnCpu[c] === 0) sinkLoop[c] = 1;
  // Queues whose packets RPS steers to another CPU (to sinks only, on a sender running ahead),
  // and queues steered to their own CPU's backlog (a second NAPI: not the tight loop's).
  const steered = new Uint8Array(nQ);
  const toSelf = new Uint8Array(nQ);
  for (let f = 0; f < plan.flows.count; f++) {
    const q = plan.flowQueue[f];
    const r = plan.flowRpsCpu[f];
    if (r === -1) continue;
    steered[q] = 1;
    if (r === plan.queueCpu[q]) toSelf[q] = 1;
  }
  // One queue, finished here or steered to sinks, reached by no CPU but (SMT) the threads of its own core.
  const alone = new Uint8Array(nCpu);
  for (let q = 0; q < nQ; q++) {
    const c = plan.queueCpu[q];
    const reaches = ahead[c] === 1 ? toSelf[q] === 1 : linked[c] === 1 || steered[q] === 1;
    if (isolatedOn && queuesOnCpu[c] === 1 && !reaches && deadlines[c] === 0) alone[c] = 1;
  }
  const isolated = new Uint8Array(nCpu);
  const isolatedQueue = new Int32Array(nCpu).fill(-1);
  for (let c = 0; c < nCpu; c++) {
    if (alone[c] === 0) continue;
    let siblingsAlone = true;
    for (let i = siblingStart[c]; i < siblingStart[c + 1]; i++) if (alone[siblingList[i]] === 0) siblingsAlone = false;
    if (!siblingsAlone) continue;
    isolated[c] = 1;
    isolatedQueue[c] = queueOfCpu[c];
  }
  // The peer loop: a peer, or a sender that takes nothing, on one queue, whose remote targets all
  // take their hand-offs by mail (no deadline, no SMT sibling).
  const toUnmailed = new Uint8Array(nCpu);
  for (let f = 0; f < plan.flows.count; f++) {
    const r = plan.flowRpsCpu[f];
    const c = plan.queueCpu[plan.flowQueue[f]];
    if (r === RFS_PER_PACKET || (r >= 0 && r !== c && mailed[r] === 0)) toUnmailed[c] = 1;
  }
  const peerLoop = new Uint8Array(nCpu);
  const peerQueue = new Int32Array(nCpu).fill(-1);
  for (let c = 0; c < nCpu; c++) {
    const sender = sinksOn && sendsRemote[c] === 1 && receives[c] === 0 && isolated[c] === 0;
    const eligible = queuesOnCpu[c] === 1 && deadlines[c] === 0 && smt.coreSlot[c] < 0 && toUnmailed[c] === 0;
    if ((peer[c] !== 1 && !sender) || !eligible) continue;
    peerLoop[c] = 1;
    peerQueue[c] = queueOfCpu[c];
  }
  return {
    coupled,
    sink,
    sinkList: Int32Array.from(sinkList),
    sinkLoop,
    senderSlot,
    senders,
    aheadSenders,
    peer,
    mailed,
    peerSenderStart: peerSenders.start,
    peerSenderList: peerSenders.list,
    flowToPeer,
    tellsPeers,
    peerTargetStart: peerTargets.start,
    peerTargetList: peerTargets.list,
    peerLoop,
    peerQueue,
    isolated,
    isolatedQueue,
    smt,
    siblingsOnly,
    siblingStart,
    siblingList: Int32Array.from(siblingList),
  };
}

/**
 * For each CPU a, the CPUs b with `pairs[at(a, b)] === 1`, in CPU order: b is in
 * list[start[a] .. start[a + 1]).
 */
function neighbours(pairs: Uint8Array, nCpu: number, at: (a: number, b: number) => number): { readonly start: Int32Array; readonly list: Int32Array } {
  const start = new Int32Array(nCpu + 1);
  const list: number[] = [];
  for (let a = 0; a < nCpu; a++) {
    start[a] = list.length;
    for (let b = 0; b < nCpu; b++) if (pairs[at(a, b)] === 1) list.push(b);
  }
  start[nCpu] = list.length;
  return { start, list: Int32Array.from(list) };
}
