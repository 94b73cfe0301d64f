/**
 * A NIC's MSI-X vectors for the scenario (`nics[].driver`, `nics[].vectors`), from the rows of its
 * device in /proc/interrupts: the IRQ numbers the host gave them and the names that say what each
 * serves, so that irqbalance's model sees the host's vectors and numbers, not generated ones.
 *
 * The driver kind comes from `ethtool -i` (virtio_net, ixgbe, i40e/ice/iavf, mlx5_core, ena),
 * else from the names (virtioK-…, …:misc, the bare interface name, mlx5_…, ena-…); otherwise
 * `rx-only`. The list is written only when every rx queue in use has its own vector in it and no
 * vector is shared by every queue (`virtioK-virtqueues`): else the driver's generated list stands,
 * with a warning.
 */
import { PCI_ADDRESS, type DriverKind } from "../../irq/device-vectors.js";
import { vectorRoleOfName } from "../../irq/vector-names.js";
import type { NicFacts } from "../read-snapshot.js";
import { type Entry, comment, items, value } from "./commented-yaml.js";

const BY_ETHTOOL_DRIVER: Readonly<Record<string, DriverKind>> = {
  virtio_net: "virtio-net",
  ixgbe: "txrx-other",
  i40e: "txrx-misc",
  ice: "txrx-misc",
  iavf: "txrx-misc",
  mlx5_core: "mlx5",
  ena: "ena",
};

function kindOfNames(n: NicFacts): DriverKind | null {
  const names = n.deviceIrqs.map((v) => v.name);
  if (names.some((s) => /^virtio\d+-/.test(s))) return "virtio-net";
  if (names.some((s) => s.startsWith("mlx5_"))) return "mlx5";
  if (names.some((s) => s.startsWith("ena-") || /-Tx-Rx-\d+$/.test(s))) return "ena";
  if (names.some((s) => s.endsWith(":misc"))) return "txrx-misc";
  if (names.includes(n.name) && names.some((s) => /-TxRx-\d+$/.test(s))) return "txrx-other";
  return null;
}

export interface NicVectorEntries {
  readonly entries: readonly Entry[];
  /** Why the host's list was not written (a warning), or null. */
  readonly warning: string | null;
}

/** `driver`, `pci` when known and, when complete, `vectors` for one NIC with `queues` rx queues in use. */
export function nicVectorEntries(n: NicFacts, queues: number): NicVectorEntries {
  const ethtool = n.driver === null ? undefined : BY_ETHTOOL_DRIVER[n.driver.value];
  const named = kindOfNames(n);
  const kind = ethtool ?? named ?? "rx-only";
  const kindFrom =
    ethtool !== undefined && n.driver !== null
      ? `${n.driver.from}: driver ${n.driver.value}`
      : named !== null
        ? `the vector names in /proc/interrupts`
        : "DEFAULT: driver not recognised; one vector per rx queue";
  const entries: Entry[] = [value("driver", kind, kindFrom)];
  if (n.pci !== null && PCI_ADDRESS.test(n.pci)) {
    entries.push(value("pci", n.pci, n.busInfo === n.pci && n.driver !== null ? `${n.driver.from}: bus-info` : `/sys/class/net/${n.name}/device`));
  }
  if (n.deviceIrqs.length === 0) return { entries, warning: null };
  const roles = n.deviceIrqs.map((v) => vectorRoleOfName(v.name));
  const shared = n.deviceIrqs.find((_, k) => roles[k].shared);
  const served = new Set(roles.filter((r) => r.role === "rx" || r.role === "rx+tx").map((r) => r.queue));
  const missing = Array.from({ length: queues }, (_, q) => q).filter((q) => !served.has(q));
  const twice = roles.find((r, k) => (r.role === "rx" || r.role === "rx+tx") && roles.findIndex((o) => o.queue === r.queue && (o.role === "rx" || o.role === "rx+tx")) !== k);
  const why =
    shared !== undefined
      ? `IRQ ${shared.irq} ${shared.name} serves every queue (not modelled)`
      : missing.length > 0
        ? `no vector for rx queue${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`
        : twice !== undefined
          ? `two vectors serve rx queue ${twice.queue}`
          : null;
  if (why !== null) {
    const warning = `nics.${n.name}.vectors: ${why} among the device's /proc/interrupts rows; using the ${kind} vector list numbered from irq.firstIrq`;
    return { entries: [...entries, comment(`vectors not written: ${why} (/proc/interrupts)`)], warning };
  }
  const list = n.deviceIrqs.map((v) => [value("irq", v.irq), value("name", v.name)]);
  return { entries: [...entries, items("vectors", list, `/proc/interrupts: the rows of ${n.name}'s device, IRQ numbers as the host gave them`)], warning: null };
}
