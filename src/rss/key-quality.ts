/**
 * Key quality: can a burst of flows that differ only in the low q bits of one field (consecutive
 * source ports, say) reach every indirection-table entry it could?
 *
 * The Toeplitz hash is linear over GF(2): hash(x ⊕ δ) = hash(x) ⊕ hash(δ), and hash(δ) is the
 * XOR of the key windows (the 32 key bits starting at key bit i) of the input bits i set in δ.
 * Flipping only the low q bits of a field therefore moves the hash inside the affine space
 * hash(x) ⊕ span{window(i) : i one of those q input bits}. The table index is `hash mod size`,
 * the low k = log2(size) hash bits, so the entries such a burst can reach are
 * index(x) ⊕ span{low k bits of those windows}: exactly 2^r entries, r the GF(2) rank of that
 * k × q matrix M. At most 2^min(q, k) entries are possible; a key with r below min(q, k) wastes
 * table entries (and so queues) on such bursts, whatever x is. Those keys are flagged.
 *
 * Cold code; the tests check the rank against brute force over all 2^q values.
 */
import { FIELD_DPORT, FIELD_DST, FIELD_SPORT, FIELD_SRC, FIELDS_SDFN, fieldPosition } from "./fields.js";

/** The fields a burst may vary. */
export const QUALITY_FIELDS = { src: FIELD_SRC, dst: FIELD_DST, sport: FIELD_SPORT, dport: FIELD_DPORT } as const;
export type QualityField = keyof typeof QUALITY_FIELDS;

export interface KeyQuality {
  readonly field: QualityField;
  /** Low bits of the field that vary. */
  readonly bits: number;
  /** Index bits: log2 of the table size. */
  readonly indexBits: number;
  /** Input bit positions of the varied bits, least significant field bit first; empty when the field is not hashed. */
  readonly inputBits: readonly number[];
  /** GF(2) rank of the index bits' sub-matrix of the key windows. */
  readonly rank: number;
  /** Table entries a burst reaches: 2^rank. */
  readonly reachable: number;
  /** Table entries a burst could reach: 2^min(bits, indexBits). */
  readonly possible: number;
  /** rank < min(bits, indexBits). */
  readonly flagged: boolean;
}

/** The 32 key bits starting at key bit `i` (bits past the key's end read as 0, as in toeplitz.ts). */
export function keyWindow(key: Uint8Array, i: number): number {
  let w = 0;
  for (let b = 0; b < 32; b++) {
    const bit = i + b;
    const v = bit < key.length * 8 ? (key[bit >>> 3] >>> (7 - (bit & 7))) & 1 : 0;
    w = (w << 1) | v;
  }
  return w >>> 0;
}

/** Rank over GF(2) of a set of bit vectors (each ≤ 32 bits), by Gaussian elimination. */
export function gf2Rank(vectors: readonly number[]): number {
  // basis[b] holds a reduced vector whose highest set bit is b, or 0.
  const basis = new Uint32Array(32);
  let rank = 0;
  for (const vector of vectors) {
    let v = vector >>> 0;
    for (let b = 31; b >= 0 && v !== 0; b--) {
      if (((v >>> b) & 1) === 0) continue;
      if (basis[b] === 0) {
        basis[b] = v;
        rank++;
        v = 0;
      } else {
        v = (v ^ basis[b]) >>> 0;
      }
    }
  }
  return rank;
}

/**
 * Key quality for a burst over the low `bits` bits of `field`, a table of `indirSize` entries
 * (a power of two), inputs laid out for `fields` (default the 4-tuple) and `family`.
 *
 * @throws RangeError when `bits` is not in 1..field width or `indirSize` is not a power of two
 *   from 1 to 2^16.
 */
export function keyQuality(
  key: Uint8Array,
  field: QualityField,
  bits: number,
  indirSize: number,
  options: { readonly fields?: number; readonly family?: 4 | 6 } = {},
): KeyQuality {
  const fields = options.fields ?? FIELDS_SDFN;
  const family = options.family ?? 4;
  const width = field === "sport" || field === "dport" ? 16 : family === 4 ? 32 : 128;
  if (!Number.isInteger(bits) || bits < 1 || bits > width) throw new RangeError(`bits must be an integer from 1 to ${width} for ${field}, got ${bits}`);
  if (!Number.isInteger(indirSize) || indirSize < 1 || indirSize > 65536 || (indirSize & (indirSize - 1)) !== 0) {
    throw new RangeError(`table size must be a power of two from 1 to 65536, got ${indirSize}`);
  }
  const indexBits = 31 - Math.clz32(indirSize);
  const mask = indexBits === 0 ? 0 : (2 ** indexBits - 1) >>> 0;
  const position = fieldPosition(fields, QUALITY_FIELDS[field], family);
  const inputBits: number[] = [];
  if (position !== undefined) {
    // Field bit b (0 = least significant) is input bit offset + width - 1 - b (MSB first).
    for (let b = 0; b < bits; b++) inputBits.push(position.offsetBits + position.widthBits - 1 - b);
  }
  const rank = gf2Rank(inputBits.map((i) => (keyWindow(key, i) & mask) >>> 0));
  const full = Math.min(bits, indexBits);
  return { field, bits, indexBits, inputBits, rank, reachable: 2 ** rank, possible: 2 ** full, flagged: rank < full };
}
