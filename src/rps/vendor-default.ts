import { CpuMaskError, parseCpuMask } from "./cpumask.js";

/**
 * The RPS setting of the vendor's cloud images (docs/cloud-profile.md): q = vCPUs / 8 (integer),
 * clamped to 1..2, and a mask of q `f` digits written to every rx queue's rps_cpus. So 8 vCPUs
 * get "f" (CPUs 0–3), 16 or more — even 64 — get "ff" (CPUs 0–7).
 */
export function vendorDefaultMask(cpus: number): string {
  const q = Math.min(2, Math.max(1, Math.floor(cpus / 8)));
  return "f".repeat(q);
}

/**
 * The mask the vendor script leaves in place on a host with `cpus` CPUs: its mask if the kernel
 * accepts the write, else "0" — on a host with fewer than 4 CPUs "f" names CPUs the kernel does
 * not have, the write fails with EOVERFLOW, and RPS stays off.
 */
export function vendorDefaultEffectiveMask(cpus: number): string {
  const mask = vendorDefaultMask(cpus);
  try {
    parseCpuMask(mask, cpus);
    return mask;
  } catch (error) {
    if (error instanceof CpuMaskError) return "0";
    throw error;
  }
}
