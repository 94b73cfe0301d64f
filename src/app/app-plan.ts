import type { App } from "../config/sections/app.js";
import type { Nic } from "../config/sections/nics.js";
import { parseCpuMask } from "../rps/cpumask.js";
import type { FlowSet } from "../traffic/flow-set.js";
import { reciprocalScale, reuseportMembers } from "./reuseport.js";

/**
 * The application of a job, compiled: which thread and socket read each flow, where each thread
 * runs, and its costs in ns. Cold: once per job (engine/plan.ts).
 */
export interface AppPlan {
  readonly threads: number;
  /** CPU of each thread. */
  readonly threadCpu: Int32Array;
  /** Per CPU: its first thread (threads of a CPU are numbered in a row) and how many it has. */
  readonly cpuThreadBase: Int32Array;
  readonly cpuThreadCount: Int32Array;
  /** Thread that reads each flow. */
  readonly flowThread: Int32Array;
  /** Socket of each flow (a reuseport member is its thread's socket; a connected socket is the flow's own). */
  readonly flowSocket: Int32Array;
  readonly sockets: number;
  /** Per recvmsg, ns. */
  readonly recvNs: number;
  /** Per frame byte copied, ns. */
  readonly copyNsPerByte: number;
  /** Waking a blocked thread and switching to it, ns. */
  readonly wakeNs: number;
  /** Mean application work per datagram, ns. */
  readonly workNs: number;
  readonly exponentialWork: boolean;
  /** SO_RCVBUF of every socket, bytes. */
  readonly rcvbuf: number;
  /** skb truesize of a small datagram, bytes. */
  readonly truesize: number;
  /** Reply frame bytes (0: no replies) and replies per datagram read. */
  readonly replyBytes: number;
  readonly replyRatio: number;
  /** Per reply on the thread's CPU, ns (sendmsg to the driver's transmit). */
  readonly sendNs: number;
  /** Per reaped tx completion on the tx queue's interrupt CPU, ns. */
  readonly txCompletionNs: number;
  /** Tx queue (numbered like rx queues: NIC by NIC) each flow's replies leave by; -1: no route, never sent. */
  readonly flowTxQueue: Int32Array;
}

/** What the app plan needs of the rest of the job. */
export interface AppContext {
  readonly flows: FlowSet;
  readonly cpus: number;
  readonly ghz: number;
  readonly seed: number;
  /** The stack's software flow hash of each flow (rps/skb-hash.ts), computed on first use. */
  readonly softwareHashes: () => Uint32Array;
  readonly nics: readonly Nic[];
  /** First queue number of each NIC. */
  readonly nicBase: readonly number[];
  /** NIC each flow's replies leave by (-1: no route). */
  readonly flowOutNic: Int32Array;
  readonly txCompletionCycles: number;
}

/**
 * The tx queue a reply of flow f leaves by, sent from `cpu`: get_xps_queue (net/core/dev.c) —
 * the NIC's tx queues whose xps_cpus hold the CPU, one chosen by reciprocal_scale of the flow
 * hash when several — else skb_tx_hash: reciprocal_scale(skb_get_hash, tx queues). A reply
 * from an unconnected UDP socket carries no hash of its own, so skb_get_hash computes the
 * software flow hash, the same for both directions of a flow (rps/skb-hash.ts).
 */
function txQueueOf(nic: Nic, cpu: number, hash: number, xpsMaps: readonly (readonly number[])[] | null): number {
  if (xpsMaps !== null) {
    const candidates = xpsMaps[cpu];
    if (candidates.length > 0) return candidates[reciprocalScale(hash, candidates.length)];
  }
  return reciprocalScale(hash, nic.queues);
}

/** Per CPU: the tx queues whose xps_cpus mask holds it. */
function xpsMapsOf(nic: Nic, cpus: number): number[][] | null {
  if (nic.xps === null) return null;
  const maps: number[][] = Array.from({ length: cpus }, () => []);
  nic.xps.forEach((mask, q) => {
    for (const cpu of parseCpuMask(mask, cpus)) maps[cpu].push(q);
  });
  return maps;
}

export function compileAppPlan(app: App, context: AppContext): AppPlan {
  const { flows, cpus, ghz, seed } = context;
  const threads = app.threadCpus.length;
  const threadCpu = Int32Array.from(app.threadCpus);
  const cpuThreadBase = new Int32Array(cpus).fill(-1);
  const cpuThreadCount = new Int32Array(cpus);
  threadCpu.forEach((cpu, t) => {
    if (cpuThreadBase[cpu] < 0) cpuThreadBase[cpu] = t;
    cpuThreadCount[cpu]++;
  });
  let flowThread: Int32Array;
  let flowSocket: Int32Array;
  if (app.sockets === "reuseport") {
    flowThread = reuseportMembers(flows, threads, seed);
    flowSocket = flowThread;
  } else {
    flowThread = Int32Array.from({ length: flows.count }, (_, f) => f % threads);
    flowSocket = Int32Array.from({ length: flows.count }, (_, f) => f);
  }
  return {
    threads,
    threadCpu,
    cpuThreadBase,
    cpuThreadCount,
    flowThread,
    flowSocket,
    sockets: app.sockets === "reuseport" ? threads : flows.count,
    recvNs: app.recv / ghz,
    copyNsPerByte: app.copyPerByte / ghz,
    wakeNs: app.wake / ghz,
    workNs: app.work / ghz,
    exponentialWork: app.workDistribution === "exponential",
    rcvbuf: app.rcvbuf,
    truesize: app.truesize,
    replyBytes: app.reply?.size ?? 0,
    replyRatio: app.reply?.ratio ?? 0,
    sendNs: app.send / ghz,
    txCompletionNs: context.txCompletionCycles / ghz,
    flowTxQueue: app.reply === null ? new Int32Array(flows.count).fill(-1) : flowTxQueues(context, threadCpu, flowThread),
  };
}

function flowTxQueues(context: AppContext, threadCpu: Int32Array, flowThread: Int32Array): Int32Array {
  const { flows, nics, cpus } = context;
  const hash = context.softwareHashes();
  const xps = nics.map((nic) => xpsMapsOf(nic, cpus));
  const out = new Int32Array(flows.count);
  for (let f = 0; f < flows.count; f++) {
    const n = context.flowOutNic[f];
    out[f] = n < 0 ? -1 : context.nicBase[n] + txQueueOf(nics[n], threadCpu[flowThread[f]], hash[f], xps[n]);
  }
  return out;
}
