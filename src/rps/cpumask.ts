/**
 * CPU masks as sysfs writes and reads them (`/sys/class/net/<dev>/queues/rx-<n>/rps_cpus`).
 *
 * Writing follows `store_rps_map` → `bitmap_parse(buf, len, mask, nr_cpumask_bits)` of 5.x+
 * kernels (lib/bitmap.c, the parser that scans from the end; `store_rps_map()` in net/core/net-sysfs.c):
 * - groups of hex digits, the last group holding CPUs 0–31, the one before it 32–63, …;
 * - commas and white space separate groups, and a run of separators counts as one (so
 *   `"1,,0"` is `"1,0"`, and the newline `echo` adds is ignored);
 * - a group of more than 8 hex digits, leading zeros included, is EOVERFLOW, and so are more
 *   groups than the CPUs need or a bit at or above `nr_cpumask_bits` (`ff` on a 4-CPU host);
 * - any other character (`x` of `0x`, `g`, `-`) is EINVAL;
 * - nothing but separators is the empty mask: RPS off, as `"0"`.
 * nicsim's host has `cpus` CPUs, all possible and online, so `nr_cpumask_bits` = `cpus` (on a
 * real VM the possible CPUs can outnumber the online ones; see /sys/devices/system/cpu/possible).
 * The map is the ascending list of CPUs in the mask.
 *
 * Reading (`%*pb`): lower-case hex, a comma every 32 bits, each group 8 digits except the first,
 * which is as wide as the CPU count needs (4 CPUs → "f", 16 → "000f", 40 → "00,0000000f").
 */

/** The errno the kernel's write would return. */
export type CpuMaskErrno = "EINVAL" | "EOVERFLOW";

/** A mask the kernel would refuse; the message quotes the mask, the reason and the errno. */
export class CpuMaskError extends Error {
  override readonly name = "CpuMaskError";

  constructor(
    readonly mask: string,
    readonly reason: string,
    readonly errno: CpuMaskErrno,
  ) {
    super(`${JSON.stringify(mask)}: ${reason} (the kernel answers ${errno})`);
  }
}

const SEPARATOR = /[\s,]/;

function hexValue(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1;
}

/**
 * Parses an `rps_cpus` mask for a host with `cpus` CPUs (numbered 0..cpus-1) and returns the
 * CPUs it selects, ascending. `"0"` (or an empty write) returns `[]`: RPS off.
 *
 * @throws CpuMaskError when the kernel would refuse the write, with its errno.
 */
export function parseCpuMask(text: string, cpus: number): number[] {
  if (!Number.isInteger(cpus) || cpus < 1) throw new RangeError(`cpus must be a positive integer, got ${cpus}`);
  const maxGroups = Math.ceil(cpus / 32);
  const selected: number[] = [];
  let end = text.length - 1;
  for (let group = 0; ; group++) {
    while (end >= 0 && SEPARATOR.test(text[end])) end--;
    if (end < 0) break;
    if (group >= maxGroups) {
      throw new CpuMaskError(text, `more 32-bit groups than ${cpus} CPUs need (${maxGroups})`, "EOVERFLOW");
    }
    let value = 0;
    for (let digit = 0; end >= 0 && !SEPARATOR.test(text[end]); digit++, end--) {
      const v = hexValue(text[end]);
      if (v < 0) throw new CpuMaskError(text, `invalid hex digit ${JSON.stringify(text[end])}`, "EINVAL");
      if (digit === 8) throw new CpuMaskError(text, "a group has more than 8 hex digits (32 bits)", "EOVERFLOW");
      value += v * 16 ** digit;
    }
    for (let bit = 0; bit < 32; bit++) {
      if (Math.floor(value / 2 ** bit) % 2 === 0) continue;
      const cpu = group * 32 + bit;
      if (cpu >= cpus) throw new CpuMaskError(text, `selects CPU ${cpu}, but the host has ${cpus === 1 ? "1 CPU" : `${cpus} CPUs`}`, "EOVERFLOW");
      selected.push(cpu);
    }
  }
  return selected.sort((x, y) => x - y);
}

/**
 * Formats CPUs as the kernel reads a mask back (`%*pb` over `nCpus` bits).
 *
 * @throws RangeError when a CPU is not in 0..nCpus-1.
 */
export function formatCpuMask(cpus: readonly number[], nCpus: number): string {
  if (!Number.isInteger(nCpus) || nCpus < 1) throw new RangeError(`nCpus must be a positive integer, got ${nCpus}`);
  const nGroups = Math.ceil(nCpus / 32);
  const words = new Uint32Array(nGroups);
  for (const cpu of cpus) {
    if (!Number.isInteger(cpu) || cpu < 0 || cpu >= nCpus) throw new RangeError(`CPU ${cpu} is not in 0..${nCpus - 1}`);
    words[cpu >>> 5] |= 1 << (cpu & 31);
  }
  const firstBits = nCpus % 32 === 0 ? 32 : nCpus % 32;
  const parts: string[] = [];
  for (let g = nGroups - 1; g >= 0; g--) {
    const width = g === nGroups - 1 ? Math.ceil(firstBits / 4) : 8;
    parts.push(words[g].toString(16).padStart(width, "0"));
  }
  return parts.join(",");
}
