// Selections other than sd and sdfn go through the generic path: the selected fields gathered
// in the order src, dst, sport, dport (network byte order) and hashed byte by byte. Checked
// against a per-bit reference over an independently built layout, for every non-empty subset
// of sdfn, IPv4 and IPv6, the Microsoft key and random keys.
import { describe, expect, it } from "vitest";
import { MICROSOFT_RSS_KEY, hashFlowColumns, hashFormOf, parseHashFields, rssHashProfile } from "../src/rss/index.js";
import { ALL_FIELD_SETS, layoutBytes, referenceToeplitz, xorshift32 } from "./rss-reference.js";

const next = xorshift32(0x5eed);
const randomKey = (): Uint8Array => Uint8Array.from({ length: 52 }, () => next() & 255);
const keys: ReadonlyArray<readonly [string, Uint8Array]> = [
  ["microsoft", MICROSOFT_RSS_KEY],
  ["random 1", randomKey()],
  ["random 2", randomKey()],
];

describe("every field selection hashes its fields in input order", () => {
  for (const [name, key] of keys) {
    for (const family of [4, 6] as const) {
      for (const letters of ALL_FIELD_SETS) {
        it(`${name} key, IPv${family}, "${letters}"`, () => {
          const profile = rssHashProfile(key, "toeplitz", parseHashFields(letters), "none");
          const words = family === 4 ? 1 : 4;
          const n = 20;
          const src = Uint32Array.from({ length: n * words }, () => next());
          const dst = Uint32Array.from({ length: n * words }, () => next());
          const sport = Uint16Array.from({ length: n }, () => next() & 0xffff);
          const dport = Uint16Array.from({ length: n }, () => next() & 0xffff);
          const out = new Uint32Array(n);
          const form = hashFlowColumns(profile, { count: n, words, src, dst, sport, dport }, out);
          expect(form).toBe(hashFormOf(profile, words));
          for (let f = 0; f < n; f++) {
            const input = layoutBytes(
              letters,
              Array.from(src.subarray(f * words, (f + 1) * words)),
              Array.from(dst.subarray(f * words, (f + 1) * words)),
              sport[f],
              dport[f],
            );
            expect(out[f]).toBe(referenceToeplitz(key, input));
          }
        });
      }
    }
  }

  it("sd and sdfn take the table-driven word forms; the rest the gathered-bytes form", () => {
    const form = (letters: string, words: 1 | 4): string =>
      hashFormOf(rssHashProfile(MICROSOFT_RSS_KEY, "toeplitz", parseHashFields(letters), "none"), words);
    expect(form("sd", 1)).toBe("ipv4-sd");
    expect(form("sdfn", 1)).toBe("ipv4-sdfn");
    expect(form("sd", 4)).toBe("ipv6-sd");
    expect(form("sdfn", 4)).toBe("ipv6-sdfn");
    for (const letters of ALL_FIELD_SETS.filter((l) => l !== "sd" && l !== "sdfn")) expect(form(letters, 1)).toBe("toeplitz-bytes");
  });
});
