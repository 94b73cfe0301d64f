import { describe, expect, it } from "vitest";
import { Prng } from "../src/traffic/prng.js";
import { rpsTargetCpu } from "../src/rps/rps-map.js";

/**
 * get_rps_cpu (net/core/dev.c): tcpu = map->cpus[reciprocal_scale(hash, map->len)], where
 * reciprocal_scale(val, ep_ro) = (u32)(((u64)val * ep_ro) >> 32); no RPS for hash 0 or an empty
 * map. Cases by hand:
 *   0x51ccc178 · 3 = 0xF5664468 < 2^32     → index 0
 *   0x51ccc178 · 16 = 0x51ccc1780 >> 32 = 5 → index 5 (the top 4 bits, 0x5)
 *   0xffffffff · 3 = 0x2FFFFFFFD >> 32 = 2  → index 2
 */
describe("the RPS target CPU follows get_rps_cpu", () => {
  const sixteen = Array.from({ length: 16 }, (_, i) => i);

  it("hand-computed cases", () => {
    expect(rpsTargetCpu([0, 1, 2], 0x51ccc178)).toBe(0);
    expect(rpsTargetCpu(sixteen, 0x51ccc178)).toBe(5);
    expect(rpsTargetCpu([0, 1, 2], 0xffffffff)).toBe(2);
    expect(rpsTargetCpu([4, 9, 13], 0xffffffff)).toBe(13); // the map holds CPU numbers
    expect(rpsTargetCpu([4, 9, 13], 0x55555556)).toBe(9); // 0x55555556 · 3 = 0x100000002 → 1
    expect(rpsTargetCpu([4, 9, 13], 0x55555555)).toBe(4); // 0x55555555 · 3 = 0xFFFFFFFF → 0
    expect(rpsTargetCpu([7], 0x00000001)).toBe(7);
  });

  it("hash 0 or an empty map means no RPS (-1)", () => {
    expect(rpsTargetCpu([0, 1, 2], 0)).toBe(-1);
    expect(rpsTargetCpu(sixteen, 0)).toBe(-1);
    expect(rpsTargetCpu([], 0x51ccc178)).toBe(-1);
    expect(rpsTargetCpu([], 0)).toBe(-1);
  });

  it("agrees with 64-bit reciprocal_scale on random hashes and map lengths", () => {
    const rng = new Prng(17, 0);
    const cpus = Int32Array.from({ length: 4096 }, (_, k) => 1000 + k);
    for (let i = 0; i < 5000; i++) {
      const hash = rng.nextU32() || 1;
      const len = 1 + rng.nextBelow(i % 2 === 0 ? 64 : 4096);
      const map = cpus.subarray(0, len);
      const index = Number((BigInt(hash) * BigInt(len)) >> 32n);
      expect(rpsTargetCpu(map, hash)).toBe(1000 + index);
    }
  });
});
