/**
 * The versioned result document (`--json`): what `nicsim run` and `nicsim bench` write.
 * Bump `RESULT_SCHEMA_VERSION` on any change a reader could notice; document it in README.md.
 *
 * Version 2 (from version 1): every version-1 field is unchanged; added `points[].ci95` (only
 * when a point has two or more replications) and the top-level `shard` section (only in the
 * file of one shard of a sharded run, `--shard K/N`; `nicsim merge` turns the shards back into
 * an ordinary document). A version-1 reader would take a shard's partial points for whole ones,
 * hence the bump.
 *
 * Version 3 (from version 2): a latency that was not measured is `null`, never 0 —
 * `points[].latencyUs` of a point that delivered nothing, `ci95.p99Us` when a replication
 * delivered nothing, `bandwidth.egress.delayUs` when no reply went through the shaper; and each
 * point has `settings`, what the run used once defaults and overrides were applied (duration,
 * warm-up, clock, sysctls, costs). A version-2 reader would crash on the nulls, hence the bump.
 *
 * Version 4 (from version 3): every version-3 field is unchanged; added each CPU's `app` share
 * and `time` (its window split into hard IRQ, softirq, application and idle, like `mpstat`),
 * `points[].app` (with an `app` section: what the application read, its socket drops and its
 * latency) and the `socketRcvbuf` bottleneck. A version-3 reader would take a point whose
 * application dropped datagrams at its sockets for a clean one, hence the bump.
 */
import type { Bottleneck } from "./bottleneck.js";
import type { LatencySummaryUs } from "../stats/latency-summary.js";
import type { MeanInterval } from "./confidence.js";
import type { Costs } from "../config/sections/costs.js";
import type { JOB_COUNTERS } from "../engine/counters.js";
import type { RowOf } from "../stats/counter-table.js";
import type { IrqbalanceIdleReason } from "../irq/irqbalance-rescan-window.js";

export const RESULT_SCHEMA_VERSION = 4;
/** Versions `compare`, `merge` and `report` read. */
export const READABLE_SCHEMA_VERSIONS: readonly number[] = [1, 2, 3, 4];

export interface Rate {
  /** Packets per second over the measurement window. */
  readonly pps: number;
  /** Bits per second of frame bytes over the measurement window. */
  readonly bps: number;
  /** Packets counted in the window. */
  readonly packets: number;
}

export interface Drops {
  /** Arrived at a full rx ring. */
  readonly rxRing: number;
  /** Found the target CPU's input_pkt_queue above netdev_max_backlog. */
  readonly backlog: number;
  /**
   * Dropped by the route verdict of their flow (scenarios with a `routing` section), by cause:
   * noRoute, unreachable, prohibit, blackhole, martian, rpFilter, notForwarding.
   */
  readonly route?: Readonly<Record<string, number>>;
  /** Dropped by the ingress cap's policer before the NIC (scenarios with a `bandwidth` section). */
  readonly ingressCap?: number;
  /**
   * Replies dropped at the egress shaper's limit (with a `bandwidth.reply` stream). Replies are
   * not offered packets: not in `total` or the conservation check.
   */
  readonly egressCap?: number;
  readonly total: number;
}

/** The bandwidth caps of a point (scenarios with a `bandwidth` section). */
export interface BandwidthResult {
  readonly profile: "ecs" | "none";
  readonly egressMbps: number | null;
  readonly ingressMbps: number | null;
  /** given, derived (ecs: max(100, egress)) or none. */
  readonly ingressSource: "given" | "derived" | "none";
  readonly internalGbps: number | null;
  /** Which cap polices this traffic: public, internal (all sources private) or none. */
  readonly appliedCap: "public" | "internal" | "none";
  /** The policer's rate, bits/s (0: none). It charges frames without their 14-byte MAC header. */
  readonly capBps: number;
  /** What the policer does with an exceeding packet (`bandwidth.ingress.exceed`). */
  readonly ingressExceed: "drop" | "pass";
  /** Packets that exceeded the policer: its drops, or with `pass` the packets it let through. */
  readonly ingressExceeded: number;
  /**
   * The subnet's ARP broadcast policed with the traffic (`bandwidth.arpBackground`): its rate
   * (0: off or no ingress cap), the frames that arrived in the window and those the cap dropped.
   */
  readonly arpBackground: { readonly bps: number; readonly packets: number; readonly dropped: number };
  /** The receiving NIC's own ingress cap (`bandwidth.nics`), when it has one: what it dropped (part of drops.ingressCap). */
  readonly nicIngress?: { readonly nic: string; readonly capBps: number; readonly dropped: number };
  /** The reply stream (with `bandwidth.reply` and a cap for it), else absent. */
  readonly egress?: EgressResult;
  /** What limits this point (report/bottleneck.ts); the same as the point's `bottleneck`. */
  readonly bottleneck: Bottleneck;
}

/** Replies through the egress shaper. */
export interface EgressResult {
  /** The shaper's rate, bits/s. */
  readonly capBps: number;
  /** Replies created in the window. */
  readonly replies: number;
  /** Of those, dropped at the shaper's limit (= drops.egressCap). */
  readonly dropped: number;
  /** Reply bits per second that left the shaper within the window. */
  readonly sentBps: number;
  /** Shaper queueing delay of the accepted replies, µs — apart from the receive latency; null when none left it. */
  readonly delayUs: LatencySummaryUs | null;
  /** Replies by the NIC they leave by (routing's choice; the receiving NIC without routing). */
  readonly byNic: readonly EgressNicResult[];
  /** Replies created in the window whose flow has no route: never sent, not in `replies`. */
  readonly unroutable: number;
}

/** The replies one NIC sent. */
export interface EgressNicResult {
  readonly nic: string;
  /** The NIC's own shaper rate, bits/s (`bandwidth.nics`), or null: only the instance's cap. */
  readonly capBps: number | null;
  readonly replies: number;
  /** Dropped by its own shaper or the instance's. */
  readonly dropped: number;
  readonly sentBps: number;
}

/** Where delivered traffic leaves (scenarios with a `routing` section). */
export interface RoutingResult {
  /**
   * Delivered packets by the NIC their flow's traffic leaves by: the reply's NIC for traffic
   * delivered here, the output NIC for forwarded traffic.
   */
  readonly leavesBy: Readonly<Record<string, number>>;
  /** Delivered packets whose reply has no route (the reply would be dropped). */
  readonly replyUnroutable: number;
}

/**
 * One rx queue's row: its NIC and number, then the counters engine/counters.ts declares per queue
 * with a `json` place (the CPU of its interrupt at the start of the run, packets, drops), and
 * `irq`: the Linux IRQ number of its rx vector (nics[].vectors, or numbered from irq.firstIrq
 * per nics[].driver; absent in result files written before it was added).
 */
export type QueueResult = { readonly nic: string; readonly queue: number } & RowOf<typeof JOB_COUNTERS, "queue"> & { readonly irq?: number };

/**
 * One CPU's row: its number, then the counters engine/counters.ts declares per CPU with a `json`
 * place (utilization, irqs, polls, polled, packets, and `softnet`: the /proc/net/softnet_stat
 * columns processed, dropped, timeSqueeze, receivedRps).
 */
export type CpuResult = { readonly cpu: number } & RowOf<typeof JOB_COUNTERS, "cpu"> & { readonly time?: CpuTime };

/**
 * A CPU's measurement window split like `mpstat -P ALL` (shares of the window, 4 decimals):
 * hard IRQ handlers (rx queue interrupts and RPS IPIs: their counts × their fixed costs), softirq
 * run on the way out of an interrupt and softirq run by ksoftirqd (together the rest of
 * `utilization`: polls, driver, stack, RPS hand-offs), application threads (`app`), and idle,
 * what is left. Absent in files before version 4.
 */
export interface CpuTime {
  readonly irq: number;
  readonly softirq: number;
  readonly ksoftirqd: number;
  readonly app: number;
  readonly idle: number;
}

/** What the application read (present with an `app` section). */
export interface AppResult {
  /** Receiving threads. */
  readonly threads: number;
  /** Each thread's CPU and the datagrams it read (app.threads order; absent in older files). */
  readonly perThread?: readonly { readonly cpu: number; readonly read: number }[];
  /** Datagrams whose recvmsg returned in the window. */
  readonly received: Rate;
  /** NIC arrival → return of recvmsg, µs; null when nothing was read. */
  readonly latencyUs: LatencySummaryUs | null;
  /** Dropped at a socket's full receive buffer (UdpRcvbufErrors). */
  readonly socketRcvbuf: number;
  /** Still in a socket, or inside a recvmsg, at the end of the run. */
  readonly inSockets: number;
  /** delivered (end of the stack) = received + socketRcvbuf + inSockets, each counted on its own. */
  readonly ok: boolean;
  /** With replies (app.reply or bandwidth.reply): those the threads handed to the driver, and the request → reply time, µs (null: none sent). */
  readonly replies?: Rate;
  readonly responseUs?: LatencySummaryUs | null;
}

export interface Conservation {
  readonly offered: number;
  readonly delivered: number;
  readonly dropped: number;
  readonly inFlight: number;
  /** offered = delivered + dropped + inFlight, each counted on its own. */
  readonly ok: boolean;
}

/** One move of a rx queue's interrupt by irqbalance during a run. */
export interface IrqMoveResult {
  /** Replication (0-based) whose run it happened in. */
  readonly replication: number;
  /** Simulated time of the scan that moved it (ns from the start of the run). */
  readonly timeNs: number;
  /** Linux IRQ number of the queue's rx vector (as perQueue[].irq). */
  readonly irq: number;
  readonly nic: string;
  readonly queue: number;
  readonly from: number;
  readonly to: number;
}

/** irqbalance's activity in a point (present with `irq.policy: irqbalance`). */
export interface IrqbalanceResult {
  /** Scans summed over replications; each counts its first scan (which placed perQueue[].cpu). */
  readonly scans: number;
  /** Every move of every replication, replications in order, each in time order. */
  readonly moves: readonly IrqMoveResult[];
  /** `--interval` in seconds of simulated time. Absent in result files written before it was added. */
  readonly intervalS?: number;
  /**
   * Why no rescan measured load during the run, so that no move is no finding
   * (irq/irqbalance-rescan-window.ts): `oneshot`, `single-cpu`, `run-shorter-than-interval`,
   * `rescans-in-warm-up`. Absent when a rescan did measure load (or in older files).
   */
  readonly idle?: IrqbalanceIdleReason;
}

export interface PointResult {
  readonly params: Readonly<Record<string, number | string>>;
  readonly seed: number;
  readonly replications: number;
  readonly offered: Rate;
  readonly delivered: Rate;
  /** Null when the point delivered nothing (files before version 3 wrote zeros then). */
  readonly latencyUs: LatencySummaryUs | null;
  readonly drops: Drops;
  /** Busiest and mean CPU load: the receive path's `utilization` plus application time (`app`). */
  readonly cpuUtilization: { readonly max: number; readonly mean: number };
  /** max/mean of packets per rx queue of the receiving NIC (1 = perfectly even). */
  readonly imbalance: number;
  /** perQueue[].cpu is where each queue's interrupt was at the start of the run. */
  readonly perQueue: readonly QueueResult[];
  readonly perCpu: readonly CpuResult[];
  readonly conservation: Conservation;
  /**
   * What limits this point (report/bottleneck.ts): the drop cause that dropped the most, else
   * `egressCap` (replies at the egress cap), `cpu` (a CPU at least 95 % busy) or `none`. Absent
   * in result files written before it was added.
   */
  readonly bottleneck?: Bottleneck;
  /** Present with a `routing` section. */
  readonly routing?: RoutingResult;
  readonly irqbalance?: IrqbalanceResult;
  /** Present with a `bandwidth` section. */
  readonly bandwidth?: BandwidthResult;
  /** Present when GRO applies: `traffic.bulk` on a receiving NIC with `gro: on`. */
  readonly gro?: GroResult;
  /** Present with an `app` section. */
  readonly app?: AppResult;
  /** Present when a NIC runs adaptive-rx (nics[].coalesce.adaptiveRx). */
  readonly adaptiveRx?: AdaptiveRxResult;
  /** Across replications (present when there are two or more): mean and 95 % interval. */
  readonly ci95?: ReplicationIntervals;
  /** The latency histogram, HdrHistogram compressed base64 (values in ns), for exact merging. */
  readonly latencyHdr: string;
  /** What the run of this point used, defaults and sweep values filled in (absent before version 3). */
  readonly settings?: PointSettings;
}

/**
 * What net DIM did (engine/net-dim.ts): each change of a queue's profile over the whole run,
 * warm-up included, in replication and time order. A queue runs with its configured
 * rxUsecs/rxFrames until its first change.
 */
export interface AdaptiveRxResult {
  readonly changes: readonly {
    readonly replication: number;
    readonly timeNs: number;
    readonly nic: string;
    readonly queue: number;
    /** Index in net DIM's profile table (0–4). */
    readonly profile: number;
    readonly rxUsecs: number;
    readonly rxFrames: number;
  }[];
}

/**
 * What GRO did in the measurement window (engine/gro-tables.ts): the skbs it passed up to the
 * stack and the TCP segments they carried.
 */
export interface GroResult {
  /** skbs passed up (aggregates, single segments included) whose first segment arrived in the window. */
  readonly aggregates: number;
  /** Segments they carried. */
  readonly segments: number;
  /** segments / aggregates: the mean merge (the stack runs once per aggregate). */
  readonly segmentsPerAggregate: number;
}

/**
 * The settings a point ran with, as the engine saw them: the scenario's values after defaults,
 * sweep values and (for the seed, in `seed`) `--seed` were applied. In the units of the scenario
 * file's fields, except times (ns).
 */
export interface PointSettings {
  /** run.duration: simulated time of each replication, warm-up included. */
  readonly durationNs: number;
  /** run.warmup: the start of each replication left out of every figure. */
  readonly warmupNs: number;
  /** host.cpus and host.ghz (the clock that turns cycle costs into time). */
  readonly cpus: number;
  readonly ghz: number;
  /** The receive-path sysctls (`kernel` section). */
  readonly kernel: {
    readonly napiWeight: number;
    readonly netdevBudget: number;
    readonly netdevBudgetUsecs: number;
    readonly maxBacklog: number;
    readonly rpsSockFlowEntries: number;
    readonly devWeight: number;
  };
  /** CPU cycles per stage (the `costs` section as the run resolved it). */
  readonly costs: Costs;
  /**
   * host.topology.smtSpeed: the fraction of its solo speed a hardware thread keeps while a sibling
   * on its core is busy. Only for a host with SMT siblings (threadsPerCore > 1).
   */
  readonly smtSpeed?: number;
}

/**
 * Each figure per replication, then its mean and Student-t 95 % interval over the replications
 * (independent seeds). The point's own figures (`delivered`, `latencyUs`, `drops`) pool every
 * replication instead: summed counters, one merged histogram.
 */
export interface ReplicationIntervals {
  /** Number of replications. */
  readonly n: number;
  /** Delivered packets per second of each replication. */
  readonly deliveredPps: MeanInterval;
  /** p99 latency in µs of each replication's own histogram; null when a replication delivered nothing. */
  readonly p99Us: MeanInterval | null;
  /** Packets dropped (all causes) in each replication. */
  readonly drops: MeanInterval;
}

/** One job of a shard: which job it is, and its raw counters for an exact merge. */
export interface ShardJob {
  /** Index in the whole job list (points × replications, point-major). */
  readonly index: number;
  readonly point: number;
  readonly replication: number;
  readonly seed: number;
  /** The job's counters packed by pool/counters-codec.ts, base64. */
  readonly counters: string;
}

/** Present only in the file of one shard. Its `points` are then partial (this shard's jobs only). */
export interface ShardSection {
  /** 1-based shard number K of `--shard K/N`. */
  readonly index: number;
  /** N. */
  readonly count: number;
  /** The `--seed` override of the run, or null. */
  readonly seedOverride: number | null;
  /** Jobs in the whole (unsharded) run. */
  readonly totalJobs: number;
  readonly jobs: readonly ShardJob[];
}

export interface RunResult {
  readonly schemaVersion: number;
  readonly generator: string;
  readonly source: string;
  readonly scenario: unknown;
  readonly shard?: ShardSection;
  readonly points: readonly PointResult[];
}
