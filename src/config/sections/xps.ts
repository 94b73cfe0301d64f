/**
 * A NIC's `xps` setting: transmit packet steering, the `xps_cpus` mask of each tx queue
 * (/sys/class/net/DEV/queues/tx-N/xps_cpus; Documentation/networking/scaling.rst, "XPS").
 *
 *   nics[].xps: mask | [mask per tx queue]
 *
 * A NIC has one tx queue per combined channel (`queues`). A CPU sends by the tx queues whose
 * mask holds it (several: chosen by the packet's flow hash, get_xps_queue in net/core/dev.c);
 * a CPU no mask holds, or a NIC without `xps`, sends by `skb_tx_hash`: the flow hash scaled to
 * the tx queues. Drivers such as virtio-net set one CPU per queue at probe
 * (virtnet_set_affinity); `nicsim import` reads what the host has. Resolved: one mask per tx
 * queue, or null (no XPS).
 */
import { rpsMasks, type RpsMasks } from "../field-types.js";
import { masksPerQueue } from "../queue-masks.js";
import { optional } from "../schema-dsl.js";

export const xpsSchema = optional(
  rpsMasks(
    {
      description:
        "xps_cpus of each tx queue in sysfs notation (one mask for every tx queue, or a list with one per queue): a CPU sends by the queues whose mask holds it, else by the flow hash. Default: no XPS.",
    },
    "tx queue",
  ),
);

/** The resolved XPS masks of a NIC with `queues` tx queues on `cpus` CPUs, or null. @throws ConfigError */
export function resolveXps(xps: RpsMasks | undefined, queues: number, cpus: number, path: string): readonly string[] | null {
  return xps === undefined ? null : masksPerQueue(xps.masks, xps.perQueue, queues, cpus, path, "tx queue");
}
