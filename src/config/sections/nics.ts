/**
 * The `nics` section: the host's NICs — name, addresses, channels, driver vectors, ring — each
 * with its own `rss` (sections/rss.ts), `rps` (sections/rps.ts) and `coalesce` (sections/coalesce.ts)
 * subsection.
 *
 *   nics: [{ name, addresses [CIDR], maxQueues, queues, driver, pci, vectors [{ irq, name }],
 *            ringSize, gro, rss {…}, rps {…}, xps, coalesce {…} }]
 *
 * Resolved: `Nic[]`; names are unique, queues <= maxQueues (maxQueues defaults to queues).
 */
import { DRIVER_KINDS, MAX_IRQ_NUMBER } from "../../irq/device-vectors.js";
import type { DriverKind, HostVector } from "../../irq/device-vectors.js";
import type { Prefix } from "../addresses.js";
import { ConfigError } from "../errors.js";
import { interfaceAddress } from "../field-types.js";
import { joinIndex, joinKey } from "../paths.js";
import { array, enumOf, int, obj, optional, str } from "../schema-dsl.js";
import type { Infer } from "../schema-dsl.js";
import { duplicateNicName, nicNameSchema } from "./nic-name.js";
import { coalesceSchema, resolveCoalesce, type Coalesce } from "./coalesce.js";
import { resolveRps, rpsSchema, type Rps } from "./rps.js";
import { resolveXps, xpsSchema } from "./xps.js";
import { resolveRss, rssSchema, type Rss } from "./rss.js";

export const NIC_DEFAULTS = {
  /** rx descriptors per queue: a common virtio-net / ENA ring size. */
  ringSize: 1024,
  /** Combined channels in use. `maxQueues` defaults to `queues`. */
  queues: 1,
} as const;

const nic = obj({
  name: nicNameSchema,
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
  gro: enumOf(["on", "off"], {
    default: "on",
    description:
      "Generic receive offload (`ethtool -K <nic> gro on|off`; on by default, NETIF_F_GRO in NETIF_F_SOFT_FEATURES): segments of a TCP flow found together in one NAPI poll merge into one skb of up to 64 KiB (gro_max_size) and the stack runs once for it (net/core/gro.c). UDP is not merged: that needs a socket with UDP_GRO or a UDP tunnel.",
  }),
  rss: rssSchema,
  rps: rpsSchema,
  xps: xpsSchema,
  coalesce: coalesceSchema,
}, { description: "A NIC: its name, addresses, queues, ring, RSS and RPS settings." });

export const nicsSchema = array(nic, { minItems: 1, maxItems: 64, description: "The host's NICs." });

export type CheckedNic = Infer<typeof nic>;

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
  /** Generic receive offload on (`ethtool -k`: generic-receive-offload). */
  readonly gro: boolean;
  readonly rss: Rss;
  readonly rps: Rps;
  /** xps_cpus of each tx queue (sections/xps.ts), or null: no XPS, tx queues by flow hash. */
  readonly xps: readonly string[] | null;
  /** Interrupt coalescing of its rx queues (ethtool -C) and NAPI's deferred interrupts. */
  readonly coalesce: Coalesce;
}

/** The resolved NICs of a host with `cpus` CPUs. @throws ConfigError */
export function resolveNics(nics: readonly CheckedNic[], cpus: number): Nic[] {
  return nics.map((nic, index) => resolveNic(nic, index, nics, cpus));
}

function resolveNic(nic: CheckedNic, index: number, nics: readonly CheckedNic[], cpus: number): Nic {
  const path = joinIndex("nics", index);
  const earlier = nics.findIndex((other) => other.name === nic.name);
  if (earlier < index) throw duplicateNicName(nic.name, index, earlier);

  const maxQueues = nic.maxQueues ?? nic.queues;
  if (nic.queues > maxQueues) throw new ConfigError(joinKey(path, "queues"), `${nic.queues} exceeds maxQueues ${maxQueues}`);

  const rps = resolveRps(nic.rps, nic.queues, cpus, joinKey(path, "rps"));
  return {
    name: nic.name,
    addresses: nic.addresses,
    maxQueues,
    queues: nic.queues,
    driver: nic.driver,
    ...(nic.pci === undefined ? {} : { pci: nic.pci }),
    ...(nic.vectors === undefined ? {} : { vectors: nic.vectors }),
    ringSize: nic.ringSize,
    gro: nic.gro === "on",
    rss: resolveRss(nic.rss, nic.queues, joinKey(path, "rss"), nic.driver),
    rps,
    xps: resolveXps(nic.xps, nic.queues, cpus, joinKey(path, "xps")),
    coalesce: resolveCoalesce(nic.coalesce, joinKey(path, "coalesce"), nic.driver),
  };
}
