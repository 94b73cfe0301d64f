import type { App } from "../config/sections/app.js";
import type { FlowSet } from "../traffic/flow-set.js";
import { reuseportMembers } from "./reuseport.js";

/**
 * The application of a job, compiled: which thread and socket read each flow, where each thread
 * runs, and its costs in ns. Cold: once per job (engine/plan.ts).
 */
export interface AppPlan {
  readonly threads: number;
  /** CPU of each thread. */
  readonly threadCpu: Int32Array;
  /** Per CPU: the thread pinned to it, or -1. */
  readonly cpuThread: Int32Array;
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
}

export function compileAppPlan(app: App, flows: FlowSet, cpus: number, ghz: number, seed: number): AppPlan {
  const threads = app.threadCpus.length;
  const threadCpu = Int32Array.from(app.threadCpus);
  const cpuThread = new Int32Array(cpus).fill(-1);
  threadCpu.forEach((cpu, t) => (cpuThread[cpu] = t));
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
    cpuThread,
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
  };
}
