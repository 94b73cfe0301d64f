// The published RSS verification suite (Microsoft RSS spec / Intel 82599 datasheet 7.1.2.8.3):
// every case, L3 and L3+L4, through every form of the hash. Inputs put SOURCE first, although
// the published tables list the destination first.
import { describe, expect, it } from "vitest";
import {
  MICROSOFT_RSS_KEY,
  defaultIndirection,
  hashIpv4,
  hashIpv4Ports,
  hashIpv4PortsBatch,
  hashIpv6,
  hashIpv6Ports,
  hashIpv6PortsAt,
  queueOf,
  toeplitzHash,
  toeplitzTable,
} from "../src/rss/index.js";
import { hex, ipv4Word, ipv6Words, suite, wireBytes } from "./rss-fixture.js";

const table = toeplitzTable(MICROSOFT_RSS_KEY);

describe("the suite's key", () => {
  it("is MICROSOFT_RSS_KEY", () => {
    expect(suite.key.length_bytes).toBe(40);
    expect(hex(MICROSOFT_RSS_KEY)).toBe(suite.key.hex);
    expect(Array.from(MICROSOFT_RSS_KEY)).toEqual(suite.key.bytes);
  });
});

describe("IPv4", () => {
  for (const c of suite.ipv4) {
    const src = ipv4Word(c.src_ip);
    const dst = ipv4Word(c.dst_ip);
    const l3 = wireBytes([src, dst]);
    const l3l4 = wireBytes([src, dst], [c.src_port, c.dst_port]);

    it(`case ${c.case}: the bytes fed are the suite's input bytes`, () => {
      expect(hex(l3)).toBe(c.input_l3_hex);
      expect(hex(l3l4)).toBe(c.input_l3l4_hex);
    });

    it(`case ${c.case}: L3 ${c.hash_l3}, L3+L4 ${c.hash_l3l4}`, () => {
      expect(Number(c.hash_l3)).toBe(c.hash_l3_u32);
      expect(Number(c.hash_l3l4)).toBe(c.hash_l3l4_u32);
      expect(hashIpv4(table, src, dst)).toBe(c.hash_l3_u32);
      expect(hashIpv4Ports(table, src, dst, c.src_port, c.dst_port)).toBe(c.hash_l3l4_u32);
      expect(toeplitzHash(table, l3)).toBe(c.hash_l3_u32);
      expect(toeplitzHash(table, l3l4)).toBe(c.hash_l3l4_u32);
      // The generic form with a length hashes a prefix: the first 8 bytes are the L3 input.
      expect(toeplitzHash(table, l3l4, 8)).toBe(c.hash_l3_u32);
    });

    it(`case ${c.case}: derived indirection indexes (128 entries)`, () => {
      const identity = defaultIndirection(128, 128);
      expect(queueOf(identity, c.hash_l3l4_u32)).toBe(c.derived_not_published.l3l4_index_in_128_entry_table);
      expect(queueOf(identity, c.hash_l3_u32)).toBe(c.derived_not_published.l3_index_in_128_entry_table);
    });
  }

  it("batch form gives every case, at every start position and an odd count", () => {
    const n = suite.ipv4.length;
    const src = Uint32Array.from(suite.ipv4, (c) => ipv4Word(c.src_ip));
    const dst = Uint32Array.from(suite.ipv4, (c) => ipv4Word(c.dst_ip));
    const sport = Uint16Array.from(suite.ipv4, (c) => c.src_port);
    const dport = Uint16Array.from(suite.ipv4, (c) => c.dst_port);
    const out = new Uint32Array(n + 1).fill(0xdeadbeef);
    hashIpv4PortsBatch(table, src, dst, sport, dport, out, n);
    expect(Array.from(out.subarray(0, n))).toEqual(suite.ipv4.map((c) => c.hash_l3l4_u32));
    expect(out[n]).toBe(0xdeadbeef); // nothing written past n

    for (let k = 0; k <= n; k++) {
      const part = new Uint32Array(n).fill(0);
      hashIpv4PortsBatch(table, src, dst, sport, dport, part, k);
      expect(Array.from(part.subarray(0, k))).toEqual(suite.ipv4.slice(0, k).map((c) => c.hash_l3l4_u32));
      expect(part.subarray(k).every((h) => h === 0)).toBe(true);
    }
  });

  it("case 1 with source and destination swapped gives 0xfde799b2, not the suite value", () => {
    const c = suite.ipv4[0];
    const swapped = hashIpv4Ports(table, ipv4Word(c.dst_ip), ipv4Word(c.src_ip), c.dst_port, c.src_port);
    expect(swapped).toBe(Number(suite.derived_extras_not_published.ipv4_case1_l3l4_swapped_src_dst_with_ms_key));
    expect(swapped).not.toBe(c.hash_l3l4_u32);
  });

  it("0x51ccc178 lands in entry 120 of a 128-entry table (its low 7 bits)", () => {
    expect(0x51ccc178 & 127).toBe(120);
    expect(queueOf(defaultIndirection(128, 128), 0x51ccc178)).toBe(120);
  });
});

describe("IPv6", () => {
  for (const c of suite.ipv6) {
    const src = ipv6Words(c.src_ip);
    const dst = ipv6Words(c.dst_ip);
    const l3 = wireBytes([...src, ...dst]);
    const l3l4 = wireBytes([...src, ...dst], [c.src_port, c.dst_port]);

    it(`case ${c.case}: the bytes fed are the suite's input bytes`, () => {
      expect(hex(l3)).toBe(c.input_l3_hex);
      expect(hex(l3l4)).toBe(c.input_l3l4_hex);
    });

    it(`case ${c.case}: L3 ${c.hash_l3}, L3+L4 ${c.hash_l3l4}`, () => {
      expect(Number(c.hash_l3)).toBe(c.hash_l3_u32);
      expect(Number(c.hash_l3l4)).toBe(c.hash_l3l4_u32);
      expect(hashIpv6(table, src, dst)).toBe(c.hash_l3_u32);
      expect(hashIpv6Ports(table, src, dst, c.src_port, c.dst_port)).toBe(c.hash_l3l4_u32);
      // Plain arrays work too (ArrayLike).
      expect(hashIpv6(table, Array.from(src), Array.from(dst))).toBe(c.hash_l3_u32);
      expect(toeplitzHash(table, l3)).toBe(c.hash_l3_u32);
      expect(toeplitzHash(table, l3l4)).toBe(c.hash_l3l4_u32);
    });

    it(`case ${c.case}: flat word column form, addresses at any offsets`, () => {
      const words = new Uint32Array(11);
      words.set(dst, 1); // destination first in the column, on purpose
      words.set(src, 6);
      expect(hashIpv6PortsAt(table, words, 6, 1, c.src_port, c.dst_port)).toBe(c.hash_l3l4_u32);
    });

    it(`case ${c.case}: derived indirection indexes (128 entries)`, () => {
      const identity = defaultIndirection(128, 128);
      expect(queueOf(identity, c.hash_l3l4_u32)).toBe(c.derived_not_published.l3l4_index_in_128_entry_table);
      expect(queueOf(identity, c.hash_l3_u32)).toBe(c.derived_not_published.l3_index_in_128_entry_table);
    });
  }
});
