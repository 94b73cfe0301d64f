/**
 * irqbalance's command-line options and environment, with the daemon's defaults
 * (irqbalance.c `parse_command_line`, cputree.c `setup_banned_cpus`).
 *
 * | option         | flag / variable                      | default                         |
 * |----------------|--------------------------------------|---------------------------------|
 * | intervalS      | `--interval` / `-t` (whole seconds)  | 10                              |
 * | oneshot        | `--oneshot`, `IRQBALANCE_ONESHOT`    | false                           |
 * | deepestCache   | `--deepestcache` / `-c` (≥ 1)        | 2 (index2 = L2 on x86)          |
 * | migrateVal     | `--migrateval` / `-e` (0 = unset)    | 0                               |
 * | powerThresh    | `--powerthresh` / `-p` (null = off)  | null                            |
 * | bannedCpus     | `IRQBALANCE_BANNED_CPULIST`          | the host's isolated CPUs        |
 * | bannedIrqs     | `--banirq` (repeatable)              | none                            |
 * | userHz         | USER_HZ of /proc/stat                | 100                             |
 * | version        | the daemon's release                 | "1.9.2"                         |
 * | listing        | how sysfs lists its directories      | "kernfs"                        |
 *
 * `version` picks the placement rule where releases differ (placement.c): "1.9.2" (1.9.2–1.9.4,
 * the Debian 12 and Ubuntu 24.04 packages) adds the IRQ's load to an object it descends into or
 * picks as the least-loaded node, and load + 1 only to a device's own node; "1.9.5" (the current
 * release, `migrate_irq_obj`) adds load + 1 everywhere. On an idle first scan both give the same
 * placement (equal loads tie, and the tie goes to the object with fewer IRQs).
 * `listing` is the order of `readdir` over sysfs (kernfs-order.ts): "kernfs" as a real kernel
 * lists it, "ascending" for ids in numeric order (nicsim's earlier assumption).
 * `bannedCpus` given replaces the isolated default, as the variable does; an empty string is "not
 * set" (both releases test `strlen(env)`; only the development tree after 1.9.5 treats an empty
 * variable as "ban nothing"). An empty list of CPU ids bans nothing.
 * Not modelled: `--banmod`, `--policyscript`, `--hintpolicy` (removed upstream), the deprecated
 * hex `IRQBALANCE_BANNED_CPUS`, thermal bans, the UI socket.
 */
import { CpuListError, parseCpuList } from "../../rps/cpulist.js";
import { SYSFS_LISTINGS, type SysfsListing } from "../kernfs-order.js";
import type { CpuTopology } from "../topology.js";

/** Releases whose placement differs. */
export const IRQBALANCE_VERSIONS = ["1.9.2", "1.9.5"] as const;

export type IrqbalanceVersion = (typeof IRQBALANCE_VERSIONS)[number];

export interface IrqbalanceOptions {
  readonly intervalS?: number;
  readonly oneshot?: boolean;
  readonly deepestCache?: number;
  readonly migrateVal?: number;
  readonly powerThresh?: number | null;
  /** A CPU list string (as the variable takes) or CPU ids. */
  readonly bannedCpus?: string | readonly number[];
  readonly bannedIrqs?: readonly number[];
  readonly userHz?: number;
  readonly version?: IrqbalanceVersion;
  readonly listing?: SysfsListing;
}

export interface ResolvedIrqbalanceOptions {
  readonly intervalS: number;
  readonly oneshot: boolean;
  readonly deepestCache: number;
  readonly migrateVal: number;
  readonly powerThresh: number | null;
  readonly bannedCpus: readonly number[];
  readonly bannedIrqs: readonly number[];
  readonly userHz: number;
  readonly version: IrqbalanceVersion;
  readonly listing: SysfsListing;
}

/** An option the daemon would refuse (it prints its usage and exits 1). */
export class IrqbalanceOptionError extends Error {
  override readonly name = "IrqbalanceOptionError";

  constructor(
    readonly option: string,
    readonly reason: string,
  ) {
    super(`${option}: ${reason}`);
  }
}

function integer(value: number, option: string, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new IrqbalanceOptionError(option, `must be an integer ≥ ${min}, got ${JSON.stringify(value)}`);
  return value;
}

export function resolveIrqbalanceOptions(options: IrqbalanceOptions, topology: CpuTopology): ResolvedIrqbalanceOptions {
  const n = topology.cpus.length;
  let bannedCpus: number[];
  if (options.bannedCpus === undefined || options.bannedCpus === "") bannedCpus = [...topology.isolated];
  else if (typeof options.bannedCpus === "string") {
    try {
      bannedCpus = parseCpuList(options.bannedCpus, n);
    } catch (error) {
      if (error instanceof CpuListError) throw new IrqbalanceOptionError("bannedCpus", error.message);
      throw error;
    }
  } else {
    const set = new Set<number>();
    options.bannedCpus.forEach((cpu, i) => {
      if (!Number.isInteger(cpu) || cpu < 0 || cpu >= n) {
        throw new IrqbalanceOptionError(`bannedCpus[${i}]`, `${JSON.stringify(cpu)} is not a CPU of this host (0-${n - 1})`);
      }
      set.add(cpu);
    });
    bannedCpus = [...set].sort((a, b) => a - b);
  }
  const bannedIrqs = [...new Set((options.bannedIrqs ?? []).map((irq, i) => integer(irq, `bannedIrqs[${i}]`, 0)))];
  const powerThresh = options.powerThresh ?? null;
  const version = options.version ?? "1.9.2";
  if (!(IRQBALANCE_VERSIONS as readonly string[]).includes(version)) {
    throw new IrqbalanceOptionError("version", `${JSON.stringify(version)} is not one of ${IRQBALANCE_VERSIONS.join(", ")}`);
  }
  const listing = options.listing ?? "kernfs";
  if (!SYSFS_LISTINGS.includes(listing)) throw new IrqbalanceOptionError("listing", `${JSON.stringify(listing)} is not one of ${SYSFS_LISTINGS.join(", ")}`);
  return {
    intervalS: integer(options.intervalS ?? 10, "intervalS", 1),
    oneshot: options.oneshot ?? false,
    deepestCache: integer(options.deepestCache ?? 2, "deepestCache", 1),
    migrateVal: integer(options.migrateVal ?? 0, "migrateVal", 0),
    powerThresh: powerThresh === null ? null : integer(powerThresh, "powerThresh", 0),
    bannedCpus,
    bannedIrqs,
    userHz: integer(options.userHz ?? 100, "userHz", 1),
    version,
    listing,
  };
}
