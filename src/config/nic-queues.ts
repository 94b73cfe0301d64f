/**
 * Changing a NIC's channel count in a raw document, as a sweep's `queues` axis and the tuner do.
 * A NIC's own `vectors` (a host's /proc/interrupts rows) describe its device at the count it was
 * read with. Where they serve every rx queue of the new count they stay (virtio-net keeps the
 * vectors of every queue pair it probed); otherwise the driver would request a new set —
 * ixgbe and i40e rebuild their interrupt scheme on `ethtool -L`, ENA and mlx5 request a vector
 * per new queue — whose numbers the host did not show, so the list is dropped and `nics[].driver`
 * generates one (irq/device-vectors.ts).
 */
import { servesRxQueues } from "../irq/vector-names.js";
import { isMapping } from "./paths.js";

export function setNicQueues(nic: Record<string, unknown>, queues: unknown): void {
  nic.queues = queues;
  const vectors = nic.vectors;
  if (!Array.isArray(vectors) || typeof queues !== "number") return;
  const names = vectors.map((v) => (isMapping(v) && typeof v.name === "string" ? v.name : ""));
  if (!servesRxQueues(names, queues)) delete nic.vectors;
}
