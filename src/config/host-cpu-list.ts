import { CpuListError, parseCpuList } from "../rps/cpulist.js";
import { ConfigError, show } from "./errors.js";

/** A kernel CPU list (bitmap_parselist: "0-3,8") of the host's CPUs, its errors as config errors at `path`. */
export function hostCpuList(text: string, path: string, cpus: number): number[] {
  try {
    const list = parseCpuList(text, cpus);
    if (list.length === 0) throw new ConfigError(path, `${show(text)} names no CPU`);
    return list;
  } catch (error) {
    if (error instanceof CpuListError) throw new ConfigError(path, error.message);
    throw error;
  }
}
