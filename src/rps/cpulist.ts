/**
 * CPU lists as the kernel reads them (`bitmap_parselist`, the format of smp_affinity_list,
 * isolcpus and /sys/devices/system/cpu/online): comma-separated CPUs and ranges `a-b`, a range
 * optionally strided as `a-b:used/group` (`0-7:1/2` = 0,2,4,6). Errors follow the kernel:
 * EINVAL for bad syntax or an empty/reversed range, ERANGE for a CPU the host does not have.
 */
export class CpuListError extends Error {
  override readonly name = "CpuListError";

  constructor(
    readonly list: string,
    readonly reason: string,
    readonly errno: "EINVAL" | "ERANGE",
  ) {
    super(`${JSON.stringify(list)}: ${reason} (the kernel answers ${errno})`);
  }
}

const REGION = /^(\d+)(?:-(\d+)(?::(\d+)\/(\d+))?)?$/;

/** The CPUs of a list, ascending and without repeats. An empty list is no CPUs. */
export function parseCpuList(text: string, cpus: number): number[] {
  const selected = new Set<number>();
  for (const raw of text.split(",")) {
    const region = raw.trim();
    if (region === "") {
      if (text.trim() === "") break;
      throw new CpuListError(text, "empty element", "EINVAL");
    }
    const m = REGION.exec(region);
    if (m === null) throw new CpuListError(text, `${JSON.stringify(region)} is not a CPU or a range a-b`, "EINVAL");
    const start = Number(m[1]);
    const end = m[2] === undefined ? start : Number(m[2]);
    const used = m[3] === undefined ? 1 : Number(m[3]);
    const group = m[4] === undefined ? 1 : Number(m[4]);
    if (start > end) throw new CpuListError(text, `range ${region} ends before it starts`, "EINVAL");
    if (group === 0 || used === 0 || used > group) throw new CpuListError(text, `stride ${used}/${group} is not valid`, "EINVAL");
    if (end >= cpus) throw new CpuListError(text, `CPU ${end} is beyond the host's ${cpus} CPUs (0-${cpus - 1})`, "ERANGE");
    for (let cpu = start; cpu <= end; cpu += group) {
      for (let k = 0; k < used && cpu + k <= end; k++) selected.add(cpu + k);
    }
  }
  return [...selected].sort((a, b) => a - b);
}
