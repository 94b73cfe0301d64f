/**
 * The `traffic` section: the offered traffic — flows drawn from address pools and port ranges,
 * their popularity, frame sizes, arrival process and offered load, and the receiving NIC and
 * application CPUs.
 *
 *   traffic: { flows, src*, dst*, protocol, srcPort, dstPort, weights, size, arrival, load*,
 *              network, appCpus, socket, nic }
 *
 * Resolved: `Traffic` (traffic/ draws the flows and packets from it).
 */
import { familyName, prefixContains, type Prefix } from "../addresses.js";
import { ConfigError, show } from "../errors.js";
import { hostCpuList } from "../host-cpu-list.js";
import { addressPool, flowWeights, offeredLoad, portRange, sizeMix } from "../field-types.js";
import type { FlowWeights, Load, Located, PortRange, SizeMix } from "../field-types.js";
import { checkOfferedLoad } from "../physical-limits.js";
import { enumOf, int, obj, optional, str } from "../schema-dsl.js";
import type { Infer } from "../schema-dsl.js";
import type { Nic } from "./nics.js";

export const TRAFFIC_DEFAULTS = {
  flows: 1000,
  protocol: "udp",
  /** Linux net.ipv4.ip_local_port_range default: the ephemeral ports clients send from. */
  srcPort: "32768-60999",
  /** Destination port when not given: DNS for udp, HTTP for tcp. */
  udpDstPort: 53,
  tcpDstPort: 80,
  weights: "uniform",
  /** bytes: the minimum Ethernet frame, the hardest case per byte of work. */
  size: 64,
  arrival: "poisson",
} as const;

export const trafficSchema = obj(
  {
    flows: int({ min: 1, max: 10_000_000, default: TRAFFIC_DEFAULTS.flows, description: "Distinct flows (5-tuples).", unit: "flows" }),
    src: addressPool({ description: "Source address pool: a CIDR or a list of CIDRs (one address family for src and dst)." }),
    dst: addressPool({ description: "Destination address pool: a CIDR or a list of CIDRs; a plain address is a pool of one." }),
    protocol: enumOf(["udp", "tcp"], { default: TRAFFIC_DEFAULTS.protocol, description: "L4 protocol." }),
    srcPort: portRange({
      default: TRAFFIC_DEFAULTS.srcPort,
      description: "Source port or inclusive range. Default: Linux ip_local_port_range.",
    }),
    dstPort: optional(portRange({ description: "Destination port or inclusive range. Default: 53 for udp, 80 for tcp." })),
    weights: flowWeights({
      default: TRAFFIC_DEFAULTS.weights,
      description: 'Flow popularity: "uniform", or { zipf: s } for a Zipf law with exponent s.',
    }),
    size: sizeMix({
      default: TRAFFIC_DEFAULTS.size,
      description:
        'Frame size in bytes: one size, "imix" (64/576/1500 at 7:4:1), a list (equal weights), or { bytes: [...], weights: [...] }.',
      unit: "bytes",
    }),
    arrival: enumOf(["poisson", "constant"], {
      default: TRAFFIC_DEFAULTS.arrival,
      description: "Arrival process: Poisson (exponential gaps) or constant gaps.",
    }),
    load: offeredLoad({ description: "Offered load: exactly one of { pps } or { mbps }." }),
    network: enumOf(["auto", "public", "private"], {
      default: "auto",
      description:
        "Which bandwidth the traffic uses (with a bandwidth section): public (the ingress/egress caps) or private (the internal bandwidth). auto: private when every source prefix is private (RFC 1918, RFC 6598 shared space excluded, IPv6 ULA), else public.",
    }),
    appCpus: optional(
      str({
        description:
          'CPUs the receiving application runs on, as a CPU list ("0-3,8"); flow f is read on the (f mod n)-th of them. RFS steers each flow whose socket records a CPU (see socket) to its application CPU.',
      }),
    ),
    socket: enumOf(["auto", "connected", "unconnected"], {
      default: "auto",
      description:
        "The receiving socket: connected (a TCP socket in ESTABLISHED, a connect()ed UDP socket) records the flow's CPU for RFS; unconnected (a UDP server reading every client on one socket) records nothing, so RFS leaves its packets to plain RPS (sock_rps_record_flow, include/net/sock.h; __udp_queue_rcv_skb, net/ipv4/udp.c). auto: connected for tcp, unconnected for udp.",
    }),
    nic: optional(
      str({
        description:
          "Name of the NIC that receives the traffic. Default: the first NIC with an address equal to or containing a dst address, else the first NIC.",
      }),
    ),
  },
  { description: "The offered traffic." },
);

export type CheckedTraffic = Infer<typeof trafficSchema>;

export type Arrival = "poisson" | "constant";


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

/**
 * The resolved traffic for the resolved NICs on a host of `cpus` CPUs: one address family, the
 * receiving NIC found, ports and socket mode defaulted by protocol. @throws ConfigError
 */
export function resolveTraffic(traffic: CheckedTraffic, nics: readonly Nic[], cpus: number): Traffic {
  checkOfferedLoad(traffic.load, "traffic.load");
  const all: readonly Located<Prefix>[] = [...traffic.src, ...traffic.dst];
  const first = all[0];
  for (const prefix of all) {
    if (prefix.value.family !== first.value.family) {
      throw new ConfigError(
        prefix.path,
        `${show(prefix.value.text)} is ${familyName(prefix.value)} but ${first.path} is ${familyName(first.value)}`,
      );
    }
  }
  const dst = traffic.dst.map((prefix) => prefix.value);
  const defaultDstPort = traffic.protocol === "udp" ? TRAFFIC_DEFAULTS.udpDstPort : TRAFFIC_DEFAULTS.tcpDstPort;
  return {
    flows: traffic.flows,
    src: traffic.src.map((prefix) => prefix.value),
    dst,
    protocol: traffic.protocol,
    srcPort: traffic.srcPort,
    dstPort: traffic.dstPort ?? { lo: defaultDstPort, hi: defaultDstPort },
    weights: traffic.weights,
    size: traffic.size,
    arrival: traffic.arrival,
    load: traffic.load,
    network: traffic.network,
    nic: receivingNic(traffic.nic, dst, nics),
    appCpus: traffic.appCpus === undefined ? [] : hostCpuList(traffic.appCpus, "traffic.appCpus", cpus),
    socket: socketMode(traffic.socket, traffic.protocol),
  };
}

/** The receiving socket's mode: `auto` is connected for TCP (ESTABLISHED), unconnected for UDP. */
function socketMode(socket: "auto" | "connected" | "unconnected", protocol: "udp" | "tcp"): "connected" | "unconnected" {
  if (socket === "auto") return protocol === "tcp" ? "connected" : "unconnected";
  if (socket === "unconnected" && protocol === "tcp") {
    throw new ConfigError("traffic.socket", `"unconnected" is a UDP socket mode: a TCP socket that receives data is connected (ESTABLISHED)`);
  }
  return socket;
}

function receivingNic(name: string | undefined, dst: readonly Prefix[], nics: readonly Nic[]): number {
  if (name !== undefined) {
    const index = nics.findIndex((nic) => nic.name === name);
    if (index < 0) {
      throw new ConfigError("traffic.nic", `${show(name)} is not a NIC; NICs: ${nics.map((nic) => nic.name).join(", ")}`);
    }
    return index;
  }
  // The NIC that has a destination address itself (an elastic NIC receives the traffic for its
  // own addresses, even when another NIC sits in the same subnet), else the first whose subnet
  // holds a destination, else the first NIC.
  const owns = (address: Prefix): boolean => dst.some((prefix) => prefix.length === address.words.length * 32 && prefix.words.every((w, i) => w === address.words[i]));
  const owner = nics.findIndex((nic) => nic.addresses.some(owns));
  if (owner >= 0) return owner;
  const index = nics.findIndex((nic) => nic.addresses.some((address) => dst.some((prefix) => prefixContains(address, prefix))));
  return index < 0 ? 0 : index;
}
