/**
 * The `irq` section: where the rx queue interrupts run — the placement policy, explicit
 * `smp_affinity` writes, and irqbalance's options.
 *
 *   irq: { policy: round-robin | cpu0 | driver-hint | explicit | irqbalance, firstIrq,
 *          driverHintNode, affinity: [{ smp_affinity | smp_affinity_list }], irqbalance {…} }
 *
 * Resolved: `Irq`. Resolution places the IRQs once (irq/place-queues.ts) on the resolved host and
 * NICs, so a setting the kernel or irqbalance refuses fails at load time with its path.
 */
import { IrqAffinityError } from "../../irq/affinity.js";
import { DEFAULT_FIRST_IRQ, DeviceVectorError, MAX_IRQ_NUMBER } from "../../irq/device-vectors.js";
import type { NicVectorSpec } from "../../irq/device-vectors.js";
import { IRQBALANCE_VERSIONS, IrqbalanceOptionError } from "../../irq/irqbalance/options.js";
import type { IrqbalanceVersion } from "../../irq/irqbalance/options.js";
import { SYSFS_LISTINGS } from "../../irq/kernfs-order.js";
import type { SysfsListing } from "../../irq/kernfs-order.js";
import { nicVectors, placeQueueIrqs } from "../../irq/place-queues.js";
import type { QueueAffinity } from "../../irq/policies.js";
import { TopologyError } from "../../irq/topology.js";
import { ConfigError } from "../errors.js";
import { joinIndex, joinKey } from "../paths.js";
import { flag } from "../field-types.js";
import { array, enumOf, int, obj, optional, str } from "../schema-dsl.js";
import type { Infer } from "../schema-dsl.js";
import type { Host } from "./host.js";

export const IRQ_DEFAULTS = {
  /** One queue's IRQ per CPU in turn, as irqbalance tends to settle for distinct queue IRQs. */
  policy: "round-robin",
} as const;

export const irqSchema = obj(
  {
    policy: enumOf(["round-robin", "cpu0", "driver-hint", "explicit", "irqbalance"], {
      default: IRQ_DEFAULTS.policy,
      description:
        "IRQ placement: round-robin (vector v on CPU v mod cpus), cpu0, driver-hint (vector v on cpumask_local_spread(v)), explicit (irq.affinity written to each queue's IRQ, x86 effective affinity), irqbalance (the daemon's first scan on an idle host places the queues at the start; it rescans every irq.irqbalance.interval of simulated time and moves IRQs as the daemon would).",
    }),
    firstIrq: int({
      min: 1,
      max: MAX_IRQ_NUMBER,
      default: DEFAULT_FIRST_IRQ,
      description:
        "Linux IRQ number of vector 0 of the first NIC without its own nics[].vectors; each such NIC's vectors follow consecutively (the kernel's next free numbers at probe), skipping numbers a NIC's own list holds.",
    }),
    driverHintNode: enumOf(["none", "nic"], {
      default: "none",
      description: 'driver-hint: the node the driver passes, "none" (-1, as i40e/iavf) or "nic" (the NIC\'s node first, as mlx5).',
    }),
    affinity: optional(
      array(
        obj(
          {
            smp_affinity: optional(str({ description: "Hex mask as /proc/irq/N/smp_affinity takes it." })),
            smp_affinity_list: optional(str({ description: "CPU list as /proc/irq/N/smp_affinity_list takes it." })),
          },
          { description: "What is written for one queue's IRQ: exactly one of smp_affinity or smp_affinity_list." },
        ),
        { description: "explicit: one entry per rx queue vector, NICs in order; missing entries keep the activation default." },
      ),
    ),
    irqbalance: obj(
      {
        deepestcache: int({ min: 1, max: 3, default: 2, description: "--deepestcache: the cache level that forms balance domains." }),
        bannedCpus: optional(str({ description: "IRQBALANCE_BANNED_CPULIST (default: host.topology.isolated)." })),
        interval: int({ min: 1, default: 10, description: "--interval: whole seconds of simulated time between rebalancing scans." }),
        oneshot: flag({ default: false, description: "--oneshot: place the IRQs once (the first scan) and exit: no rebalancing during the run." }),
        migrateval: int({ min: 0, default: 0, description: "--migrateval: move an IRQ only if it cuts the load gap by more than 1/migrateval (0: unset)." }),
        powerthresh: optional(int({ min: 0, description: "--powerthresh: CPUs under 1/4 of the average load allowed in powersave before one is emptied (default: off)." })),
        bannedIrqs: optional(array(int({ min: 0 }), { description: "--banirq: IRQ numbers the daemon leaves alone (the NICs' numbers: nics[].vectors, or numbered from irq.firstIrq per nics[].driver)." })),
        version: enumOf(IRQBALANCE_VERSIONS, {
          default: "1.9.2",
          description: 'The daemon\'s release: "1.9.2" (1.9.2-1.9.4: a placement adds the IRQ\'s load, +1 only on the device\'s node) or "1.9.5" (the current release: load + 1 everywhere).',
        }),
        listing: enumOf(SYSFS_LISTINGS, {
          default: "kernfs",
          description: 'The order readdir lists sysfs in, which decides ties: "kernfs" (the kernel\'s name-hash order, as on a real host) or "ascending" (CPU, node and IRQ numbers in order).',
        }),
      },
      { default: {}, description: "irqbalance options." },
    ),
  },
  { default: {}, description: "Where the rx queue interrupts run." },
);

export type CheckedIrq = Infer<typeof irqSchema>;

export type IrqPolicy = "round-robin" | "cpu0" | "driver-hint" | "explicit" | "irqbalance";

export interface Irq {
  readonly policy: IrqPolicy;
  readonly driverHintNode: "none" | "nic";
  /** Linux IRQ number of the first NIC's vector 0. */
  readonly firstIrq: number;
  /** explicit: per rx queue vector, what is written (null: nothing). */
  readonly affinity: readonly (QueueAffinity | null)[];
  readonly irqbalance: IrqbalanceSettings;
}

/** irqbalance's options (irq/irqbalance/options.ts); interval in whole seconds. */
export interface IrqbalanceSettings {
  readonly deepestCache: number;
  readonly bannedCpus?: string;
  readonly interval: number;
  readonly oneshot: boolean;
  readonly migrateVal: number;
  readonly powerThresh: number | null;
  readonly bannedIrqs: readonly number[];
  readonly version: IrqbalanceVersion;
  readonly listing: SysfsListing;
}

/**
 * The resolved `irq` section for the resolved host and NICs; the IRQs are placed once to check
 * it. @throws ConfigError naming the entry or option the kernel or irqbalance refuses
 */
export function resolveIrq(checked: CheckedIrq, host: Host, nics: readonly NicVectorSpec[]): Irq {
  const irq = resolveIrqSettings(checked);
  checkIrqPlacement(irq, host, nics);
  return irq;
}

function resolveIrqSettings(irq: CheckedIrq): Irq {
  const affinity = (irq.affinity ?? []).map((entry, q): QueueAffinity => {
    const path = `irq.affinity[${q}]`;
    if ((entry.smp_affinity === undefined) === (entry.smp_affinity_list === undefined)) {
      throw new ConfigError(path, "give exactly one of smp_affinity or smp_affinity_list");
    }
    return entry.smp_affinity !== undefined ? { smpAffinity: entry.smp_affinity } : { smpAffinityList: entry.smp_affinity_list ?? "" };
  });
  return {
    policy: irq.policy,
    driverHintNode: irq.driverHintNode,
    firstIrq: irq.firstIrq,
    affinity,
    irqbalance: {
      deepestCache: irq.irqbalance.deepestcache,
      ...(irq.irqbalance.bannedCpus === undefined ? {} : { bannedCpus: irq.irqbalance.bannedCpus }),
      interval: irq.irqbalance.interval,
      oneshot: irq.irqbalance.oneshot,
      migrateVal: irq.irqbalance.migrateval,
      powerThresh: irq.irqbalance.powerthresh ?? null,
      bannedIrqs: irq.irqbalance.bannedIrqs ?? [],
      version: irq.irqbalance.version,
      listing: irq.irqbalance.listing,
    },
  };
}

/** Place the IRQs once, so that a setting the kernel or irqbalance refuses fails at load time. */
function checkIrqPlacement(irq: Irq, host: Host, nics: readonly NicVectorSpec[]): void {
  const vectors = nics.reduce((sum, nic) => sum + nic.queues, 0);
  if (irq.affinity.length > vectors) {
    throw new ConfigError("irq.affinity", `${irq.affinity.length} entries for ${vectors} rx queue vectors`);
  }
  try {
    nicVectors(nics, irq.firstIrq);
    placeQueueIrqs({ irq, host, nics });
  } catch (error) {
    if (error instanceof DeviceVectorError) {
      const nic = joinIndex("nics", error.nic);
      const list = joinKey(nic, "vectors");
      const at =
        error.field === "pci" ? joinKey(nic, "pci") :
        error.vector < 0 ? list :
        error.field === "" ? joinIndex(list, error.vector) :
        joinKey(joinIndex(list, error.vector), error.field);
      throw new ConfigError(at, error.reason);
    }
    if (error instanceof IrqAffinityError) {
      const detail = `${error.file} ${JSON.stringify(error.text)}: ${error.reason} (the kernel answers ${error.errno})`;
      throw new ConfigError(error.queue === null ? "irq.affinity" : `irq.affinity[${error.queue}]`, detail);
    }
    if (error instanceof IrqbalanceOptionError || error instanceof TopologyError) throw new ConfigError("irq.irqbalance", error.message);
    throw error;
  }
}
