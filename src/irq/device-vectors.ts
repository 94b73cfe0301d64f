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
 *   `input.q`; the `output.q` vectors take transmit completions.
 * - `txrx-misc` (i40e/ice: vector 0 is the "misc" vector for the admin queue and other causes):
 *   `i40e-<pci>:misc`, then `i40e-<if>-TxRx-q`, one vector per combined channel (rx and tx).
 *   ixgbe puts its "other" vector last instead; that layout is not modelled.
 * - `mlx5` (mlx5_core: the control/async EQ takes vector 0): `mlx5_async0@pci:<pci>`, then
 *   `mlx5_compq@pci:<pci>`, one completion vector per channel (rx and tx).
 * - `ena` (AWS ENA: vector 0 is the management vector): `ena-mgmnt@pci:<pci>`, then
 *   `<if>-Tx-Rx-q`, one per IO queue pair.
 * - `rx-only`: one vector per rx queue and nothing else (`<if>-rx-q`) — nicsim's earlier
 *   assumption, kept so that older scenarios place as they did.
 * A virtio device short of vectors falls back to shared ones; that is not modelled.
 *
 * All of a NIC's vectors carry its PCI class (network, 0x02), so irqbalance classes them all
 * `ethernet` and places each on one CPU.
 */

export const DRIVER_KINDS = ["rx-only", "virtio-net", "txrx-misc", "mlx5", "ena"] as const;

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

export interface NicVectorSpec {
  /** Interface name (`eth0`). */
  readonly name: string;
  readonly queues: number;
  readonly driver: DriverKind;
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

/** PCI address of NIC k: bus 0, slot 3 + k (slots 0–2 are the host bridge, ISA and IDE). */
export function nicPciAddress(k: number): string {
  return `0000:00:${(3 + k).toString(16).padStart(2, "0")}.0`;
}

function rxRole(driver: DriverKind): VectorRole {
  return driver === "virtio-net" || driver === "rx-only" ? "rx" : "rx+tx";
}

/** The vectors of one NIC, in the driver's vector order (without IRQ numbers). */
function nicVectors(spec: NicVectorSpec, k: number, virtioIndex: number): Omit<DeviceVector, "irq" | "nic">[] {
  const pci = nicPciAddress(k);
  const out: Omit<DeviceVector, "irq" | "nic">[] = [];
  const queues = Array.from({ length: spec.queues }, (_, q) => q);
  switch (spec.driver) {
    case "virtio-net":
      out.push({ name: `virtio${virtioIndex}-config`, role: "config", queue: -1 });
      for (const q of queues) {
        out.push({ name: `virtio${virtioIndex}-input.${q}`, role: "rx", queue: q });
        out.push({ name: `virtio${virtioIndex}-output.${q}`, role: "tx", queue: q });
      }
      break;
    case "txrx-misc":
      out.push({ name: `i40e-${pci}:misc`, role: "misc", queue: -1 });
      for (const q of queues) out.push({ name: `i40e-${spec.name}-TxRx-${q}`, role: rxRole(spec.driver), queue: q });
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

/**
 * Every NIC's vectors with IRQ numbers counted up from `firstIrq` (the next free Linux IRQ number
 * when the first NIC's driver enables MSI-X; each device's vectors are consecutive, NICs in order).
 *
 * @throws RangeError for a first IRQ number or queue count the kernel could not have.
 */
export function deviceVectors(nics: readonly NicVectorSpec[], firstIrq: number = DEFAULT_FIRST_IRQ): DeviceVectors {
  if (!Number.isInteger(firstIrq) || firstIrq < 1 || firstIrq > MAX_IRQ_NUMBER) {
    throw new RangeError(`the first IRQ number must be an integer in 1..${MAX_IRQ_NUMBER}, got ${firstIrq}`);
  }
  const vectors: DeviceVector[] = [];
  const rx: number[] = [];
  const devices: NicDevice[] = [];
  let next = firstIrq;
  let virtio = 0;
  nics.forEach((spec, k) => {
    if (!Number.isInteger(spec.queues) || spec.queues < 1) throw new RangeError(`NIC ${k}: queues must be a positive integer, got ${spec.queues}`);
    devices.push({ nic: k, address: nicPciAddress(k), driver: spec.driver });
    const list = nicVectors(spec, k, spec.driver === "virtio-net" ? virtio++ : 0);
    const rxOfQueue = new Array<number>(spec.queues).fill(-1);
    for (const v of list) {
      if (next > MAX_IRQ_NUMBER) throw new RangeError(`IRQ numbers past ${MAX_IRQ_NUMBER}: too many vectors`);
      if ((v.role === "rx" || v.role === "rx+tx") && v.queue >= 0) rxOfQueue[v.queue] = vectors.length;
      vectors.push({ ...v, irq: next++, nic: k });
    }
    rx.push(...rxOfQueue);
  });
  return { vectors, rxVector: Int32Array.from(rx), devices };
}
