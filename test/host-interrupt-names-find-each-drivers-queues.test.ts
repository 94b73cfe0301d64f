import { describe, expect, it } from "vitest";
import { nicQueueIrqs, parseProcInterrupts } from "../src/host/index.js";
import { fixture } from "./host-helpers.js";

const queues = (file: string, nic: Parameters<typeof nicQueueIrqs>[1]) =>
  nicQueueIrqs(parseProcInterrupts(...fixture(file)), nic).map((q) => [q.irq, q.queue, q.naming]);

describe("/proc/interrupts queue vectors", () => {
  it("virtio_net: virtioN-input.Q of the NIC's virtio device (this machine)", () => {
    expect(queues("interrupts-virtio.txt", { dev: "eth0", pci: "0000:00:03.0", virtio: "virtio2" })).toEqual([[38, 0, "virtio"]]);
    // virtio4-input is the virtio input device, not a NIC queue
    expect(queues("interrupts-virtio.txt", { dev: "eth1", virtio: "virtio4" })).toEqual([]);
  });
  it("mlx5: mlx5_compN@pci of the NIC's own PCI function only", () => {
    expect(queues("interrupts-mlx5.txt", { dev: "eth0", pci: "0000:3b:00.0" })).toEqual([
      [25, 0, "mlx5"],
      [26, 1, "mlx5"],
      [27, 2, "mlx5"],
      [28, 3, "mlx5"],
    ]);
  });
  it("ixgbe (DEV-TxRx-Q), i40e and ice (driver-DEV-TxRx-Q)", () => {
    expect(queues("interrupts-ixgbe-i40e-ice.txt", { dev: "eth0" })).toEqual([
      [40, 0, "intel"],
      [41, 1, "intel"],
    ]);
    expect(queues("interrupts-ixgbe-i40e-ice.txt", { dev: "eth1" })).toEqual([
      [50, 0, "intel"],
      [51, 1, "intel"],
    ]);
    expect(queues("interrupts-ixgbe-i40e-ice.txt", { dev: "eth2" }).map((q) => q[1])).toEqual([0, 1, 2]);
  });
  it("ena: ena-comp-Q@pci (newer) and DEV-Tx-Rx-Q (older); the management vector is not a queue", () => {
    expect(queues("interrupts-ena.txt", { dev: "eth0", pci: "0000:00:05.0" })).toEqual([
      [28, 0, "ena"],
      [29, 1, "ena"],
    ]);
    expect(queues("interrupts-ena.txt", { dev: "eth1" })).toEqual([
      [30, 0, "ena"],
      [31, 1, "ena"],
    ]);
  });
  it("keeps the architecture rows and their counts", () => {
    const p = parseProcInterrupts(...fixture("interrupts-mlx5.txt"));
    expect(p.cpus).toEqual([0, 1, 2, 3]);
    expect(p.rows.find((r) => r.irq === "LOC")?.counts).toEqual([101010, 202020, 303030, 404040]);
    expect(p.rows.find((r) => r.irq === "ERR")?.counts).toEqual([0]);
  });
  it("a row with too few counts is an error naming the file, line and IRQ", () => {
    expect(() => parseProcInterrupts("   CPU0 CPU1\n 40: 1 PCI-MSI eth0-TxRx-0\n", "interrupts")).toThrow("interrupts:2: IRQ 40: 1 counts for 2 CPUs");
  });
});
