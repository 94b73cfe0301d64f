/**
 * The order in which irqbalance meets CPUs, NUMA nodes and IRQs: the `readdir` order of the sysfs
 * directories it walks (kernfs-order.ts).
 *
 * - CPUs: cputree.c `parse_cpu_tree` reads /sys/devices/system/cpu and builds the tree CPU by CPU
 *   in directory order (`cpuN` entries), so that order decides which cache domain, package and
 *   CPU come first among equals.
 * - Nodes: numa.c `build_numa_node_list` appends /sys/devices/system/node/nodeN in directory order.
 * - IRQs: classify.c `build_dev_irqs` walks /sys/bus/pci/devices in directory order and each
 *   device's `msi_irqs/N` in directory order; each IRQ's record is allocated as it is found, and
 *   the daemon's sort breaks ties by record address (a later record first).
 */
import type { DeviceVectors } from "../device-vectors.js";
import { kernfsOrder, listingOrder, type SysfsListing } from "../kernfs-order.js";
import type { CpuTopology } from "../topology.js";

/** CPU ids in the order the daemon visits /sys/devices/system/cpu/cpuN. */
export function cpuVisitOrder(topology: CpuTopology, listing: SysfsListing): number[] {
  return listingOrder(
    topology.cpus.map((c) => c.cpu),
    "cpu",
    listing,
  );
}

/** NUMA node ids in the order the daemon lists /sys/devices/system/node/nodeN. */
export function nodeListOrder(topology: CpuTopology, listing: SysfsListing): number[] {
  return listingOrder(topology.nodes, "node", listing);
}

/** Indices into `devices.vectors` in the order the daemon discovers the IRQs. */
export function irqDiscoveryOrder(devices: DeviceVectors, listing: SysfsListing): number[] {
  const addresses = devices.devices.map((d) => d.address);
  const deviceOrder = listing === "ascending" ? [...addresses].sort() : kernfsOrder(addresses);
  const out: number[] = [];
  for (const address of deviceOrder) {
    const nic = devices.devices.find((d) => d.address === address)?.nic ?? -1;
    const mine = devices.vectors.map((v, i) => ({ v, i })).filter((e) => e.v.nic === nic);
    const irqs = listingOrder(
      mine.map((e) => e.v.irq),
      "",
      listing,
    );
    for (const irq of irqs) out.push(mine.find((e) => e.v.irq === irq)?.i ?? -1);
  }
  return out;
}
