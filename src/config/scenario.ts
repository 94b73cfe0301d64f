/**
 * The resolved scenario: what validation hands to the rest of nicsim.
 *
 * Every field here is checked, defaulted and converted to engine units (ns, cycles, bytes,
 * integers) by `config/validate.ts`; nothing half-valid gets this type. The raw file shape
 * (YAML/JSON, human units) is described by `config/schema.ts`, which is also the source of the
 * published JSON Schema.
 */
import type { RoutingConfig } from "../routing/model/build.js";
import type { BandwidthConfig } from "./bandwidth-section.js";
import type { RssFlowType } from "../rss/fields.js";
import type { IndirSpec } from "../rss/indirection.js";
import type { RssKeySpec } from "../rss/key.js";
import type { RssHfunc, RssInputXfrm } from "../rss/profile.js";
import type { CpuTopology } from "../irq/topology.js";
import type { QueueAffinity } from "../irq/policies.js";
import type { DriverKind, HostVector } from "../irq/device-vectors.js";
import type { SysfsListing } from "../irq/kernfs-order.js";
import type { IrqbalanceVersion } from "../irq/irqbalance/options.js";

/** Cloud profile: `ecs` applies the cloud host rules (docs/cloud-profile.md); `none` is bare metal. */
export type Profile = "ecs" | "none";

export interface Host {
  /** Online CPUs, numbered 0..cpus-1. */
  readonly cpus: number;
  /** Clock in GHz: turns cycle costs into nanoseconds. */
  readonly ghz: number;
  /** Topology (default: one socket of `cpus` single-thread cores, NIC node unknown). */
  readonly topology: CpuTopology;
}

/** An IPv4 or IPv6 prefix, parsed once at load time (ip-address) into 32-bit words. */
export interface Prefix {
  readonly family: 4 | 6;
  /** Network address, most significant word first: 1 word for IPv4, 4 for IPv6. */
  readonly words: readonly number[];
  /** Prefix length in bits (32 or 128 for a single address). */
  readonly length: number;
  /** The text the user wrote, for messages and reports. */
  readonly text: string;
}

export interface Rss {
  /**
   * The key as configured: fixed bytes (`microsoft`, `symmetric`, hex) or `random` (drawn from
   * each job's seed: `rssKeyBytes(keySpec, seed)` in rss/key.ts). Default `microsoft`.
   */
  readonly keySpec: RssKeySpec;
  /**
   * The fixed key bytes (40 or 52), the same as `keySpec.bytes`; empty for a `random` key, whose
   * bytes exist only per job. Default: the Microsoft verification key.
   */
  readonly key: Uint8Array;
  /** `ethtool -X hfunc`: toeplitz (default) or xor (nicsim's definition: rss/profile.ts). */
  readonly hfunc: RssHfunc;
  /** `ethtool -X xfrm`: none (default), symmetric-xor or symmetric-or-xor. */
  readonly inputXfrm: RssInputXfrm;
  /**
   * What the driver reports with the hash (skb_set_hash): l4 (its type: L4 when the ports were
   * hashed), l3 (always L3) or none. RPS and RFS reuse only an L4 hash (rps/skb-hash.ts).
   */
  readonly hashReport: "l4" | "l3" | "none";
  /** Hashed fields per flow type as canonical ethtool letters (`sdfn`, `sd`, …). Default `sdfn`. */
  readonly fields: Readonly<Record<RssFlowType, string>>;
  /** Indirection table size (power of two). Default 128. */
  readonly indirSize: number;
  /** Indirection table as `ethtool -X` sets it; checked against `queues`. Default `default`. */
  readonly indir: IndirSpec;
}

export interface Rps {
  /**
   * One `rps_cpus` mask per rx queue in sysfs notation (hex, comma-separated 32-bit groups,
   * most significant first; "0" = off). A single mask given in the file applies to every queue.
   */
  readonly cpus: readonly string[];
  /** rps_flow_cnt of each rx queue: RFS flow-table entries (0 = none). */
  readonly flowCnt: number;
}

export interface Nic {
  readonly name: string;
  readonly addresses: readonly Prefix[];
  /** `ethtool -l`: pre-set maximum of combined channels. */
  readonly maxQueues: number;
  /** `ethtool -L combined N`: current combined channels. */
  readonly queues: number;
  /** Which MSI-X vectors the driver requests (irq/device-vectors.ts). */
  readonly driver: DriverKind;
  /** PCI address (`ethtool -i` bus-info): the device's name under /sys/bus/pci/devices. */
  readonly pci?: string;
  /** The host's own vectors (IRQ number and /proc/interrupts name), replacing the driver's list. */
  readonly vectors?: readonly HostVector[];
  /** rx ring size in descriptors per queue. */
  readonly ringSize: number;
  readonly rss: Rss;
  readonly rps: Rps;
}

export type IrqPolicy = "round-robin" | "cpu0" | "driver-hint" | "explicit" | "irqbalance";

export interface Irq {
  readonly policy: IrqPolicy;
  readonly driverHintNode: "none" | "nic";
  /** Linux IRQ number of the first NIC's vector 0. */
  readonly firstIrq: number;
  /** explicit: per rx queue vector, what is written (null: nothing). */
  readonly affinity: readonly (QueueAffinity | null)[];
  readonly irqbalance: IrqbalanceSettings;
}

/** irqbalance's options (irq/irqbalance/options.ts); interval in whole seconds. */
export interface IrqbalanceSettings {
  readonly deepestCache: number;
  readonly bannedCpus?: string;
  readonly interval: number;
  readonly oneshot: boolean;
  readonly migrateVal: number;
  readonly powerThresh: number | null;
  readonly bannedIrqs: readonly number[];
  readonly version: IrqbalanceVersion;
  readonly listing: SysfsListing;
}

export interface PortRange {
  readonly lo: number;
  readonly hi: number;
}

export type FlowWeights = { readonly kind: "uniform" } | { readonly kind: "zipf"; readonly s: number };

/** Packet sizes in bytes (the frame length the driver sees) with relative weights. */
export interface SizeMix {
  readonly sizes: readonly number[];
  readonly weights: readonly number[];
  /** The text the user wrote (`imix`, `64`, `[64, 1500]`). */
  readonly text: string;
}

export type Arrival = "poisson" | "constant";

/** Offered load: packets per second, or megabits per second of frame bytes. */
export type Load = { readonly pps: number } | { readonly mbps: number };

export type Protocol = "udp" | "tcp";

export interface Traffic {
  readonly flows: number;
  readonly src: readonly Prefix[];
  readonly dst: readonly Prefix[];
  readonly protocol: Protocol;
  readonly srcPort: PortRange;
  readonly dstPort: PortRange;
  readonly weights: FlowWeights;
  readonly size: SizeMix;
  readonly arrival: Arrival;
  /**
   * Which bandwidth the traffic meets: `public` the ingress/egress caps, `private` the internal
   * bandwidth, `auto` decided by the source prefixes (all private → private).
   */
  readonly network: "auto" | "public" | "private";
  readonly load: Load;
  /** Index into `nics` of the NIC that receives this traffic. */
  readonly nic: number;
  /** CPUs the receiving application runs on (flow f on appCpus[f mod n]); empty: not given. */
  readonly appCpus: readonly number[];
  /**
   * Whether the receiving socket records the flow's CPU for RFS: a TCP socket in ESTABLISHED or a
   * connected UDP socket does; an unconnected UDP socket does not.
   */
  readonly socket: "connected" | "unconnected";
}

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
  /** Whether per-packet costs are fixed or exponentially distributed with that mean. */
  readonly distribution: CostDistribution;
}

/** The kernel's knobs of the receive path (docs/receive-path.md, "RPS" and "NAPI"). */
export interface Kernel {
  /** NAPI weight per driver poll (NAPI_POLL_WEIGHT). */
  readonly napiWeight: number;
  /** net.core.netdev_budget: packets per net_rx_action. */
  readonly netdevBudget: number;
  /** net.core.netdev_budget_usecs, in ns. */
  readonly netdevBudgetNs: number;
  /** net.core.netdev_max_backlog. */
  readonly maxBacklog: number;
  /** net.core.rps_sock_flow_entries (0 = RFS off). */
  readonly rpsSockFlowEntries: number;
  /** net.core.dev_weight × dev_weight_rx_bias: process_backlog quota. */
  readonly devWeight: number;
}

export interface Run {
  readonly durationNs: number;
  readonly warmupNs: number;
  readonly seed: number;
  readonly replications: number;
}

export interface Scenario {
  readonly profile: Profile;
  readonly host: Host;
  readonly nics: readonly Nic[];
  readonly irq: Irq;
  readonly traffic: Traffic;
  readonly costs: Costs;
  readonly kernel: Kernel;
  readonly run: Run;
  /** Policy routing (`routing` section), when given; compile with `compileRouting`. */
  readonly routing?: RoutingConfig;
  /** Bandwidth caps (`bandwidth` section), when given. */
  readonly bandwidth?: BandwidthConfig;
}

/** One point of a sweep: the values its axes took, and the scenario they produce. */
export interface SweepPoint {
  /** Axis name → value, in the order the axes were declared (e.g. `{ queues: 4 }`). */
  readonly params: Readonly<Record<string, number | string>>;
  readonly scenario: Scenario;
}

/** A loaded scenario file: the base scenario and its sweep points (one point when no sweep). */
export interface ScenarioFile {
  /** Where it came from (file path or `built-in`). */
  readonly source: string;
  /** The document as written (after YAML/JSON parsing), kept for reports. */
  readonly raw: unknown;
  readonly points: readonly SweepPoint[];
}
