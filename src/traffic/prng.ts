/**
 * Seeded PRNG: xoshiro128** (Blackman & Vigna), 32-bit output, period 2^128 − 1.
 *
 * Why this one: it needs only 32-bit integer arithmetic (`Math.imul`, shifts), which V8 compiles
 * to plain machine instructions, and its state lives in an Int32Array so that stepping it never
 * boxes a number. Every random choice in nicsim comes from a `Prng` seeded from the scenario seed:
 * same seed, same run, bit for bit.
 */
import { murmurFinish } from "./murmur3.js";
import { exponentialSlowPathInto, ZIGGURAT_KE, ZIGGURAT_WE } from "./exponential.js";

export class Prng {
  /**
   * The four state words. Hot loops that draw several numbers per packet may copy them into
   * locals, step them inline exactly as `nextI32` does, and write them back (PacketSource.fill):
   * the stream is the same, without a load and a store of every word per draw.
   */
  readonly s = new Int32Array(4);
  /** Where the ziggurat's slow path leaves its result (see exponentialSlowPathInto). */
  private readonly scratch = new Float64Array(1);

  constructor(seed: number, stream = 0) {
    // Expand (seed, stream) into 128 bits of state with splitmix32, which never yields all zeros
    // for four consecutive outputs.
    let x = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(stream >>> 0, 0x85ebca77)) | 0;
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      this.s[i] = z ^ (z >>> 15);
    }
    if ((this.s[0] | this.s[1] | this.s[2] | this.s[3]) === 0) this.s[0] = 1;
  }

  /**
   * Next 32 random bits as a signed int32. This is the form for hot loops: an int32 is always a
   * small integer to V8 and is never boxed, even when the call is not inlined, whereas a uint32
   * above 2^31 or a double result is allocated on the heap (measured: ~48 bytes of garbage per
   * packet in PacketSource.fill with three nextU32/nextFloat calls per packet).
   */
  nextI32(): number {
    const s = this.s;
    const s0 = s[0], s1 = s[1], s2 = s[2] ^ s0, s3 = s[3] ^ s1;
    const m = Math.imul(s1, 5);
    const r = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    s[0] = s0 ^ s3;
    s[1] = s1 ^ s2;
    s[2] = s2 ^ t;
    s[3] = (s3 << 11) | (s3 >>> 21);
    return r | 0;
  }

  /** Next 32 random bits as an unsigned integer in [0, 2^32). */
  nextU32(): number {
    return this.nextI32() >>> 0;
  }

  /** Uniform double in [0, 1) with 32 bits of resolution. */
  nextFloat(): number {
    return this.nextU32() * 2.3283064365386963e-10;
  }

  /**
   * Exponential variate with mean 1, by the ziggurat (traffic/exponential.ts).
   * Measured: see bench/prng.bench.ts (≈20 ns before, with -log(1 - u)).
   */
  nextExp(): number {
    const u = this.nextI32();
    const j = u >>> 8;
    const i = u & 255;
    if (j < ZIGGURAT_KE[i]) return j * ZIGGURAT_WE[i];
    exponentialSlowPathInto(u, this, this.scratch);
    return this.scratch[0];
  }

  /** Uniform integer in [0, n) for 0 < n ≤ 2^32. */
  nextBelow(n: number): number {
    return Math.floor(this.nextFloat() * n);
  }
}

/**
 * Derive a job's seed from (scenario seed, sweep point, replication), so a job's randomness does
 * not depend on how many workers run or in which order (murmur3's 32-bit finaliser as mixer).
 */
export function deriveSeed(seed: number, point: number, replication: number): number {
  let h = seed >>> 0;
  for (const v of [point, replication]) {
    h ^= Math.imul(v >>> 0, 0xcc9e2d51);
    h = Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64;
  }
  return murmurFinish(h, 0);
}
