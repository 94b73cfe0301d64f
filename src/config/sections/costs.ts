/**
 * The `costs` section: CPU cycles per stage of the receive path, turned into time with
 * `host.ghz` by the engine plan. Every field has a calibrated default (docs/calibration.md).
 *
 *   costs: { hardIrq, pollOverhead, driverPerPacket, stackPerPacket, perByte, rpsEnqueue, ipi,
 *            routeRule, numaRemotePercent, rpsCrossNode, txCompletion, distribution: fixed | exponential }
 *
 * Resolved: `Costs`, the checked section as it is (cycles; per byte for perByte).
 */
import { MAX_CYCLES_PER_BYTE, MAX_CYCLES_PER_EVENT } from "../physical-limits.js";
import { enumOf, num, obj } from "../schema-dsl.js";

/**
 * CPU cycles per stage (turned into ns with host.ghz).
 *
 * With these numbers one CPU saturates near 1 Mpps of small packets: driver 450 + stack 1900 +
 * 64 B × 0.25 + one poll's 600 shared by 64 packets ≈ 2,375 cycles ≈ 950 ns per 64-byte packet
 * at 2.5 GHz (under load, interrupts are rare: NAPI keeps polling). That sits between the published per-core Linux figures of 4.8 Mpps for the
 * earliest drop (208 ns, iptables raw table) and 1.74 Mpps for forwarding (575 ns) from the XDP
 * paper (CoNEXT'18), on the slow side of both because delivery to a UDP socket costs more than
 * forwarding (docs/calibration.md: the XDP paper, CoNEXT 2018, and the other sources there).
 */
export const COST_DEFAULTS = {
  /** ≈1 µs at 2.5 GHz: a virtualised NIC interrupt including the VM exit (no primary figure for an IPI was found; 1–3 µs is the usual estimate: docs/calibration.md). */
  hardIrq: 2500,
  /** Driver poll entry, ring refill, napi_complete: a few hundred ns per poll call. */
  pollOverhead: 600,
  /** Descriptor read, skb build, GRO attempt (skb build ≈ 36 ns of it on bare metal: docs/calibration.md). */
  driverPerPacket: 450,
  /** IP + UDP/TCP + socket enqueue. */
  stackPerPacket: 1900,
  /** Checksum / copy per frame byte. */
  perByte: 0.25,
  /** get_rps_cpu + enqueue_to_backlog on the steering CPU. */
  rpsEnqueue: 200,
  /** Sending and taking one RPS IPI (an estimate, 1–3 µs round trip; ≈1 µs here: docs/calibration.md). */
  ipi: 2500,
  /**
   * Per policy-routing rule a packet's lookups evaluate (input, and the reply's output lookup),
   * with a `routing` section only: fib_rules_lookup walks the rule list, each rule a few compares
   * and, for a `lookup`, a table lookup that misses (a FIB trie walk of tens of ns). The base
   * lookup with the default rules is inside stackPerPacket.
   */
  routeRule: 30,
  /**
   * Extra per-packet work, in percent, on a CPU of another NUMA node than the NIC's: the packet
   * was DMAed into the NIC's node (its LLC with DDIO), so the stack's reads miss across the
   * interconnect. 25% makes a remote CPU do 80% of the work of a local one, the ~20% loss of
   * throughput per core measured for NUMA-remote processing (Cai et al., "Understanding host
   * network stack overheads", SIGCOMM 2021). Only with `host.topology.nicNode` known.
   */
  numaRemotePercent: 25,
  /**
   * Extra work of an RPS hand-off to a CPU of another node: enqueue_to_backlog takes the remote
   * softnet_data lock and writes its queue (cache lines that cross the interconnect, ~100–150 ns
   * each on two-socket x86: an assumption, no primary per-hand-off figure; calibrate it).
   */
  rpsCrossNode: 400,
  /**
   * Per transmitted packet whose completion a NAPI poll reaps (the application's replies):
   * unmapping its buffer and freeing the skb (napi_consume_skb). An assumption, a few hundred
   * cycles like the driver's rx work; only with an `app` section that replies.
   */
  txCompletion: 400,
  distribution: "fixed",
} as const;


function cycles(defaultValue: number, description: string, unit = "CPU cycles") {
  const max = unit === "CPU cycles" ? MAX_CYCLES_PER_EVENT : MAX_CYCLES_PER_BYTE;
  return num({ min: 0, max, default: defaultValue, description, unit });
}


export const costsSchema = obj(
  {
    hardIrq: cycles(COST_DEFAULTS.hardIrq, "Hard IRQ handler, per interrupt."),
    pollOverhead: cycles(COST_DEFAULTS.pollOverhead, "Per NAPI poll call (poll entry, ring refill, napi_complete)."),
    driverPerPacket: cycles(COST_DEFAULTS.driverPerPacket, "Driver rx work per packet (descriptor, skb build, GRO)."),
    stackPerPacket: cycles(COST_DEFAULTS.stackPerPacket, "IP + UDP/TCP + socket enqueue, per packet."),
    perByte: cycles(COST_DEFAULTS.perByte, "Per frame byte (checksum, copy).", "CPU cycles per byte"),
    rpsEnqueue: cycles(COST_DEFAULTS.rpsEnqueue, "RPS steering and backlog enqueue, per packet."),
    ipi: cycles(COST_DEFAULTS.ipi, "Sending and taking one RPS IPI."),
    routeRule: cycles(
      COST_DEFAULTS.routeRule,
      "Per policy-routing rule a packet's route lookups evaluate (its input lookup and its reply's output lookup); only with a routing section.",
    ),
    numaRemotePercent: num({
      min: 0,
      max: 400,
      default: COST_DEFAULTS.numaRemotePercent,
      description:
        "Extra per-packet work (driver, stack, per byte, RPS enqueue) on a CPU of another NUMA node than the NIC's (host.topology.nicNode); 0 turns it off.",
      unit: "%",
    }),
    rpsCrossNode: cycles(COST_DEFAULTS.rpsCrossNode, "Extra per RPS hand-off to a CPU of another NUMA node than the steering CPU's."),
    txCompletion: cycles(COST_DEFAULTS.txCompletion, "Per transmitted packet whose completion the tx queue's NAPI poll reaps (replies of an app section)."),
    distribution: enumOf(["fixed", "exponential"], {
      default: COST_DEFAULTS.distribution,
      description: "Per-packet costs are fixed, or exponentially distributed with that mean.",
    }),
  },
  { default: {}, description: "CPU cost of each stage; turned into time with host.ghz." },
);

export type CostDistribution = "fixed" | "exponential";

/** CPU cycles per stage; turned into ns with `host.ghz`. */
export interface Costs {
  /** Hard IRQ handler, per interrupt. */
  readonly hardIrq: number;
  /** Per NAPI poll call (driver poll entry, refill, napi_complete). */
  readonly pollOverhead: number;
  /** Driver rx work per packet (descriptor, skb build, GRO). */
  readonly driverPerPacket: number;
  /** IP + UDP/TCP + socket enqueue per packet. */
  readonly stackPerPacket: number;
  /** Per byte of frame (checksum, copy). */
  readonly perByte: number;
  /** RPS: get_rps_cpu + enqueue_to_backlog on the steering CPU, per packet. */
  readonly rpsEnqueue: number;
  /** Sending one RPS IPI (on the sender) and taking it (on the target). */
  readonly ipi: number;
  /** Per routing rule evaluated by a packet's lookups (only with a `routing` section). */
  readonly routeRule: number;
  /** Extra per-packet work, percent, on a CPU of another NUMA node than the NIC's. */
  readonly numaRemotePercent: number;
  /** Extra per RPS hand-off to a CPU of another NUMA node. */
  readonly rpsCrossNode: number;
  /** Per transmitted packet whose completion a NAPI poll reaps. */
  readonly txCompletion: number;
  /** Whether per-packet costs are fixed or exponentially distributed with that mean. */
  readonly distribution: CostDistribution;
}

/** The resolved costs: the checked section (cycles need no conversion until `host.ghz` is known). */
export function resolveCosts(costs: Costs): Costs {
  return costs;
}
