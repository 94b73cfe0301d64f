import { CpuMaskError, parseCpuMask } from "../rps/cpumask.js";
import { ConfigError } from "./errors.js";
import type { Located } from "./field-types.js";

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;

/**
 * One CPU mask per queue (RPS's `rps_cpus`, XPS's `xps_cpus`) from masks given once for every
 * queue or as a list with one per queue, each checked as the kernel checks a write of it.
 * @throws ConfigError at `path` for a list of the wrong length, at the mask's own path for a bad mask
 */
export function masksPerQueue(masks: readonly Located<string>[], perQueue: boolean, queues: number, cpus: number, path: string, queue: string): string[] {
  if (perQueue && masks.length !== queues) throw new ConfigError(path, `${count(masks.length, "mask")} given for ${count(queues, queue)}`);
  for (const mask of masks) {
    try {
      parseCpuMask(mask.value, cpus);
    } catch (error) {
      if (error instanceof CpuMaskError) throw new ConfigError(mask.path, error.message);
      throw error;
    }
  }
  return perQueue ? masks.map((mask) => mask.value) : new Array<string>(queues).fill(masks[0].value);
}
