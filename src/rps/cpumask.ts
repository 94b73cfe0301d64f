/**
 * CPU masks as sysfs writes and reads them (`/sys/class/net/<dev>/queues/rx-<n>/rps_cpus`).
 *
 * Writing (`store_rps_map` → `bitmap_parse`, facts/linux-rx-path.md (c)): hex digits; commas
 * split 32-bit groups, most significant group first; a group may be shorter than 8 digits
 * (zero-extended). Surrounding whitespace (the newline `echo` adds) is ignored. The map is the
 * ascending list of CPUs in (mask ∩ online CPUs); a zero mask turns RPS off for the queue; a
 * non-zero mask that selects no online CPU is refused with EINVAL.
 *
 * Where kernels differ, this follows the older, stricter parser: an empty group (`"1,,0"`) is
 * EINVAL, and a group overflows (EOVERFLOW) only when it has more than 8 *significant* digits
 * (kernels since 5.x reject a 9th digit even if it is a leading zero, and skip empty groups).
 * Bits above the online CPUs are ignored rather than refused, because the kernel only refuses
 * bits above the *possible* CPUs, which may be more than the online ones.
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

const HEX_DIGIT = /^[0-9a-fA-F]$/;

/**
 * Parses an `rps_cpus` mask for a host with `onlineCpus` CPUs (numbered 0..onlineCpus-1) and
 * returns the CPUs it selects, ascending. `"0"` returns `[]` (RPS off).
 *
 * @throws CpuMaskError when the kernel would refuse the write.
 */
export function parseCpuMask(text: string, onlineCpus: number): number[] {
  if (!Number.isInteger(onlineCpus) || onlineCpus < 1) throw new RangeError(`onlineCpus must be a positive integer, got ${onlineCpus}`);
  const body = text.trim();
  if (body === "") throw new CpuMaskError(text, "empty mask", "EINVAL");
  if (/^0[xX]/.test(body)) throw new CpuMaskError(text, 'a "0x" prefix is not accepted; write plain hex digits', "EINVAL");

  const groups = body.split(",");
  const values: number[] = [];
  for (const group of groups) {
    if (group === "") throw new CpuMaskError(text, "empty group between commas", "EINVAL");
    for (const ch of group) {
      if (!HEX_DIGIT.test(ch)) throw new CpuMaskError(text, `invalid hex digit ${JSON.stringify(ch)}`, "EINVAL");
    }
    const significant = group.replace(/^0+/, "");
    if (significant.length > 8) throw new CpuMaskError(text, `group ${JSON.stringify(group)} overflows 32 bits`, "EOVERFLOW");
    values.push(significant === "" ? 0 : Number.parseInt(significant, 16));
  }

  const cpus: number[] = [];
  let anyBit = false;
  // The last group holds CPUs 0..31, the one before it 32..63, and so on.
  for (let g = 0; g < values.length; g++) {
    const value = values[values.length - 1 - g];
    if (value !== 0) anyBit = true;
    for (let bit = 0; bit < 32; bit++) {
      const cpu = g * 32 + bit;
      if (cpu >= onlineCpus) break;
      if (((value >>> bit) & 1) === 1) cpus.push(cpu);
    }
  }
  if (anyBit && cpus.length === 0) {
    const host = onlineCpus === 1 ? "1 CPU" : `${onlineCpus} CPUs`;
    throw new CpuMaskError(text, `selects no online CPU; the host has ${host}`, "EINVAL");
  }
  return cpus;
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
