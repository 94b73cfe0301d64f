/**
 * The kernel's RPS CPU choice (net/core/dev.c get_rps_cpu): with the queue's map being the
 * ascending list of CPUs in rps_cpus ∩ online, the target is
 * `map[reciprocal_scale(hash, len)]` = `map[(u64)hash * len >> 32]`.
 * RPS is skipped (returns -1: process on the current CPU without the backlog) when the map is
 * empty or the hash is 0.
 */
export function rpsTargetCpu(map: ArrayLike<number>, hash: number): number {
  const len = map.length;
  if (len === 0 || hash === 0) return -1;
  // hash < 2^32 and len ≤ 2^20, so the product is exact in a double (< 2^53).
  return map[Math.floor(((hash >>> 0) * len) / 4294967296)];
}
