// The flow-set pass (hashFlowColumns) picks a form per flow set: table-driven word forms for
// "sd" and "sdfn", IPv4 and IPv6. Every form, and the generic gathered-bytes path fed the same
// selections, must give the published suite's L3 ("sd") and L3+L4 ("sdfn") hashes.
import { describe, expect, it } from "vitest";
import {
  FIELDS_SD,
  FIELDS_SDFN,
  MICROSOFT_RSS_KEY,
  hashColumnsBytes,
  hashFlowColumns,
  hashTuple,
  rssHashProfile,
  type FlowColumns,
} from "../src/rss/index.js";
import { ipv4Word, ipv6Words, suite, type VectorCase } from "./rss-fixture.js";

function columns(cases: readonly VectorCase[], family: 4 | 6): FlowColumns {
  const words = family === 4 ? 1 : 4;
  const src = new Uint32Array(cases.length * words);
  const dst = new Uint32Array(cases.length * words);
  cases.forEach((c, i) => {
    src.set(family === 4 ? [ipv4Word(c.src_ip)] : ipv6Words(c.src_ip), i * words);
    dst.set(family === 4 ? [ipv4Word(c.dst_ip)] : ipv6Words(c.dst_ip), i * words);
  });
  return {
    count: cases.length,
    words,
    src,
    dst,
    sport: Uint16Array.from(cases, (c) => c.src_port),
    dport: Uint16Array.from(cases, (c) => c.dst_port),
  };
}

const l3 = rssHashProfile(MICROSOFT_RSS_KEY, "toeplitz", FIELDS_SD, "none");
const l4 = rssHashProfile(MICROSOFT_RSS_KEY, "toeplitz", FIELDS_SDFN, "none");

for (const [family, cases] of [[4, suite.ipv4], [6, suite.ipv6]] as const) {
  describe(`IPv${family}, all cases in one pass`, () => {
    const cols = columns(cases, family);

    it(`sd uses the ipv${family}-sd form and gives the L3 hashes`, () => {
      const out = new Uint32Array(cases.length);
      expect(hashFlowColumns(l3, cols, out)).toBe(`ipv${family}-sd`);
      expect(Array.from(out)).toEqual(cases.map((c) => c.hash_l3_u32));
    });

    it(`sdfn uses the ipv${family}-sdfn form and gives the L3+L4 hashes`, () => {
      const out = new Uint32Array(cases.length);
      expect(hashFlowColumns(l4, cols, out)).toBe(`ipv${family}-sdfn`);
      expect(Array.from(out)).toEqual(cases.map((c) => c.hash_l3l4_u32));
    });

    it("the generic gathered-bytes path agrees for sd and sdfn", () => {
      const out = new Uint32Array(cases.length);
      hashColumnsBytes(l3.table, FIELDS_SD, cols, out, cases.length, new Uint8Array(36));
      expect(Array.from(out)).toEqual(cases.map((c) => c.hash_l3_u32));
      hashColumnsBytes(l4.table, FIELDS_SDFN, cols, out, cases.length, new Uint8Array(36));
      expect(Array.from(out)).toEqual(cases.map((c) => c.hash_l3l4_u32));
    });

    it("a pass writes exactly count entries, for every count", () => {
      for (let k = 0; k <= cases.length; k++) {
        const part: FlowColumns = { ...cols, count: k };
        const out = new Uint32Array(cases.length + 1).fill(0xdeadbeef);
        hashFlowColumns(l4, part, out);
        expect(Array.from(out.subarray(0, k))).toEqual(cases.slice(0, k).map((c) => c.hash_l3l4_u32));
        expect(out.subarray(k).every((h) => h === 0xdeadbeef)).toBe(true);
      }
    });
  });
}

describe("one tuple", () => {
  it("suite case 1 through hashTuple: 0x51ccc178 (sdfn), 0x323e8fc2 (sd)", () => {
    const c = suite.ipv4[0];
    expect(hashTuple(l4, [ipv4Word(c.src_ip)], [ipv4Word(c.dst_ip)], c.src_port, c.dst_port)).toBe(0x51ccc178);
    expect(hashTuple(l3, [ipv4Word(c.src_ip)], [ipv4Word(c.dst_ip)], c.src_port, c.dst_port)).toBe(0x323e8fc2);
  });
});
