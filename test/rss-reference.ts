/**
 * Shared by the rss-* tests of hash-field selection, hfuncs and key quality: a per-bit
 * reference Toeplitz (the MS pseudocode's shift-register form), an independent byte layout of
 * the selected fields, and a small seeded PRNG.
 */

/** Toeplitz one bit at a time: XOR in the 32 key bits at each set input bit. */
export function referenceToeplitz(key: Uint8Array, input: Uint8Array): number {
  const keyBit = (i: number): number => (i < key.length * 8 ? (key[i >> 3] >> (7 - (i & 7))) & 1 : 0);
  let result = 0;
  for (let i = 0; i < input.length * 8; i++) {
    if (((input[i >> 3] >> (7 - (i & 7))) & 1) === 0) continue;
    let window = 0;
    for (let b = 0; b < 32; b++) window = ((window << 1) | keyBit(i + b)) >>> 0;
    result = (result ^ window) >>> 0;
  }
  return result;
}

/** The selected fields' bytes, built field by field from text letters (s, d, f, n in that order). */
export function layoutBytes(letters: string, src: readonly number[], dst: readonly number[], sport: number, dport: number): Uint8Array {
  const bytes: number[] = [];
  const word = (w: number): void => void bytes.push((w >>> 24) & 255, (w >>> 16) & 255, (w >>> 8) & 255, w & 255);
  if (letters.includes("s")) src.forEach(word);
  if (letters.includes("d")) dst.forEach(word);
  if (letters.includes("f")) bytes.push(sport >> 8, sport & 255);
  if (letters.includes("n")) bytes.push(dport >> 8, dport & 255);
  return Uint8Array.from(bytes);
}

/** Every non-empty subset of "sdfn", as letters in input order. */
export const ALL_FIELD_SETS: readonly string[] = Array.from({ length: 15 }, (_, i) =>
  ["s", "d", "f", "n"].filter((_l, b) => ((i + 1) >> b) & 1).join(""),
);

/** xorshift32: the same cases on every run, no Math.random. */
export function xorshift32(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}
