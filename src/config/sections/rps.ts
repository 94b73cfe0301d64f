/**
 * A NIC's `rps` section: receive packet steering and RFS — which CPUs finish the stack work of
 * each rx queue (`rps_cpus`) and the queue's RFS flow table (`rps_flow_cnt`).
 *
 *   nics[].rps: { cpus: mask | [mask per queue] | vendor-default, flowCnt }   or   vendor-default
 *
 * Masks are sysfs hex ("f", "ff,00000000"); "vendor-default" is the cloud image's rule
 * (rps/vendor-default.ts). Resolved: `Rps`, one mask per rx queue, each valid for host.cpus.
 */
import { vendorDefaultEffectiveMask } from "../../rps/vendor-default.js";
import { rpsMasks } from "../field-types.js";
import { joinKey } from "../paths.js";
import { masksPerQueue } from "../queue-masks.js";
import { enumOf, int, map, obj, union } from "../schema-dsl.js";
import type { Infer } from "../schema-dsl.js";

export const RPS_DEFAULTS = {
  /** rps_cpus: the kernel default is 0, RPS off (Documentation/networking/scaling.rst). */
  cpus: "0",
  /** rps_flow_cnt: 0, no RFS flow table on the queue. */
  flowCnt: 0,
} as const;

export const rpsSchema = union(
  [
    map(
      enumOf(["vendor-default"]),
      (value, path) => ({ cpus: { masks: [{ value, path }], perQueue: false }, flowCnt: RPS_DEFAULTS.flowCnt }),
    ),
    obj(
      {
        cpus: rpsMasks({
          default: RPS_DEFAULTS.cpus,
          description:
            'rps_cpus in sysfs notation (hex, comma every 32 bits, most significant first; "0" = off): one mask for every rx queue, or a list with one mask per queue; "vendor-default" is the cloud image rule (q = cpus/8 clamped to 1..2, q "f" digits).',
        }),
        flowCnt: int({
          min: 0,
          max: 1 << 20,
          default: RPS_DEFAULTS.flowCnt,
          description: "rps_flow_cnt of every rx queue: RFS flow-table entries (rounded up to a power of two; 0 = none).",
          unit: "entries",
        }),
      },
      { description: "RPS and RFS settings of the rx queues." },
    ),
  ],
  {
    default: {},
    description:
      'Receive packet steering: which CPUs finish the stack work of each rx queue. "vendor-default" is short for { cpus: vendor-default }.',
  },
);

export type CheckedRps = Infer<typeof rpsSchema>;

export interface Rps {
  /**
   * One `rps_cpus` mask per rx queue in sysfs notation (hex, comma-separated 32-bit groups,
   * most significant first; "0" = off). A single mask given in the file applies to every queue.
   */
  readonly cpus: readonly string[];
  /** rps_flow_cnt of each rx queue: RFS flow-table entries (0 = none). */
  readonly flowCnt: number;
}

/**
 * The resolved RPS settings of a NIC with `queues` rx queues on a host of `cpus` CPUs.
 * @throws ConfigError for a list of masks that is not one per queue, or a mask the kernel refuses
 */
export function resolveRps(rps: CheckedRps, queues: number, cpus: number, path: string): Rps {
  const effective = rps.cpus.masks.map((mask) => (mask.value === "vendor-default" ? { ...mask, value: vendorDefaultEffectiveMask(cpus) } : mask));
  return { cpus: masksPerQueue(effective, rps.cpus.perQueue, queues, cpus, joinKey(path, "cpus"), "rx queue"), flowCnt: rps.flowCnt };
}
