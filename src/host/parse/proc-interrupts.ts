/**
 * /proc/interrupts (kernel/irq/proc.c `show_interrupts`): a header of `CPUn` names (online CPUs
 * only), then one row per IRQ: `NNN:`, one decimal count per header CPU, then the chip name, the
 * hardware IRQ and trigger type, and the action names (`virtio2-input.0`, `eth0-TxRx-3`,
 * `mlx5_comp3@pci:0000:3b:00.0`, `ena-comp-0@pci:0000:00:05.0`). Architecture rows (`NMI:`,
 * `LOC:`, `ERR:`) are kept with their counts (ERR/MIS have one).
 *
 * Queue vector names, as the drivers request their IRQs:
 *   virtio_net  `virtioN-input.Q` per rx virtqueue, `virtioN-virtqueues` when all share one
 *               (drivers/virtio/virtio_pci_common.c names vectors after the virtqueues);
 *   mlx5        `mlx5_compC@pci:BDF` per completion vector = channel;
 *   ixgbe/igb   `DEV-TxRx-Q` (`DEV-rx-Q` for rx-only vectors);
 *   i40e, ice   `DRIVER-DEV-TxRx-Q`: `i40e_vsi_open`/`ice_vsi_open` build the base name
 *               "%s-%s" from the driver and netdev names, the vector adds "-TxRx-%d";
 *   ena         `ena-comp-Q@pci:BDF` (newer), `DEV-Tx-Rx-Q` (older `ena_setup_io_intr`).
 */
import { SnapshotFormatError, cpuHeader } from "./format-error.js";

export interface InterruptRow {
  /** The row label without its colon: an IRQ number ("38") or a name ("LOC"). */
  readonly irq: string;
  /** Counts per header CPU column (same order as `cpus`). */
  readonly counts: readonly number[];
  /** The words after the counts: chip, hwirq-type, action names. */
  readonly words: readonly string[];
}

export interface ProcInterrupts {
  /** CPU ids of the columns, from the header. */
  readonly cpus: readonly number[];
  readonly rows: readonly InterruptRow[];
}

export function parseProcInterrupts(text: string, file: string): ProcInterrupts {
  const { cpus, lines } = cpuHeader(text, file);
  const rows: InterruptRow[] = [];
  for (const { n, text: line } of lines.slice(1)) {
    const m = /^\s*([^\s:]+):(.*)$/.exec(line);
    if (m === null) throw new SnapshotFormatError(file, n, "", `unexpected line ${JSON.stringify(line.trim())}`);
    const words = m[2].trim() === "" ? [] : m[2].trim().split(/\s+/);
    const counts: number[] = [];
    while (counts.length < cpus.length && words.length > 0 && /^\d+$/.test(words[0])) counts.push(Number(words.shift()));
    if (counts.length < cpus.length && /^\d+$/.test(m[1])) {
      throw new SnapshotFormatError(file, n, `IRQ ${m[1]}`, `${counts.length} counts for ${cpus.length} CPUs`);
    }
    rows.push({ irq: m[1], counts, words });
  }
  return { cpus, rows };
}

/** What a NIC row of /proc/interrupts serves. `queue` -1: one vector shared by every queue. */
export interface QueueIrq {
  readonly irq: number;
  readonly queue: number;
  readonly kind: "rx" | "txrx" | "shared";
  /** The action name it was recognised by. */
  readonly name: string;
  /** The driver family whose naming matched. */
  readonly naming: "virtio" | "mlx5" | "intel" | "ena" | "generic";
}

/** How a NIC is known in its IRQ names. */
export interface NicIdentity {
  readonly dev: string;
  /** PCI address (`ethtool -i` bus-info or the device link), e.g. 0000:3b:00.0. */
  readonly pci?: string;
  /** The virtio device (`virtio2`, the device link's last component). */
  readonly virtio?: string;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Recognise one action name as an rx queue vector of the NIC, by the driver namings. */
export function queueOfIrqName(name: string, nic: NicIdentity): Omit<QueueIrq, "irq"> | null {
  const dev = escape(nic.dev);
  let m: RegExpExecArray | null;
  if (nic.virtio !== undefined) {
    // virtio_net: "virtio2-input.3" per rx virtqueue; "virtio2-virtqueues" when vectors are shared.
    if ((m = new RegExp(`^${escape(nic.virtio)}-input\\.(\\d+)$`).exec(name))) return { queue: Number(m[1]), kind: "rx", name, naming: "virtio" };
    if (name === `${nic.virtio}-virtqueues`) return { queue: -1, kind: "shared", name, naming: "virtio" };
  }
  if (nic.pci !== undefined) {
    const pci = escape(nic.pci);
    // mlx5: one completion vector per channel, "mlx5_comp3@pci:0000:3b:00.0".
    if ((m = new RegExp(`^mlx5_comp(\\d+)@pci:${pci}$`).exec(name))) return { queue: Number(m[1]), kind: "txrx", name, naming: "mlx5" };
    // ena (newer): "ena-comp-3@pci:0000:00:05.0".
    if ((m = new RegExp(`^ena-comp-(\\d+)@pci:${pci}$`).exec(name))) return { queue: Number(m[1]), kind: "txrx", name, naming: "ena" };
  }
  // i40e, ice, iavf: "i40e-eth0-TxRx-3" (driver-netdev-TxRx-n; -rx-n for rx-only vectors).
  if ((m = new RegExp(`^(?:i40e|ice|iavf|igc|idpf)-${dev}-(TxRx|rx)-(\\d+)$`).exec(name))) return { queue: Number(m[2]), kind: m[1] === "rx" ? "rx" : "txrx", name, naming: "intel" };
  // ixgbe, igb, ixgbevf: "eth0-TxRx-3", "eth0-rx-3".
  if ((m = new RegExp(`^${dev}-(TxRx|rx)-(\\d+)$`).exec(name))) return { queue: Number(m[2]), kind: m[1] === "rx" ? "rx" : "txrx", name, naming: "intel" };
  // ena (older): "eth0-Tx-Rx-3".
  if ((m = new RegExp(`^${dev}-Tx-Rx-(\\d+)$`).exec(name))) return { queue: Number(m[1]), kind: "txrx", name, naming: "ena" };
  // Others that put the netdev name and a queue number: "eth0-rxtx-3", "eth0-input.3", "eth0-3".
  if ((m = new RegExp(`^${dev}-(?:rxtx|Rx|input|fp|queue)[-.]?(\\d+)$`).exec(name))) return { queue: Number(m[1]), kind: "txrx", name, naming: "generic" };
  return null;
}

/** The NIC's rx queue vectors in /proc/interrupts, ordered by queue. */
export function nicQueueIrqs(interrupts: ProcInterrupts, nic: NicIdentity): QueueIrq[] {
  const found: QueueIrq[] = [];
  for (const row of interrupts.rows) {
    if (!/^\d+$/.test(row.irq)) continue;
    for (const word of row.words) {
      const q = queueOfIrqName(word.replace(/,$/, ""), nic);
      if (q !== null) {
        found.push({ irq: Number(row.irq), ...q });
        break;
      }
    }
  }
  return found.sort((a, b) => a.queue - b.queue);
}

/** One /proc/interrupts row of a NIC's device: its IRQ number and action name. */
export interface DeviceIrq {
  readonly irq: number;
  readonly name: string;
}

/**
 * The PCI address a `PCI-MSI <hwirq>-edge` row encodes: the MSI domain numbers a PCI device's
 * vectors `msi_index | pci_dev_id << 11 | domain << 27` (drivers/pci/msi/irqdomain.c
 * `pci_msi_domain_calc_hwirq`), pci_dev_id being bus << 8 | devfn.
 */
export function pciAddressOfMsiHwirq(hwirq: number): string {
  const devId = Math.floor(hwirq / 2 ** 11) % 2 ** 16;
  const domain = Math.floor(hwirq / 2 ** 27);
  const hex = (n: number, width: number): string => n.toString(16).padStart(width, "0");
  return `${hex(domain, 4)}:${hex(devId >> 8, 2)}:${hex((devId & 0xff) >> 3, 2)}.${devId & 7}`;
}

/** Whether an action name is one of the NIC's own, by the driver namings (virtio, @pci, :misc, DEV-…). */
function namedForNic(name: string, nic: NicIdentity): boolean {
  if (nic.virtio !== undefined && name.startsWith(`${nic.virtio}-`)) return true;
  if (nic.pci !== undefined && (name.endsWith(`@pci:${nic.pci}`) || name.endsWith(`-${nic.pci}:misc`))) return true;
  return name === nic.dev || name.startsWith(`${nic.dev}-`) || new RegExp(`^(?:i40e|ice|iavf|igc|idpf)-${escape(nic.dev)}-`).test(name);
}

/**
 * Every vector of the NIC's device in /proc/interrupts, ascending IRQ numbers (the allocation
 * order): a row is the device's when its chip column names the NIC's PCI address
 * (`PCI-MSIX-0000:3b:00.0`, or `PCI-MSI 81921-edge` whose hwirq encodes it) or an action name
 * is the NIC's by the driver namings (`virtio2-…`, `…@pci:<pci>`, `i40e-<pci>:misc`, `eth0-…`,
 * the bare `eth0` of ixgbe's other vector). The name kept is that action name, else the row's
 * last word. Another device's vectors (a virtio balloon, a second PCI function) are not taken.
 */
export function nicDeviceIrqs(interrupts: ProcInterrupts, nic: NicIdentity): DeviceIrq[] {
  const found: DeviceIrq[] = [];
  for (const row of interrupts.rows) {
    if (!/^\d+$/.test(row.irq)) continue;
    const words = row.words.map((w) => w.replace(/,$/, ""));
    const named = words.find((w) => namedForNic(w, nic));
    let byChip = false;
    if (nic.pci !== undefined) {
      for (let k = 0; k < words.length; k++) {
        const chip = /PCI-MSIX?-([0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])$/.exec(words[k]);
        if (chip !== null && chip[1] === nic.pci) byChip = true;
        const hw = /PCI-MSIX?$/.test(words[k]) ? /^(\d+)-edge$/.exec(words[k + 1] ?? "") : null;
        if (hw !== null && pciAddressOfMsiHwirq(Number(hw[1])) === nic.pci) byChip = true;
      }
    }
    if (named === undefined && !byChip) continue;
    found.push({ irq: Number(row.irq), name: named ?? words[words.length - 1] ?? "" });
  }
  return found.sort((a, b) => a.irq - b.irq);
}
