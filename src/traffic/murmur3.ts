/**
 * MurmurHash3's 32-bit steps (Austin Appleby, MurmurHash3_x86_32): a block mix and the
 * finaliser. Used where nicsim needs a fast keyed 32-bit hash whose exact values do not matter,
 * only their spread: seeds per job (traffic/prng.ts `deriveSeed`) and the stack's software flow
 * hash (rps/skb-hash.ts).
 */

/** Mix one 32-bit block `k` into the running hash `h`. */
export function murmurMix(h: number, k: number): number {
  let x = Math.imul(k, 0xcc9e2d51);
  x = (x << 15) | (x >>> 17);
  x = Math.imul(x, 0x1b873593);
  const y = h ^ x;
  return (Math.imul((y << 13) | (y >>> 19), 5) + 0xe6546b64) | 0;
}

/** The finaliser (fmix32) after `bytes` bytes were mixed in: an unsigned 32-bit hash. */
export function murmurFinish(h: number, bytes: number): number {
  let x = h ^ bytes;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}
