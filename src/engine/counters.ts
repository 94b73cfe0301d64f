/**
 * The counters of one simulation job, declared once (kinds: stats/counter-table.ts).
 *
 * Counts are of packets that arrived in the measurement window [warm-up end, run end), unless a
 * counter says otherwise. From this table alone come: the `JobCounters` type the engine fills,
 * the counters codec (pool/counters-codec.ts: worker → main thread and shard files; its format
 * is a hash of this table's names and kinds, so a change here changes it), the merge of a
 * point's replications (`mergeJobCounters`) and the per-queue and per-CPU rows of the result
 * document (`json`). Adding a counter is one entry here plus the code that counts it; the
 * point's other sections (rates, drops by cause, caps, routing) say what the scalars mean and
 * are written in report/point-result.ts.
 *
 * Grouped by the stage that counts them; the order is the codec's and the rows' key order.
 */
import { mergeCounters, type CounterTable, type CountersOf } from "../stats/counter-table.js";

export const JOB_COUNTERS = {
  // The run.
  /** Length of the measurement window, ns. */
  windowNs: { kind: "scalar", merge: "sum" },
  /** Packets the traffic source generated in the whole run (warm-up included). */
  generatedPackets: { kind: "scalar", merge: "sum" },
  /** Offered to the host: what reached the NIC plus what the ingress cap dropped before it. */
  offeredPackets: { kind: "scalar", merge: "sum" },
  offeredBytes: { kind: "scalar", merge: "sum" },
  /** Packets whose stack processing ended (net/core/dev.c: __netif_receive_skb). */
  deliveredPackets: { kind: "scalar", merge: "sum" },
  deliveredBytes: { kind: "scalar", merge: "sum" },
  /** Arrived at a full rx ring. */
  dropsRxRing: { kind: "scalar", merge: "sum" },
  /** Found the target CPU's input_pkt_queue above netdev_max_backlog (enqueue_to_backlog). */
  dropsBacklog: { kind: "scalar", merge: "sum" },

  // Ingress cap (ingress-policing.ts).
  /** Dropped by the ingress cap's policer before the NIC (0 without a bandwidth cap). */
  dropsIngressCap: { kind: "scalar", merge: "sum" },
  /** Exceeded the ingress policer: its drops, or with `bandwidth.ingress.exceed: pass` the packets it passed. */
  ingressExceeded: { kind: "scalar", merge: "sum" },
  /** ARP background frames policed with the traffic (bandwidth.arpBackground). */
  arpPackets: { kind: "scalar", merge: "sum" },
  /** Of `arpPackets`, dropped by the policer. */
  arpDropped: { kind: "scalar", merge: "sum" },
  /** Of `dropsIngressCap`, dropped by the receiving NIC's own cap (bandwidth.nics). */
  dropsNicIngressCap: { kind: "scalar", merge: "sum" },

  // Egress cap (egress-path.ts).
  /** Replies created in the window (reply stream of a bandwidth section; 0 without). */
  replyPackets: { kind: "scalar", merge: "sum" },
  /** Of those, dropped at the egress shaper's limit. */
  dropsEgressCap: { kind: "scalar", merge: "sum" },
  /** Reply bytes that left the egress shaper within the window. */
  egressBytes: { kind: "scalar", merge: "sum" },

  // GRO (gro-tables.ts).
  /**
   * skbs GRO passed up to the stack (aggregates, single segments included) whose first segment
   * arrived in the window; 0 without GRO (nics[].gro on with traffic.bulk).
   */
  groAggregates: { kind: "scalar", merge: "sum" },
  /** Segments those skbs carried: groSegments / groAggregates is the mean merge. */
  groSegments: { kind: "scalar", merge: "sum" },

  // The application (app-threads.ts; zeros without an app section).
  /** Datagrams whose recvmsg returned. */
  appReceived: { kind: "scalar", merge: "sum" },
  appReceivedBytes: { kind: "scalar", merge: "sum" },
  /** Of `appReceived`, per application thread (app.threads order; empty without an app section). */
  appThreadReads: { kind: "array", per: "thread", merge: "sum" },
  /** Dropped at a socket's full receive buffer (UdpRcvbufErrors, net/ipv4/udp.c __udp_enqueue_schedule_skb). */
  dropsSocketRcvbuf: { kind: "scalar", merge: "sum" },
  /** Replies the threads handed to the driver (app reply setting or bandwidth.reply). */
  appReplies: { kind: "scalar", merge: "sum" },
  /** Datagrams that arrived in the window and were still in a socket, or inside a recvmsg, at the end. */
  inSockets: { kind: "scalar", merge: "sum" },

  /** Packets that arrived in the window and were still in a ring, backlog or on a CPU at the end. */
  inFlight: { kind: "scalar", merge: "sum" },

  /** Arrival at the NIC → end of stack processing, ns, of each delivered packet. */
  latency: { kind: "histogram" },
  /** Arrival at the NIC → return of the application's recvmsg, ns (empty without an app section). */
  appLatency: { kind: "histogram" },
  /** Arrival at the NIC of a request → its reply handed to the driver, ns (empty without replies). */
  responseLatency: { kind: "histogram" },
  /** Egress shaper delay of each accepted reply created in the window (empty without replies). */
  egressDelay: { kind: "histogram" },

  // Rx queues (vectors: NICs in order, queues in order).
  /** CPU that takes the queue's interrupt at the start of the run (the same in every replication). */
  queueCpu: { kind: "placement", per: "queue", json: { at: ["cpu"] } },
  /** Packets accepted into the queue's ring. */
  queueRx: { kind: "array", per: "queue", merge: "sum", json: { at: ["packets"] } },
  /** Packets that found the queue's ring full. */
  queueDrops: { kind: "array", per: "queue", merge: "sum", json: { at: ["drops"] } },

  // CPUs; the softnet ones are the columns of /proc/net/softnet_stat (net/core/net-procfs.c: softnet_seq_show).
  /** Busy time: hard IRQs, polls, packet work. */
  cpuBusyNs: { kind: "array", per: "cpu", merge: "sum", json: { at: ["utilization"], shareOfWindow: true } },
  /** Time the CPU ran application threads (app section), ns. */
  cpuAppNs: { kind: "array", per: "cpu", merge: "sum", json: { at: ["app"], shareOfWindow: true } },
  /** Of `cpuBusyNs`, softirq work the CPU ran in ksoftirqd (only on CPUs with an application thread). */
  cpuKsoftirqdNs: { kind: "array", per: "cpu", merge: "sum" },
  /** Completions of transmitted replies this CPU's NAPI polls reaped (tx before rx). */
  cpuTxCompletions: { kind: "array", per: "cpu", merge: "sum", json: { at: ["txCompletions"] } },
  /** Hard IRQs of rx queues taken (RPS IPIs are `cpuReceivedRps`). */
  cpuIrqs: { kind: "array", per: "cpu", merge: "sum", json: { at: ["irqs"] } },
  /** NAPI polls: of rx queues and of this CPU's backlog. */
  cpuPolls: { kind: "array", per: "cpu", merge: "sum", json: { at: ["polls"] } },
  /** Packets taken from rx rings by this CPU's driver polls. */
  cpuPolled: { kind: "array", per: "cpu", merge: "sum", json: { at: ["polled"] } },
  /** Packets whose stack processing ended on this CPU (softnet_stat `processed`). */
  cpuProcessed: { kind: "array", per: "cpu", merge: "sum", json: { at: ["packets", "softnet.processed"] } },
  /** Backlog drops on this CPU as the RPS target (softnet_stat `dropped`). */
  cpuDropped: { kind: "array", per: "cpu", merge: "sum", json: { at: ["softnet.dropped"] } },
  /** net_rx_action rounds cut short by netdev_budget or netdev_budget_usecs (softnet_stat `time_squeeze`). */
  cpuTimeSqueeze: { kind: "array", per: "cpu", merge: "sum", json: { at: ["softnet.timeSqueeze"] } },
  /** RPS IPIs this CPU received (softnet_stat `received_rps`). */
  cpuReceivedRps: { kind: "array", per: "cpu", merge: "sum", json: { at: ["softnet.receivedRps"] } },
  /** Deepest input_pkt_queue of the CPU's backlog in the run, packets (backlogs.ts `peak`; the largest of the replications). */
  cpuBacklogPeak: { kind: "array", per: "cpu", merge: "max", json: { at: ["backlogPeak"] } },

  // Routing (flow-routes.ts).
  /** Packets dropped by their route verdict, by cause (ROUTE_DROP_CAUSES order); zeros without routing. */
  routeDrops: { kind: "array", per: "cause", merge: "sum" },
  /**
   * Delivered packets by the NIC their flow's traffic leaves by (the routing devices in order,
   * then one slot for replies that cannot be routed); empty without routing.
   */
  outDevPackets: { kind: "array", per: "device", merge: "sum" },
  /**
   * Replies per egress device (EgressCap.devices order): created in the window, dropped, bytes
   * departed in the window, three per device; then the replies whose flow has no route. Empty
   * without a reply stream.
   */
  egressDevices: { kind: "array", per: "device", merge: "sum" },

  // irqbalance (irqbalance-timer.ts).
  /** irqbalance scans, its first one (before the run: it placed `queueCpu`) included; 0 without irqbalance. */
  irqbalanceScans: { kind: "scalar", merge: "sum" },
  /** The queue interrupt moves of irqbalance's scans during the run, in time order. */
  irqMoves: { kind: "events", fields: ["timeNs", "queue", "from", "to"] },

  // net DIM (net-dim.ts).
  /** net DIM's profile changes (adaptive-rx) over the whole run, warm-up included, in time order; empty without adaptive-rx. */
  dimChanges: { kind: "events", fields: ["timeNs", "queue", "profile", "rxUsecs", "rxFrames"] },
} as const satisfies CounterTable;

/** Raw counters of one job (or of a point's jobs merged). */
export type JobCounters = CountersOf<typeof JOB_COUNTERS>;

/** A point's jobs (in replication order) merged: see `mergeCounters`. */
export function mergeJobCounters(jobs: readonly JobCounters[]): JobCounters {
  return mergeCounters(JOB_COUNTERS, jobs);
}
