/**
 * The `app` section: the application that reads the received datagrams — its threads, where they
 * run, what each read and request costs, and its sockets' receive buffers.
 *
 *   app:
 *     threads: "0-15"        # CPU list: receiving threads pinned to each listed CPU
 *     threadsPerCpu: 1       # how many on each (they share their CPU in scheduler slices)
 *     recv: 2500             # cycles per recvmsg (system call, udp_recvmsg, skb free)
 *     copyPerByte: 0.25      # cycles per frame byte copied to user space
 *     wake: 5000             # cycles to wake a sleeping thread and switch to it
 *     work: 0                # cycles of application work per datagram
 *     workDistribution: fixed | exponential
 *     rcvbuf: 212992         # SO_RCVBUF, bytes
 *     truesize: 2304         # bytes each datagram charges to the buffer (skb truesize)
 *     reply: { size: 120 }   # each request answered with a reply of this frame size
 *     send: 5000             # cycles per reply: sendmsg, UDP/IP output, qdisc, driver transmit
 *
 * A reply leaves by a tx queue of its NIC chosen by XPS (nics[].xps) or the flow hash; its
 * completion is reaped by that queue's NAPI poll on the queue's interrupt CPU, before the rx
 * packets (costs.txCompletion). With `bandwidth.reply` instead of `app.reply`, the threads send
 * that reply stream (its size and ratio) and the egress caps shape it.
 *
 * Sockets follow `traffic.socket`: an unconnected UDP server has one SO_REUSEPORT socket per
 * thread, and the kernel picks a datagram's socket by a hash of its 4-tuple
 * (net/core/sock_reuseport.c `reuseport_select_sock`: reciprocal_scale of the hash); connected
 * UDP sockets are one per flow, flow f read by thread f mod n.
 *
 * Resolved: `App` (costs in cycles, the thread CPUs as a list), or none without the section:
 * then no application work is charged, and reports say so.
 */
import { ConfigError } from "../errors.js";
import { hostCpuList } from "../host-cpu-list.js";
import { MAX_CYCLES_PER_BYTE, MAX_CYCLES_PER_EVENT } from "../physical-limits.js";
import { enumOf, int, num, obj, optional, str } from "../schema-dsl.js";
import type { Infer } from "../schema-dsl.js";
import type { Traffic } from "./traffic.js";

export const APP_DEFAULTS = {
  /**
   * ≈1 µs at 2.5 GHz per recvmsg: system call entry and exit, udp_recvmsg (net/ipv4/udp.c) and
   * the skb free. An assumption (a system call with speculation mitigations in a VM costs
   * 0.3–1 µs; the UDP receive path adds a few hundred ns); calibrate it for a given host.
   */
  recv: 2500,
  /** copy_to_user of the datagram: ≈10 GB/s at 2.5 GHz (the same figure as costs.perByte). */
  copyPerByte: 0.25,
  /**
   * ≈2 µs at 2.5 GHz: try_to_wake_up of a thread blocked in recvmsg and the context switch into it
   * on its CPU (kernel/sched/core.c). An assumption within lmbench `lat_ctx` figures of 1–3 µs
   * per switch on virtual machines; calibrate it.
   */
  wake: 5000,
  /** No application work beyond reading: set it to the request's cost. */
  work: 0,
  workDistribution: "fixed",
  /** net.core.rmem_default on most distributions (Documentation/admin-guide/sysctl/net.rst): a socket's SO_RCVBUF unless it sets one. */
  rcvbuf: 212_992,
  /**
   * skb truesize of a small datagram: a 2,048-byte rx buffer (half a page, as page-frag and
   * page-pool drivers and virtio-net's mergeable buffers hand out) plus 256 bytes of struct
   * sk_buff (SKB_TRUESIZE, include/linux/skbuff.h). A larger frame charges its length + 256.
   */
  truesize: 2304,
  /**
   * ≈2 µs at 2.5 GHz per reply: the sendmsg system call, udp_sendmsg → ip_make_skb → ip_output,
   * the qdisc's enqueue and dequeue, and the driver's ndo_start_xmit with its doorbell (a VM exit
   * on virtio). An assumption (a small UDP send costs somewhat more than a receive); calibrate it.
   */
  send: 5000,
} as const;

/** Bytes of struct sk_buff (SKB_DATA_ALIGN(sizeof(struct sk_buff)) on x86-64) a frame charges beyond its data. */
export const SKB_OVERHEAD = 256;

export const appSchema = obj(
  {
    threads: str({ description: 'CPUs of the receiving threads, as a CPU list ("0-15"): threadsPerCpu threads pinned to each.' }),
    threadsPerCpu: int({
      min: 1,
      max: 64,
      default: 1,
      description: "Receiving threads pinned to each CPU of threads; threads of one CPU share it in turns of the scheduler's slice.",
      unit: "threads",
    }),
    recv: num({ min: 0, max: MAX_CYCLES_PER_EVENT, default: APP_DEFAULTS.recv, description: "Per recvmsg: system call, udp_recvmsg, skb free.", unit: "CPU cycles" }),
    copyPerByte: num({
      min: 0,
      max: MAX_CYCLES_PER_BYTE,
      default: APP_DEFAULTS.copyPerByte,
      description: "Per frame byte copied to user space.",
      unit: "CPU cycles per byte",
    }),
    wake: num({
      min: 0,
      max: MAX_CYCLES_PER_EVENT,
      default: APP_DEFAULTS.wake,
      description: "Waking a thread blocked in recvmsg and switching to it, on the thread's CPU.",
      unit: "CPU cycles",
    }),
    work: num({ min: 0, max: MAX_CYCLES_PER_EVENT, default: APP_DEFAULTS.work, description: "Application work per datagram (the request).", unit: "CPU cycles" }),
    workDistribution: enumOf(["fixed", "exponential"], {
      default: APP_DEFAULTS.workDistribution,
      description: "The work per datagram is fixed, or exponentially distributed with that mean.",
    }),
    rcvbuf: int({ min: 1, max: 2 ** 31 - 1, default: APP_DEFAULTS.rcvbuf, description: "Each socket's receive buffer (SO_RCVBUF).", unit: "bytes" }),
    truesize: int({
      min: 1,
      max: 1 << 20,
      default: APP_DEFAULTS.truesize,
      description: "What a small datagram charges to the receive buffer (skb truesize); a frame longer than truesize - 256 charges its length + 256.",
      unit: "bytes",
    }),
    reply: optional(
      obj(
        { size: int({ min: 42, max: 65535, unit: "bytes", description: "Frame size of each reply." }) },
        { description: "Answer each datagram read with a reply (request/response), sent by the thread after its work." },
      ),
    ),
    send: num({
      min: 0,
      max: MAX_CYCLES_PER_EVENT,
      default: APP_DEFAULTS.send,
      description: "Per reply on the thread's CPU: sendmsg, UDP/IP output, qdisc, driver transmit (plus copyPerByte per reply byte).",
      unit: "CPU cycles",
    }),
  },
  { description: "The application reading the datagrams: its threads, costs and receive buffers. Without it no application work is charged." },
);

export type CheckedApp = Infer<typeof appSchema>;

export interface App {
  /** CPU of each receiving thread: the listed CPUs in order, each threadsPerCpu times in a row. */
  readonly threadCpus: readonly number[];
  /** How datagrams find a thread: one SO_REUSEPORT socket per thread (by 4-tuple hash), or one connected socket per flow (flow f on thread f mod n). */
  readonly sockets: "reuseport" | "per-flow";
  readonly recv: number;
  readonly copyPerByte: number;
  readonly wake: number;
  readonly work: number;
  readonly workDistribution: "fixed" | "exponential";
  readonly rcvbuf: number;
  readonly truesize: number;
  /** Replies the threads send: frame bytes and replies per datagram read (1 for app.reply; bandwidth.reply's ratio), or null: none. */
  readonly reply: { readonly size: number; readonly ratio: number } | null;
  readonly send: number;
}

/** The resolved app section for the resolved traffic on `cpus` CPUs. @throws ConfigError */
export function resolveApp(
  app: CheckedApp,
  traffic: Traffic,
  cpus: number,
  given: { readonly appCpus: boolean; readonly bandwidthReply: { readonly size: number; readonly ratio: number } | null },
): App {
  if (traffic.protocol !== "udp") {
    throw new ConfigError("app", `the application model reads UDP sockets; traffic.protocol is ${traffic.protocol} (TCP's receive window and flow control are not modelled)`);
  }
  if (given.appCpus) throw new ConfigError("traffic.appCpus", "give the application's CPUs once, as app.threads (with an app section, RFS follows its threads)");
  if (app.reply !== undefined && given.bandwidthReply !== null) {
    throw new ConfigError("app.reply", "give the reply once: bandwidth.reply is the reply stream the threads send (and the egress caps shape)");
  }
  return {
    threadCpus: hostCpuList(app.threads, "app.threads", cpus).flatMap((cpu) => new Array<number>(app.threadsPerCpu).fill(cpu)),
    sockets: traffic.socket === "connected" ? "per-flow" : "reuseport",
    recv: app.recv,
    copyPerByte: app.copyPerByte,
    wake: app.wake,
    work: app.work,
    workDistribution: app.workDistribution,
    rcvbuf: app.rcvbuf,
    truesize: app.truesize,
    reply: app.reply === undefined ? given.bandwidthReply : { size: app.reply.size, ratio: 1 },
    send: app.send,
  };
}
