/**
 * The scenario file shape, written once in the schema DSL. `check(scenarioSchema, raw, "")`
 * validates a document field by field (cross-field rules are in `validate.ts`), and
 * `scenarioJsonSchema()` publishes the same rules as `schema/scenario.schema.json`.
 *
 * Units are in the descriptions; durations carry their unit in the value ("200ms").
 */
import {
  COST_DEFAULTS,
  HOST_DEFAULTS,
  IRQ_DEFAULTS,
  KERNEL_DEFAULTS,
  NIC_DEFAULTS,
  PROFILE_DEFAULT,
  RUN_DEFAULTS,
  TRAFFIC_DEFAULTS,
} from "./defaults.js";
import { RSS_FLOW_TYPES } from "../rss/fields.js";
import type { RssFlowType } from "../rss/fields.js";
import { RSS_HFUNCS, RSS_INPUT_XFRMS } from "../rss/profile.js";
import { DEFAULT_FIRST_IRQ, DRIVER_KINDS, MAX_IRQ_NUMBER } from "../irq/device-vectors.js";
import { SYSFS_LISTINGS } from "../irq/kernfs-order.js";
import { IRQBALANCE_VERSIONS } from "../irq/irqbalance/options.js";
import {
  addressPool,
  duration,
  flag,
  flowWeights,
  hashFields,
  indirSpec,
  interfaceAddress,
  offeredLoad,
  portRange,
  rpsMasks,
  rssKey,
  sizeMix,
} from "./field-types.js";
import { array, enumOf, int, map, num, obj, optional, record, str, toJsonSchema, union } from "./schema-dsl.js";
import { routingSection } from "../routing/scenario-section.js";
import { bandwidthSection } from "./bandwidth-section.js";
import { MAX_CYCLES_PER_BYTE, MAX_CYCLES_PER_EVENT, MIN_GHZ } from "./physical-limits.js";
import type { Infer, JsonSchema, Schema } from "./schema-dsl.js";

const host = obj(
  {
    cpus: int({ min: 1, max: 4096, description: "Online CPUs, numbered 0..cpus-1.", unit: "CPUs" }),
    ghz: num({
      min: MIN_GHZ,
      max: 10,
      default: HOST_DEFAULTS.ghz,
      description: "CPU clock; turns the cycle costs into time.",
      unit: "GHz",
    }),
    topology: optional(
      obj(
        {
          sockets: int({ min: 1, max: 64, description: "CPU packages.", unit: "sockets" }),
          coresPerSocket: int({ min: 1, max: 1024, description: "Cores per package.", unit: "cores" }),
          threadsPerCore: int({ min: 1, max: 8, description: "SMT threads per core.", unit: "threads" }),
          numaNodes: optional(int({ min: 1, max: 64, description: "NUMA nodes (default one per socket).", unit: "nodes" })),
          nicNode: optional(int({ min: -1, max: 63, description: "NUMA node of the NICs (-1 unknown, the default)." })),
          isolated: optional(str({ description: 'Isolated CPUs as a CPU list ("2,4-7"): irqbalance bans them.' })),
        },
        {
          description:
            "CPU topology; CPU ids count thread 0 of every core first, then the SMT siblings (x86 enumeration). Default: one socket of cpus single-thread cores.",
        },
      ),
    ),
  },
  { description: "The host that receives the traffic." },
);

const nic = obj({
  name: str({
    pattern: /^[A-Za-z0-9_.:-]{1,15}$/,
    allowed: "1 to 15 characters of A-Z a-z 0-9 _ . : -",
    description: "Interface name (as `ip link` shows it), unique among the NICs.",
  }),
  addresses: array(interfaceAddress, {
    default: [],
    description: 'Interface addresses, e.g. "10.0.0.19/24" (host 10.0.0.19 on a /24); a plain address is a /32 or /128.',
  }),
  maxQueues: optional(
    int({ min: 1, max: 1024, description: "Pre-set maximum of combined channels (`ethtool -l`). Default: queues.", unit: "queues" }),
  ),
  queues: int({
    min: 1,
    max: 1024,
    default: NIC_DEFAULTS.queues,
    description: "Combined channels in use (`ethtool -L combined N`); at most maxQueues.",
    unit: "queues",
  }),
  driver: enumOf(DRIVER_KINDS, {
    default: "rx-only",
    description:
      "The driver's MSI-X vectors, all of which irqbalance balances: rx-only (one vector per rx queue, nicsim's earlier assumption), virtio-net (config, then input.N/output.N per queue), txrx-misc (i40e/ice: a misc vector, then TxRx-N), txrx-other (ixgbe: TxRx-N, then the 'other' vector last, named after the interface), mlx5 (async, then comp N), ena (mgmnt, then Tx-Rx-N).",
  }),
  pci: optional(
    str({
      pattern: /^[0-9a-f]{4}:[0-9a-f]{2}:[01][0-9a-f]\.[0-7]$/,
      allowed: "a PCI address dddd:bb:dd.f in lower-case hex",
      description:
        "PCI address (`ethtool -i` bus-info), the device's directory under /sys/bus/pci/devices: irqbalance meets devices in that directory's order (kernfs name hash), and mlx5, ENA and i40e put it in their vector names. Default 0000:00:0N.0 with N = 3 + the NIC's index.",
    }),
  ),
  vectors: optional(
    array(
      obj(
        {
          irq: int({ min: 1, max: MAX_IRQ_NUMBER, description: "Linux IRQ number (the row label of /proc/interrupts)." }),
          name: str({ pattern: /^\S+$/, allowed: "one word", description: "The action name /proc/interrupts shows (virtio0-input.0, eth0-TxRx-3, mlx5_comp5@pci:…)." }),
        },
        { description: "One MSI-X vector of the NIC." },
      ),
      {
        description:
          "The NIC's MSI-X vectors as the host's /proc/interrupts lists them (nicsim import writes them): IRQ numbers and names, which say what each serves (input.N / TxRx-N / compN: rx queue N; output.N, tx-N: transmit; anything else: config or misc). Replaces the list nics[].driver generates from irq.firstIrq; every rx queue in use needs one; vectors of queues beyond those in use are balanced by irqbalance and carry no rx work.",
      },
    ),
  ),
  ringSize: int({
    min: 1,
    max: 65536,
    default: NIC_DEFAULTS.ringSize,
    description: "rx ring size per queue (`ethtool -G rx N`).",
    unit: "descriptors",
  }),
  rss: obj(
    {
      key: rssKey({
        default: NIC_DEFAULTS.rssKey,
        description:
          'Toeplitz hash key: "microsoft" (the verification key), "random" (52 bytes drawn from each job\'s seed, like the kernel\'s per-boot netdev_rss_key), "symmetric" (6d:5a repeated, 40 bytes), or 40/52 bytes of hex as `ethtool -x` prints them (6d:5a:...) or plain.',
      }),
      hfunc: enumOf(RSS_HFUNCS, {
        default: NIC_DEFAULTS.rssHfunc,
        description:
          "Hash function (`ethtool -X hfunc`): toeplitz, or xor = nicsim's XOR of the input's 32-bit words (the key is not used; see src/rss/profile.ts).",
      }),
      hashReport: enumOf(["auto", "l4", "l3", "none"], {
        default: "auto",
        description:
          "What the driver tells the stack about the RSS hash, which decides the hash RPS and RFS steer by (skb_get_hash, include/linux/skbuff.h): l4, the hash with its type (an L4 hash when the NIC hashed the ports: RPS reuses it); l3, every hash as L3; none, no hash. Without an L4 hash the stack computes its own from the 4-tuple (__skb_get_hash). auto: none for virtio-net (no VIRTIO_NET_F_HASH_REPORT, the common cloud NIC), else l4.",
      }),
      inputXfrm: enumOf(RSS_INPUT_XFRMS, {
        default: NIC_DEFAULTS.rssInputXfrm,
        description:
          "Input transform (`ethtool -X xfrm`): symmetric-xor feeds (src^dst, src^dst, sport^dport, sport^dport), symmetric-or-xor (src|dst, src^dst, sport|dport, sport^dport); needs every flow type's fields in src/dst pairs.",
      }),
      fields: obj(
        Object.fromEntries(
          RSS_FLOW_TYPES.map((type) => [
            type,
            hashFields({
              default: NIC_DEFAULTS.rssFields,
              description: `Fields hashed for ${type} (\`ethtool -N IF rx-flow-hash ${type} LETTERS\`): s IP source, d IP destination, f source port, n destination port.`,
            }),
          ]),
        ) as Record<RssFlowType, Schema<string>>,
        {
          default: {},
          description: 'Hash input per flow type, as ethtool letters. Default "sdfn" for all; several drivers hash UDP on "sd" only.',
        },
      ),
      indirSize: int({
        min: 1,
        max: 65536,
        powerOfTwo: true,
        default: NIC_DEFAULTS.rssIndirSize,
        description: "Indirection table size (`ethtool -x`), a power of two.",
        unit: "entries",
      }),
      indir: indirSpec({
        default: NIC_DEFAULTS.rssIndir,
        description:
          'Indirection table as `ethtool -X` sets it: "default" (entry i = i mod queues), "equal N", "start S equal N", "weight W0 W1 ...", or a list of indirSize queue numbers. queue = table[hash mod indirSize].',
      }),
    },
    { default: {}, description: "Receive-side scaling: which rx queue a flow's hash selects." },
  ),
  rps: union(
    [
      map(
        enumOf(["vendor-default"]),
        (value, path) => ({ cpus: { masks: [{ value, path }], perQueue: false }, flowCnt: NIC_DEFAULTS.rpsFlowCnt }),
      ),
      obj(
        {
          cpus: rpsMasks({
            default: NIC_DEFAULTS.rpsCpus,
            description:
              'rps_cpus in sysfs notation (hex, comma every 32 bits, most significant first; "0" = off): one mask for every rx queue, or a list with one mask per queue; "vendor-default" is the cloud image rule (q = cpus/8 clamped to 1..2, q "f" digits).',
          }),
          flowCnt: int({
            min: 0,
            max: 1 << 20,
            default: NIC_DEFAULTS.rpsFlowCnt,
            description: "rps_flow_cnt of every rx queue: RFS flow-table entries (rounded up to a power of two; 0 = none).",
            unit: "entries",
          }),
        },
        { description: "RPS and RFS settings of the rx queues." },
      ),
    ],
    {
      default: {},
      description:
        'Receive packet steering: which CPUs finish the stack work of each rx queue. "vendor-default" is short for { cpus: vendor-default }.',
    },
  ),
}, { description: "A NIC: its name, addresses, queues, ring, RSS and RPS settings." });

const irq = obj(
  {
    policy: enumOf(["round-robin", "cpu0", "driver-hint", "explicit", "irqbalance"], {
      default: IRQ_DEFAULTS.policy,
      description:
        "IRQ placement: round-robin (vector v on CPU v mod cpus), cpu0, driver-hint (vector v on cpumask_local_spread(v)), explicit (irq.affinity written to each queue's IRQ, x86 effective affinity), irqbalance (the daemon's first scan on an idle host places the queues at the start; it rescans every irq.irqbalance.interval of simulated time and moves IRQs as the daemon would).",
    }),
    firstIrq: int({
      min: 1,
      max: MAX_IRQ_NUMBER,
      default: DEFAULT_FIRST_IRQ,
      description:
        "Linux IRQ number of vector 0 of the first NIC without its own nics[].vectors; each such NIC's vectors follow consecutively (the kernel's next free numbers at probe), skipping numbers a NIC's own list holds.",
    }),
    driverHintNode: enumOf(["none", "nic"], {
      default: "none",
      description: 'driver-hint: the node the driver passes, "none" (-1, as i40e/iavf) or "nic" (the NIC\'s node first, as mlx5).',
    }),
    affinity: optional(
      array(
        obj(
          {
            smp_affinity: optional(str({ description: "Hex mask as /proc/irq/N/smp_affinity takes it." })),
            smp_affinity_list: optional(str({ description: "CPU list as /proc/irq/N/smp_affinity_list takes it." })),
          },
          { description: "What is written for one queue's IRQ: exactly one of smp_affinity or smp_affinity_list." },
        ),
        { description: "explicit: one entry per rx queue vector, NICs in order; missing entries keep the activation default." },
      ),
    ),
    irqbalance: obj(
      {
        deepestcache: int({ min: 1, max: 3, default: 2, description: "--deepestcache: the cache level that forms balance domains." }),
        bannedCpus: optional(str({ description: "IRQBALANCE_BANNED_CPULIST (default: host.topology.isolated)." })),
        interval: int({ min: 1, default: 10, description: "--interval: whole seconds of simulated time between rebalancing scans." }),
        oneshot: flag({ default: false, description: "--oneshot: place the IRQs once (the first scan) and exit: no rebalancing during the run." }),
        migrateval: int({ min: 0, default: 0, description: "--migrateval: move an IRQ only if it cuts the load gap by more than 1/migrateval (0: unset)." }),
        powerthresh: optional(int({ min: 0, description: "--powerthresh: CPUs under 1/4 of the average load allowed in powersave before one is emptied (default: off)." })),
        bannedIrqs: optional(array(int({ min: 0 }), { description: "--banirq: IRQ numbers the daemon leaves alone (the NICs' numbers: nics[].vectors, or numbered from irq.firstIrq per nics[].driver)." })),
        version: enumOf(IRQBALANCE_VERSIONS, {
          default: "1.9.2",
          description: 'The daemon\'s release: "1.9.2" (1.9.2-1.9.4: a placement adds the IRQ\'s load, +1 only on the device\'s node) or "1.9.5" (the current release: load + 1 everywhere).',
        }),
        listing: enumOf(SYSFS_LISTINGS, {
          default: "kernfs",
          description: 'The order readdir lists sysfs in, which decides ties: "kernfs" (the kernel\'s name-hash order, as on a real host) or "ascending" (CPU, node and IRQ numbers in order).',
        }),
      },
      { default: {}, description: "irqbalance options." },
    ),
  },
  { default: {}, description: "Where the rx queue interrupts run." },
);

const traffic = obj(
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

function cycles(defaultValue: number, description: string, unit = "CPU cycles") {
  const max = unit === "CPU cycles" ? MAX_CYCLES_PER_EVENT : MAX_CYCLES_PER_BYTE;
  return num({ min: 0, max, default: defaultValue, description, unit });
}

const costs = obj(
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
    distribution: enumOf(["fixed", "exponential"], {
      default: COST_DEFAULTS.distribution,
      description: "Per-packet costs are fixed, or exponentially distributed with that mean.",
    }),
  },
  { default: {}, description: "CPU cost of each stage; turned into time with host.ghz." },
);

const kernel = obj(
  {
    napiWeight: int({ min: 1, max: 4096, default: KERNEL_DEFAULTS.napiWeight, description: "NAPI weight per driver poll.", unit: "packets" }),
    netdevBudget: int({
      min: 1,
      max: 1_000_000,
      default: KERNEL_DEFAULTS.netdevBudget,
      description: "net.core.netdev_budget: packets per softirq run.",
      unit: "packets",
    }),
    netdevBudgetUsecs: int({
      min: 1,
      max: 10_000_000,
      default: KERNEL_DEFAULTS.netdevBudgetUsecs,
      description: "net.core.netdev_budget_usecs: time limit per softirq run.",
      unit: "µs",
    }),
    maxBacklog: int({
      min: 0,
      max: 10_000_000,
      default: KERNEL_DEFAULTS.maxBacklog,
      description: "net.core.netdev_max_backlog: per-CPU backlog queue limit.",
      unit: "packets",
    }),
    rpsSockFlowEntries: int({
      min: 0,
      max: 1 << 29,
      default: KERNEL_DEFAULTS.rpsSockFlowEntries,
      description: "net.core.rps_sock_flow_entries: RFS global flow table size (rounded up to a power of two; 0 = RFS off).",
      unit: "entries",
    }),
    devWeight: int({
      min: 1,
      max: 4096,
      default: KERNEL_DEFAULTS.devWeight,
      description: "net.core.dev_weight: backlog packets per process_backlog call.",
      unit: "packets",
    }),
  },
  { default: {}, description: "Receive-path sysctls (defaults are the kernel's)." },
);

const run = obj(
  {
    duration: duration({ default: RUN_DEFAULTS.duration, description: 'Simulated time, e.g. "200ms" or "0.2s" (units s, ms, us/µs, ns).' }),
    warmup: duration({
      allowZero: true,
      default: RUN_DEFAULTS.warmup,
      description: "Simulated time at the start excluded from the statistics; shorter than duration.",
    }),
    seed: int({ min: 0, max: 4294967295, default: RUN_DEFAULTS.seed, description: "Seed of the pseudo-random traffic." }),
    replications: int({
      min: 1,
      max: 1000,
      default: RUN_DEFAULTS.replications,
      description: "Independent runs per sweep point (seeds derived from seed).",
    }),
  },
  { default: {}, description: "How long and how often to simulate." },
);

/** `sweep`: axis → values. An axis is `queues` (every NIC) or a path such as `traffic.load.pps`. */
export const sweepSchema = record(
  array(union([num(), str()]), { minItems: 1, allowed: "a non-empty list of numbers or strings" }),
  {
    allowed: "a mapping of axis to a list of values",
    description:
      'Axes to sweep, each a list of values; points are the cross product, first axis outermost. An axis is "queues" (every NIC\'s queues) or a path into this document such as "traffic.load.pps" or "nics[0].ringSize".',
  },
);

export const scenarioSchema = obj({
  profile: enumOf(["ecs", "none"], {
    default: PROFILE_DEFAULT,
    description: "ecs applies the cloud host rules; none is bare metal.",
  }),
  host,
  nics: array(nic, { minItems: 1, maxItems: 64, description: "The host's NICs." }),
  irq,
  traffic,
  costs,
  kernel,
  run,
  routing: optional(routingSection),
  bandwidth: optional(bandwidthSection),
  sweep: optional(sweepSchema),
});

/** A document after the field checks: defaults filled in, single fields converted. */
export type CheckedScenario = Infer<typeof scenarioSchema>;

/** The published JSON Schema (draft 2020-12) of a scenario file. */
export function scenarioJsonSchema(): object {
  const body: JsonSchema = toJsonSchema(scenarioSchema);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "nicsim scenario",
    description:
      "A host, its NICs and the traffic they receive, for the nicsim receive-path simulator. Durations carry a unit (\"200ms\"); costs are CPU cycles.",
    ...body,
  };
}
