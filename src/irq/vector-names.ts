/**
 * What a NIC's MSI-X vector serves, read from the action name the driver gave it (the last column
 * of /proc/interrupts). The names, as the drivers request their IRQs:
 *
 * - virtio-net (drivers/virtio/virtio_pci_common.c `vp_find_vqs_msix` names each vector after
 *   its virtqueue): `virtioK-config`, `virtioK-input.Q` (rx queue Q), `virtioK-output.Q` (tx
 *   completions of queue Q); `virtioK-virtqueues` when every virtqueue shares one vector;
 * - ixgbe, igb, i40e, ice, iavf (`ixgbe_request_msix_irqs`, `i40e_vsi_request_irq_msix`):
 *   `…-TxRx-Q` (queue pair Q), `…-rx-Q`, `…-tx-Q`; their misc/other vector is `i40e-<pci>:misc`
 *   or the bare interface name (ixgbe);
 * - mlx5 (`mlx5_irq_request` names): `mlx5_compQ@pci:<pci>` per completion vector (channel Q),
 *   `mlx5_async…@pci:<pci>` for the control/async EQs;
 * - ENA: `ena-comp-Q@pci:<pci>` (newer) or `<if>-Tx-Rx-Q` (older) per IO queue pair,
 *   `ena-mgmnt@pci:<pci>`;
 * - bnx2x-style `<if>-fp-Q` per fast path.
 * Anything else is one of the device's other vectors: balanced by irqbalance like the rest (same
 * PCI class), carrying no rx work.
 */
import type { VectorRole } from "./device-vectors.js";

export interface NamedVectorRole {
  readonly role: VectorRole;
  /** The queue it serves; -1 for config/misc vectors and a shared one. */
  readonly queue: number;
  /** One vector for every virtqueue (`virtioK-virtqueues`). */
  readonly shared: boolean;
}

const RULES: readonly (readonly [RegExp, VectorRole])[] = [
  [/^virtio\d+-input\.(\d+)$/, "rx"],
  [/^virtio\d+-output\.(\d+)$/, "tx"],
  [/-TxRx-(\d+)$/, "rx+tx"],
  [/-Tx-Rx-(\d+)$/, "rx+tx"],
  [/-rx-(\d+)$/, "rx"],
  [/-tx-(\d+)$/, "tx"],
  [/^mlx5_comp(\d+)@/, "rx+tx"],
  [/^ena-comp-(\d+)@/, "rx+tx"],
  [/-fp-(\d+)$/, "rx+tx"],
];

/** The role and queue of a vector with action name `name`. */
export function vectorRoleOfName(name: string): NamedVectorRole {
  if (/^virtio\d+-virtqueues$/.test(name)) return { role: "rx+tx", queue: -1, shared: true };
  if (/^virtio\d+-config$/.test(name)) return { role: "config", queue: -1, shared: false };
  for (const [pattern, role] of RULES) {
    const m = pattern.exec(name);
    if (m !== null) return { role, queue: Number(m[1]), shared: false };
  }
  return { role: "misc", queue: -1, shared: false };
}

/** Whether vectors with these names serve rx queues 0 … queues − 1, each its own. */
export function servesRxQueues(names: readonly string[], queues: number): boolean {
  const served = new Set<number>();
  for (const name of names) {
    const v = vectorRoleOfName(name);
    if (v.shared) return false;
    if (v.role === "rx" || v.role === "rx+tx") served.add(v.queue);
  }
  for (let q = 0; q < queues; q++) if (!served.has(q)) return false;
  return true;
}
