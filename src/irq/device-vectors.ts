/**
 * Every MSI-X vector a NIC's driver requests, with the Linux IRQ number the kernel gives it and
 * the name /proc/interrupts shows — what irqbalance finds under the device's msi_irqs/ and
 * balances, not only the rx queue vectors.
 *
 * Driver kinds (vector 0 first; the kernel numbers a device's vectors consecutively from the
 * first free IRQ number when the driver enables MSI-X, NICs in order):
 * - `virtio-net` (virtio_pci `vp_find_vqs_msix`): `virtioK-config`, then one vector per virtqueue
 *   with a callback, in virtio-net's queue order: `virtioK-input.0`, `virtioK-output.0`,
 *   `virtioK-input.1`, … (the control queue has no callback, hence no vector). rx queue q is
 *   `input.q`; the `output.q` vectors take transmit completions. virtio-net creates the
 *   virtqueues of every queue pair the device offers (`virtnet_find_vqs`: max_queue_pairs) at
 *   probe, and `ethtool -L` only changes how many it uses: the pairs beyond `queues` (up to
 *   `maxQueues`) keep their vectors, balanced by irqbalance, idle.
 * - `txrx-misc` (i40e/ice: vector 0 is the "misc" vector for the admin queue and other causes):
 *   `i40e-<pci>:misc`, then `i40e-<if>-TxRx-q`, one vector per combined channel (rx and tx).
 * - `txrx-other` (ixgbe, drivers/net/ethernet/intel/ixgbe/ixgbe_main.c `ixgbe_request_msix_irqs`):
 *   the queue vectors first, `<if>-TxRx-q`, then the "other" vector (link, mailbox, flow
 *   director) last, requested under the bare interface name `<if>`: MSI-X entry n after the n
 *   queue vectors, so it gets the highest IRQ number of the device.
 * - `mlx5` (mlx5_core: the control/async EQ takes vector 0): `mlx5_async0@pci:<pci>`, then
 *   `mlx5_compq@pci:<pci>`, one completion vector per channel (rx and tx).
 * - `ena` (AWS ENA: vector 0 is the management vector): `ena-mgmnt@pci:<pci>`, then
 *   `<if>-Tx-Rx-q`, one per IO queue pair.
 * - `rx-only`: one vector per rx queue and nothing else (`<if>-rx-q`) — nicsim's earlier
 *   assumption, kept so that older scenarios place as they did.
 * A virtio device short of vectors falls back to shared ones (`virtioK-virtqueues`); that is not
 * modelled.
 *
 * A NIC may instead give its vectors as a host shows them (`NicVectorSpec.vectors`: IRQ number
 * and action name per /proc/interrupts row, in allocation order, e.g. from `nicsim import`): the
 * names say what each serves (vector-names.ts), the numbers are kept, and nothing is generated.
 * That list may hold more vectors than the queues in use (virtio-net keeps the vectors of every
 * queue pair it probed; mlx5 one completion vector per CPU): the extra ones are balanced by
 * irqbalance like the rest and carry no rx work.
 *
 * All of a NIC's vectors carry its PCI class (network, 0x02), so irqbalance classes them all
 * `ethernet` and places each on one CPU.
 */
import { vectorRoleOfName } from "./vector-names.js";

export const DRIVER_KINDS = ["rx-only", "virtio-net", "txrx-misc", "txrx-other", "mlx5", "ena"] as const;

export type DriverKind = (typeof DRIVER_KINDS)[number];

/** What a vector's interrupts are for. */
export type VectorRole = "rx" | "tx" | "rx+tx" | "config" | "misc";

export interface DeviceVector {
  /** Linux IRQ number. */
  readonly irq: number;
  /** Index of the NIC in the scenario. */
  readonly nic: number;
  /** The action name /proc/interrupts shows. */
  readonly name: string;
  readonly role: VectorRole;
  /** The NIC's queue (channel) the vector serves, -1 for config/misc vectors. */
  readonly queue: number;
}

/** One vector as a host's /proc/interrupts row shows it. */
export interface HostVector {
  readonly irq: number;
  /** The action name (last column). */
  readonly name: string;
}

export interface NicVectorSpec {
  /** Interface name (`eth0`). */
  readonly name: string;
  readonly queues: number;
  /** PCI address (`ethtool -i` bus-info); default `nicPciAddress(k)`. */
  readonly pci?: string;
  /** Pre-set maximum of channels (`ethtool -l`); default `queues`. virtio-net has vectors for all. */
  readonly maxQueues?: number;
  readonly driver: DriverKind;
  /** The host's own vectors, in allocation order; default: the driver kind's list, numbered on. */
  readonly vectors?: readonly HostVector[];
}

/** A NIC's own vector list the kernel could not have produced. */
export class DeviceVectorError extends Error {
  override readonly name = "DeviceVectorError";

  constructor(
    /** Index of the NIC. */
    readonly nic: number,
    /** Index of the vector in the NIC's list, -1 for the list as a whole. */
    readonly vector: number,
    /** `irq`, `name`, "" (the list) or `pci` (the NIC's address, with vector -1). */
    readonly field: "irq" | "name" | "" | "pci",
    readonly reason: string,
  ) {
    super(reason);
  }
}

export interface NicDevice {
  /** Index of the NIC in the scenario. */
  readonly nic: number;
  /** PCI address, the device's directory name under /sys/bus/pci/devices. */
  readonly address: string;
  readonly driver: DriverKind;
}

export interface DeviceVectors {
  /** Every vector of every NIC, in allocation order (ascending IRQ numbers). */
  readonly vectors: readonly DeviceVector[];
  /** Per rx queue (NICs in order, queues in order): index into `vectors` of its interrupt. */
  readonly rxVector: Int32Array;
  readonly devices: readonly NicDevice[];
}

/** The IRQ number the first NIC's vector 0 gets when no `irq.firstIrq` is set. */
export const DEFAULT_FIRST_IRQ = 32;

/** The largest IRQ number a vector may get (x86 NR_IRQS for 8192 CPUs is far above it). */
export const MAX_IRQ_NUMBER = 1 << 20;

/** A PCI address as sysfs names a device: domain:bus:slot.function, lower-case hex. */
export const PCI_ADDRESS = /^[0-9a-f]{4}:[0-9a-f]{2}:[01][0-9a-f]\.[0-7]$/;

/** PCI address of NIC k without its own: bus 0, slot 3 + k (slots 0–2 are the host bridge, ISA and IDE). */
export function nicPciAddress(k: number): string {
  return `0000:00:${(3 + k).toString(16).padStart(2, "0")}.0`;
}

function rxRole(driver: DriverKind): VectorRole {
  return driver === "virtio-net" || driver === "rx-only" ? "rx" : "rx+tx";
}

/** The vectors of one NIC, in the driver's vector (MSI-X entry) order (without IRQ numbers). */
function nicVectors(spec: NicVectorSpec, k: number, virtioIndex: number): Omit<DeviceVector, "irq" | "nic">[] {
  const pci = spec.pci ?? nicPciAddress(k);
  const out: Omit<DeviceVector, "irq" | "nic">[] = [];
  const queues = Array.from({ length: spec.queues }, (_, q) => q);
  switch (spec.driver) {
    case "virtio-net":
      out.push({ name: `virtio${virtioIndex}-config`, role: "config", queue: -1 });
      for (let q = 0; q < Math.max(spec.queues, spec.maxQueues ?? 0); q++) {
        out.push({ name: `virtio${virtioIndex}-input.${q}`, role: "rx", queue: q });
        out.push({ name: `virtio${virtioIndex}-output.${q}`, role: "tx", queue: q });
      }
      break;
    case "txrx-misc":
      out.push({ name: `i40e-${pci}:misc`, role: "misc", queue: -1 });
      for (const q of queues) out.push({ name: `i40e-${spec.name}-TxRx-${q}`, role: rxRole(spec.driver), queue: q });
      break;
    case "txrx-other":
      for (const q of queues) out.push({ name: `${spec.name}-TxRx-${q}`, role: rxRole(spec.driver), queue: q });
      out.push({ name: spec.name, role: "misc", queue: -1 });
      break;
    case "mlx5":
      out.push({ name: `mlx5_async0@pci:${pci}`, role: "misc", queue: -1 });
      for (const q of queues) out.push({ name: `mlx5_comp${q}@pci:${pci}`, role: rxRole(spec.driver), queue: q });
      break;
    case "ena":
      out.push({ name: `ena-mgmnt@pci:${pci}`, role: "misc", queue: -1 });
      for (const q of queues) out.push({ name: `${spec.name}-Tx-Rx-${q}`, role: rxRole(spec.driver), queue: q });
      break;
    case "rx-only":
      for (const q of queues) out.push({ name: `${spec.name}-rx-${q}`, role: "rx", queue: q });
      break;
  }
  return out;
}

/** A NIC's own vectors, checked, with what each serves (rx queues beyond `queues` carry no work). */
function hostVectors(spec: NicVectorSpec, k: number, given: readonly HostVector[], taken: Set<number>): Omit<DeviceVector, "nic">[] {
  if (given.length === 0) throw new DeviceVectorError(k, -1, "", "lists no vector");
  const out: Omit<DeviceVector, "nic">[] = [];
  const rxSeen = new Map<number, number>();
  given.forEach((v, j) => {
    if (!Number.isInteger(v.irq) || v.irq < 1 || v.irq > MAX_IRQ_NUMBER) {
      throw new DeviceVectorError(k, j, "irq", `must be an integer in 1..${MAX_IRQ_NUMBER}, got ${v.irq}`);
    }
    if (taken.has(v.irq)) throw new DeviceVectorError(k, j, "irq", `IRQ ${v.irq} is listed twice`);
    taken.add(v.irq);
    if (!/^\S+$/.test(v.name)) throw new DeviceVectorError(k, j, "name", `must be one word (the /proc/interrupts action name), got ${JSON.stringify(v.name)}`);
    const named = vectorRoleOfName(v.name);
    if (named.shared) throw new DeviceVectorError(k, j, "name", `${v.name}: one vector shared by every queue is not modelled`);
    if (named.role === "rx" || named.role === "rx+tx") {
      const earlier = rxSeen.get(named.queue);
      if (earlier !== undefined) throw new DeviceVectorError(k, j, "name", `${v.name} serves rx queue ${named.queue}, as ${given[earlier].name} does`);
      rxSeen.set(named.queue, j);
    }
    out.push({ irq: v.irq, name: v.name, role: named.role, queue: named.queue });
  });
  for (let q = 0; q < spec.queues; q++) {
    if (!rxSeen.has(q)) {
      throw new DeviceVectorError(k, -1, "", `rx queue ${q} has no vector (a name ending -TxRx-${q}, -rx-${q}, input.${q}, comp${q}, …)`);
    }
  }
  return out;
}

/**
 * Every NIC's vectors: a NIC's own list (`vectors`) as given, the others generated per driver
 * kind with IRQ numbers counted up from `firstIrq` (the next free Linux IRQ number when the first
 * such NIC's driver enables MSI-X; each device's vectors are consecutive, NICs in order), skipping
 * numbers a NIC's own list holds.
 *
 * @throws RangeError for a first IRQ number or queue count the kernel could not have;
 *   DeviceVectorError for a NIC's own list that it could not have.
 */
export function deviceVectors(nics: readonly NicVectorSpec[], firstIrq: number = DEFAULT_FIRST_IRQ): DeviceVectors {
  if (!Number.isInteger(firstIrq) || firstIrq < 1 || firstIrq > MAX_IRQ_NUMBER) {
    throw new RangeError(`the first IRQ number must be an integer in 1..${MAX_IRQ_NUMBER}, got ${firstIrq}`);
  }
  const vectors: DeviceVector[] = [];
  const rx: number[] = [];
  const devices: NicDevice[] = [];
  const taken = new Set<number>();
  const own = nics.map((spec, k) => (spec.vectors === undefined ? null : hostVectors(spec, k, spec.vectors, taken)));
  let next = firstIrq;
  let virtio = 0;
  nics.forEach((spec, k) => {
    if (!Number.isInteger(spec.queues) || spec.queues < 1) throw new RangeError(`NIC ${k}: queues must be a positive integer, got ${spec.queues}`);
    const address = spec.pci ?? nicPciAddress(k);
    if (!PCI_ADDRESS.test(address)) throw new DeviceVectorError(k, -1, "pci", `${JSON.stringify(address)} is not a PCI address (dddd:bb:dd.f, hex)`);
    const twin = devices.find((d) => d.address === address);
    if (twin !== undefined) throw new DeviceVectorError(k, -1, "pci", `${address} is already NIC ${twin.nic}'s address`);
    devices.push({ nic: k, address, driver: spec.driver });
    const virtioIndex = spec.driver === "virtio-net" ? virtio++ : 0;
    const list =
      own[k] ??
      nicVectors(spec, k, virtioIndex).map((v) => {
        while (taken.has(next)) next++;
        if (next > MAX_IRQ_NUMBER) throw new RangeError(`IRQ numbers past ${MAX_IRQ_NUMBER}: too many vectors`);
        return { ...v, irq: next++ };
      });
    const rxOfQueue = new Array<number>(spec.queues).fill(-1);
    for (const v of list) {
      if ((v.role === "rx" || v.role === "rx+tx") && v.queue >= 0 && v.queue < spec.queues) rxOfQueue[v.queue] = vectors.length;
      vectors.push({ ...v, nic: k });
    }
    rx.push(...rxOfQueue);
  });
  return { vectors, rxVector: Int32Array.from(rx), devices };
}
