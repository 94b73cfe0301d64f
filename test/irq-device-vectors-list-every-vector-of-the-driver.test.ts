import { describe, expect, it } from "vitest";
import { deviceVectors } from "../src/irq/device-vectors.js";
import { irqDiscoveryOrder } from "../src/irq/irqbalance/listing.js";

describe("a NIC's MSI-X vectors per driver kind", () => {
  it("virtio-net: config, then input.N and output.N in turn, numbered on from the first free IRQ", () => {
    const d = deviceVectors([{ name: "eth0", queues: 2, driver: "virtio-net" }], 24);
    expect(d.vectors.map((v) => `${v.irq} ${v.name} ${v.role}`)).toEqual([
      "24 virtio0-config config",
      "25 virtio0-input.0 rx",
      "26 virtio0-output.0 tx",
      "27 virtio0-input.1 rx",
      "28 virtio0-output.1 tx",
    ]);
    expect([...d.rxVector]).toEqual([1, 3]);
  });

  it("virtio-net: every queue pair the device offers keeps its vectors; only those in use carry rx work", () => {
    // maxQueues 3, `ethtool -L combined 1`: input.1/2 and output.1/2 stay (virtnet_find_vqs).
    const d = deviceVectors([{ name: "eth0", queues: 1, maxQueues: 3, driver: "virtio-net" }], 24);
    expect(d.vectors.map((v) => `${v.irq} ${v.name}`)).toEqual([
      "24 virtio0-config",
      "25 virtio0-input.0",
      "26 virtio0-output.0",
      "27 virtio0-input.1",
      "28 virtio0-output.1",
      "29 virtio0-input.2",
      "30 virtio0-output.2",
    ]);
    expect([...d.rxVector]).toEqual([1]);
  });

  it("txrx-misc, mlx5 and ena: vector 0 for the device, then one per channel serving rx and tx", () => {
    const d = deviceVectors(
      [
        { name: "eth0", queues: 2, driver: "txrx-misc" },
        { name: "eth1", queues: 1, driver: "mlx5" },
        { name: "eth2", queues: 1, driver: "ena" },
      ],
      40,
    );
    expect(d.vectors.map((v) => `${v.irq} ${v.name}`)).toEqual([
      "40 i40e-0000:00:03.0:misc",
      "41 i40e-eth0-TxRx-0",
      "42 i40e-eth0-TxRx-1",
      "43 mlx5_async0@pci:0000:00:04.0",
      "44 mlx5_comp0@pci:0000:00:04.0",
      "45 ena-mgmnt@pci:0000:00:05.0",
      "46 eth2-Tx-Rx-0",
    ]);
    expect([...d.rxVector]).toEqual([1, 2, 4, 6]);
  });

  it("txrx-other (ixgbe): the queue vectors first, then the 'other' vector under the interface name, with the highest IRQ number", () => {
    const d = deviceVectors(
      [
        { name: "eth0", queues: 3, driver: "txrx-other" },
        { name: "eth1", queues: 1, driver: "txrx-other" },
      ],
      60,
    );
    expect(d.vectors.map((v) => `${v.irq} ${v.name} ${v.role} ${v.queue}`)).toEqual([
      "60 eth0-TxRx-0 rx+tx 0",
      "61 eth0-TxRx-1 rx+tx 1",
      "62 eth0-TxRx-2 rx+tx 2",
      "63 eth0 misc -1",
      "64 eth1-TxRx-0 rx+tx 0",
      "65 eth1 misc -1",
    ]);
    expect([...d.rxVector]).toEqual([0, 1, 2, 4]);
  });

  it("rx-only keeps nicsim's earlier numbering: rx queue v is IRQ 32 + v across NICs", () => {
    const d = deviceVectors([
      { name: "eth0", queues: 2, driver: "rx-only" },
      { name: "eth1", queues: 1, driver: "rx-only" },
    ]);
    expect(d.vectors.map((v) => v.irq)).toEqual([32, 33, 34]);
    expect([...d.rxVector]).toEqual([0, 1, 2]);
  });

  it("the daemon discovers a device's vectors in msi_irqs listing order", () => {
    const d = deviceVectors([{ name: "eth0", queues: 2, driver: "virtio-net" }], 28);
    // kernfs order: ascending kernfs_name_hash of the decimal names (recomputed below).
    expect(irqDiscoveryOrder(d, "ascending").map((v) => d.vectors[v].irq)).toEqual([28, 29, 30, 31, 32]);
    expect(irqDiscoveryOrder(d, "kernfs").map((v) => d.vectors[v].irq)).toEqual(
      [28, 29, 30, 31, 32].sort((a, b) => hash(a) - hash(b)),
    );
  });

  it("refuses a first IRQ number the kernel could not give", () => {
    expect(() => deviceVectors([{ name: "eth0", queues: 1, driver: "ena" }], 0)).toThrow(/first IRQ number/);
  });
});

function hash(irq: number): number {
  let h = 0;
  for (const c of String(irq)) h = Math.imul((h + (c.charCodeAt(0) << 4) + (c.charCodeAt(0) >> 4)) >>> 0, 11) >>> 0;
  return (Math.imul(h, 0x61c88647) >>> 0) & 0x7fffffff;
}
