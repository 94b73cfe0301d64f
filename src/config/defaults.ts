/**
 * Every default of the scenario file, in file units, with where it comes from.
 *
 * `schema.ts` publishes these as JSON Schema `default`s and `check` runs them through the same
 * rules as user input, so they are always valid. Defaults that depend on other fields
 * (`nics[].maxQueues`, `traffic.dstPort`, `traffic.nic`) are filled in by `validate.ts`.
 */
export const PROFILE_DEFAULT = "ecs";

export const HOST_DEFAULTS = {
  /** GHz. A common cloud vCPU base clock; turns cycle costs into ns. */
  ghz: 2.5,
} as const;

export const NIC_DEFAULTS = {
  /** rx descriptors per queue: a common virtio-net / ENA ring size. */
  ringSize: 1024,
  /** Combined channels in use. `maxQueues` defaults to `queues`. */
  queues: 1,
  /**
   * The Microsoft verification key: deterministic, so runs are comparable. (Linux itself uses a
   * random 52-byte key per boot — `"random"` models that: `netdev_rss_key_fill()`, net/core/utils.c.)
   */
  rssKey: "microsoft",
  /** The RSS hash function: Toeplitz, what RSS NICs use by default. */
  rssHfunc: "toeplitz",
  /** No symmetric input transform (the kernel's default input_xfrm). */
  rssInputXfrm: "none",
  /**
   * Hash fields per flow type: the 4-tuple everywhere. Defaults are driver-specific; several
   * drivers hash UDP on "sd" only (docs/receive-path.md, "Hashed fields") — set `udp4: sd` to model them.
   */
  rssFields: "sdfn",
  /** Indirection table entries: the most common hardware size (Documentation/networking/scaling.rst). */
  rssIndirSize: 128,
  /** The driver's default fill, entry i = i mod queues (`ethtool_rxfh_indir_default`). */
  rssIndir: "default",
  /** rps_cpus: the kernel default is 0, RPS off (Documentation/networking/scaling.rst). */
  rpsCpus: "0",
  /** rps_flow_cnt: 0, no RFS flow table on the queue. */
  rpsFlowCnt: 0,
} as const;

export const IRQ_DEFAULTS = {
  /** One queue's IRQ per CPU in turn, as irqbalance tends to settle for distinct queue IRQs. */
  policy: "round-robin",
} as const;

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
  distribution: "fixed",
} as const;

/** The receive-path sysctls at their kernel defaults (net/core/hotdata.c; docs/calibration.md). */
export const KERNEL_DEFAULTS = {
  /** NAPI_POLL_WEIGHT (weight_p). */
  napiWeight: 64,
  /** net.core.netdev_budget. */
  netdevBudget: 300,
  /** net.core.netdev_budget_usecs = 2 × USEC_PER_SEC / HZ at HZ=1000 (µs; stored as 2,000,000 ns). */
  netdevBudgetUsecs: 2000,
  /** net.core.netdev_max_backlog. */
  maxBacklog: 1000,
  /** net.core.rps_sock_flow_entries: 0, RFS off (Documentation/networking/scaling.rst). */
  rpsSockFlowEntries: 0,
  /** net.core.dev_weight (× dev_weight_rx_bias 1). */
  devWeight: 64,
} as const;

export const RUN_DEFAULTS = {
  duration: "100ms",
  warmup: "0s",
  seed: 1,
  replications: 1,
} as const;
