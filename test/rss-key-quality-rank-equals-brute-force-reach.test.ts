// Key quality: the GF(2) rank of the key windows of a field's low q bits, restricted to the
// table's index bits, must equal log2 of the number of distinct table entries that brute force
// reaches — hashing all 2^q values of those bits through the real hash pass and taking
// hash mod size — for the Microsoft key, random keys, the symmetric key and a degenerate key.
import { describe, expect, it } from "vitest";
import {
  FIELDS_SDFN,
  MICROSOFT_RSS_KEY,
  QUALITY_FIELDS,
  SYMMETRIC_RSS_KEY,
  gf2Rank,
  hashFlowColumns,
  keyQuality,
  randomRssKey,
  rssHashProfile,
  type QualityField,
} from "../src/rss/index.js";
import { xorshift32 } from "./rss-reference.js";

const degenerate = new Uint8Array(40);
degenerate[9] = 0x80; // a single 1 bit: key bit 72
degenerate[10] = 0x01; // and key bit 87

const keys: ReadonlyArray<readonly [string, Uint8Array]> = [
  ["microsoft", MICROSOFT_RSS_KEY],
  ["random seed 1", randomRssKey(1)],
  ["random seed 2", randomRssKey(2)],
  ["random seed 3", randomRssKey(3)],
  ["symmetric", SYMMETRIC_RSS_KEY],
  ["degenerate", degenerate],
];

/** Distinct `hash mod size` over all 2^bits values of the field's low bits, other fields random. */
function bruteForceReach(key: Uint8Array, field: QualityField, bits: number, size: number, family: 4 | 6, next: () => number): number {
  const words = family === 4 ? 1 : 4;
  const n = 2 ** bits;
  const src = new Uint32Array(n * words);
  const dst = new Uint32Array(n * words);
  const sport = new Uint16Array(n);
  const dport = new Uint16Array(n);
  const base = { src: Array.from({ length: words }, () => next()), dst: Array.from({ length: words }, () => next()), sport: next() & 0xffff, dport: next() & 0xffff };
  for (let v = 0; v < n; v++) {
    for (let w = 0; w < words; w++) {
      src[v * words + w] = base.src[w];
      dst[v * words + w] = base.dst[w];
    }
    sport[v] = base.sport;
    dport[v] = base.dport;
    // The low `bits` bits of the field take the value v; the lowest bits are in the last word.
    const low = (x: number): number => ((x & ~(2 ** bits - 1)) | v) >>> 0;
    if (field === "src") src[v * words + words - 1] = low(base.src[words - 1]);
    if (field === "dst") dst[v * words + words - 1] = low(base.dst[words - 1]);
    if (field === "sport") sport[v] = low(base.sport);
    if (field === "dport") dport[v] = low(base.dport);
  }
  const out = new Uint32Array(n);
  hashFlowColumns(rssHashProfile(key, "toeplitz", FIELDS_SDFN, "none"), { count: n, words, src, dst, sport, dport }, out);
  return new Set(Array.from(out, (h) => h % size)).size;
}

describe("rank by elimination = brute-force reach", () => {
  for (const [name, key] of keys) {
    it(`${name} key: every field, q = 1..12, tables of 8, 128 and 512 entries, IPv4`, () => {
      const next = xorshift32(0xabc);
      let flagged = 0;
      for (const field of Object.keys(QUALITY_FIELDS) as QualityField[]) {
        for (let q = 1; q <= 12; q++) {
          for (const size of [8, 128, 512]) {
            const quality = keyQuality(key, field, q, size);
            const reach = bruteForceReach(key, field, q, size, 4, next);
            expect(reach, `${field} q=${q} size=${size}`).toBe(quality.reachable);
            expect(quality.flagged).toBe(quality.rank < Math.min(q, Math.log2(size)));
            if (quality.flagged) flagged++;
          }
        }
      }
      // The symmetric and the degenerate key must show reduced reach somewhere.
      if (name === "symmetric" || name === "degenerate") expect(flagged).toBeGreaterThan(0);
    });
  }

  it("IPv6 layout too (Microsoft and a random key, q up to 10, 128 entries)", () => {
    const next = xorshift32(0x6);
    for (const key of [MICROSOFT_RSS_KEY, randomRssKey(5)]) {
      for (const field of Object.keys(QUALITY_FIELDS) as QualityField[]) {
        for (let q = 1; q <= 10; q++) {
          expect(bruteForceReach(key, field, q, 128, 6, next)).toBe(keyQuality(key, field, q, 128, { family: 6 }).reachable);
        }
      }
    }
  });
});

describe("gf2Rank", () => {
  it("ranks small hand-made sets", () => {
    expect(gf2Rank([])).toBe(0);
    expect(gf2Rank([0, 0])).toBe(0);
    expect(gf2Rank([0b1, 0b10, 0b11])).toBe(2);
    expect(gf2Rank([0b110, 0b011, 0b101])).toBe(2);
    expect(gf2Rank([0x80000000, 0x40000000, 0xc0000000, 1])).toBe(3);
  });
});
