/**
 * The versioned result document (`--json`): what `nicsim run` and `nicsim bench` write.
 * Bump `RESULT_SCHEMA_VERSION` on any change a reader could notice; document it in README.md.
 */
import type { LatencySummaryUs } from "../stats/latency-summary.js";

export const RESULT_SCHEMA_VERSION = 1;

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
  readonly total: number;
}

export interface QueueResult {
  readonly nic: string;
  readonly queue: number;
  /** CPU that takes the queue's interrupt. */
  readonly cpu: number;
  /** Packets accepted into the ring. */
  readonly packets: number;
  readonly drops: number;
}

export interface Softnet {
  readonly processed: number;
  readonly dropped: number;
  readonly timeSqueeze: number;
  readonly receivedRps: number;
}

export interface CpuResult {
  readonly cpu: number;
  /** Busy fraction of the window (0..1): hard IRQs, polls, packet work. */
  readonly utilization: number;
  readonly irqs: number;
  readonly polls: number;
  /** Packets taken from rx rings by this CPU's driver polls. */
  readonly polled: number;
  /** Packets whose stack processing ended on this CPU. */
  readonly packets: number;
  readonly softnet: Softnet;
}

export interface Conservation {
  readonly offered: number;
  readonly delivered: number;
  readonly dropped: number;
  readonly inFlight: number;
  /** offered = delivered + dropped + inFlight, each counted on its own. */
  readonly ok: boolean;
}

export interface PointResult {
  readonly params: Readonly<Record<string, number | string>>;
  readonly seed: number;
  readonly replications: number;
  readonly offered: Rate;
  readonly delivered: Rate;
  readonly latencyUs: LatencySummaryUs;
  readonly drops: Drops;
  readonly cpuUtilization: { readonly max: number; readonly mean: number };
  /** max/mean of packets per rx queue of the receiving NIC (1 = perfectly even). */
  readonly imbalance: number;
  readonly perQueue: readonly QueueResult[];
  readonly perCpu: readonly CpuResult[];
  readonly conservation: Conservation;
  /** The latency histogram, HdrHistogram compressed base64 (values in ns), for exact merging. */
  readonly latencyHdr: string;
}

export interface RunResult {
  readonly schemaVersion: number;
  readonly generator: string;
  readonly source: string;
  readonly scenario: unknown;
  readonly points: readonly PointResult[];
}
