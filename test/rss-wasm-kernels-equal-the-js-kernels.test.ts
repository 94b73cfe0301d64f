/**
 * The WebAssembly Toeplitz kernels (src/rss/toeplitz-wasm.ts) give the JS kernels' hashes bit
 * for bit: for every word form, random keys, random flows (more than one chunk, odd counts),
 * and the published verification suite through `hashFlowColumns`, which takes the WebAssembly
 * path for large flow sets.
 */
import { describe, expect, it } from "vitest";
import { FIELDS_SD, FIELDS_SDFN } from "../src/rss/fields.js";
import { hashColumnsIpv4Sd, hashColumnsIpv6Sd, hashColumnsIpv6Sdfn, hashFlowColumns } from "../src/rss/flow-hash.js";
import { rssHashProfile } from "../src/rss/profile.js";
import { MICROSOFT_RSS_KEY } from "../src/rss/key.js";
import { hashIpv4PortsBatch, toeplitzTable } from "../src/rss/toeplitz.js";
import { hashWordFormsWasm, wasmKernelsAvailable, type WordForm } from "../src/rss/toeplitz-wasm.js";
import { Prng } from "../src/traffic/prng.js";
import { ipv4Word, ipv6Words, suite } from "./rss-fixture.js";

function randomColumns(rng: Prng, n: number, words: 1 | 4) {
  const fill32 = (a: Uint32Array): Uint32Array => a.map(() => rng.nextU32());
  return {
    count: n,
    words,
    src: fill32(new Uint32Array(n * words)),
    dst: fill32(new Uint32Array(n * words)),
    sport: new Uint16Array(n).map(() => rng.nextU32() & 0xffff),
    dport: new Uint16Array(n).map(() => rng.nextU32() & 0xffff),
  };
}

function jsKernel(form: WordForm, t: Uint32Array, c: ReturnType<typeof randomColumns>, out: Uint32Array): void {
  if (form === "ipv4-sd") hashColumnsIpv4Sd(t, c.src, c.dst, out, c.count);
  else if (form === "ipv4-sdfn") hashIpv4PortsBatch(t, c.src, c.dst, c.sport, c.dport, out, c.count);
  else if (form === "ipv6-sd") hashColumnsIpv6Sd(t, c.src, c.dst, out, c.count);
  else hashColumnsIpv6Sdfn(t, c.src, c.dst, c.sport, c.dport, out, c.count);
}

describe("the WebAssembly Toeplitz kernels equal the JS kernels", () => {
  it("are available on Node 20", () => {
    expect(wasmKernelsAvailable()).toBe(true);
  });

  for (const form of ["ipv4-sd", "ipv4-sdfn", "ipv6-sd", "ipv6-sdfn"] as const) {
    it(`${form}: random keys, 1 to 9,001 flows`, () => {
      const rng = new Prng(0x5eed, form.length);
      for (const n of [1, 2, 63, 4096, 4097, 9001]) {
        const key = Uint8Array.from({ length: 40 }, () => rng.nextU32() & 255);
        const table = toeplitzTable(key);
        const cols = randomColumns(rng, n, form.startsWith("ipv6") ? 4 : 1);
        const want = new Uint32Array(n);
        jsKernel(form, table, cols, want);
        const got = new Uint32Array(n);
        expect(hashWordFormsWasm(form, table, cols.src, cols.dst, cols.sport, cols.dport, got, n)).toBe(true);
        expect(Buffer.from(got.buffer).equals(Buffer.from(want.buffer)), `${form}, ${n} flows`).toBe(true);
      }
    });
  }

  it("the published verification suite, IPv4 and IPv6, as flow sets large enough for the WebAssembly path", () => {
    const reps = 100; // each case repeated: the sets cross the size where hashFlowColumns takes WebAssembly
    for (const family of [4, 6] as const) {
      const cases = family === 4 ? suite.ipv4 : suite.ipv6;
      const words = family === 4 ? 1 : 4;
      const n = cases.length * reps;
      const cols = { count: n, words, src: new Uint32Array(n * words), dst: new Uint32Array(n * words), sport: new Uint16Array(n), dport: new Uint16Array(n) } as const;
      for (let i = 0; i < n; i++) {
        const v = cases[i % cases.length];
        cols.src.set(family === 4 ? [ipv4Word(v.src_ip)] : ipv6Words(v.src_ip), i * words);
        cols.dst.set(family === 4 ? [ipv4Word(v.dst_ip)] : ipv6Words(v.dst_ip), i * words);
        cols.sport[i] = v.src_port;
        cols.dport[i] = v.dst_port;
      }
      const sd = new Uint32Array(n);
      const sdfn = new Uint32Array(n);
      expect(hashFlowColumns(rssHashProfile(MICROSOFT_RSS_KEY, "toeplitz", FIELDS_SD, "none"), cols, sd)).toBe(family === 4 ? "ipv4-sd" : "ipv6-sd");
      hashFlowColumns(rssHashProfile(MICROSOFT_RSS_KEY, "toeplitz", FIELDS_SDFN, "none"), cols, sdfn);
      for (let i = 0; i < n; i++) {
        const v = cases[i % cases.length];
        expect(sd[i]).toBe(v.hash_l3_u32);
        expect(sdfn[i]).toBe(v.hash_l3l4_u32);
      }
    }
  });
});
