// A key with a 16-bit period (0x6d,0x5a repeated) makes the Toeplitz hash symmetric:
// hash(src, dst, sport, dport) == hash(dst, src, dport, sport), because source and destination
// fields sit a multiple of 16 bits apart. The 32-bit result then repeats its 16-bit half.
import { describe, expect, it } from "vitest";
import { hashIpv4, hashIpv4Ports, hashIpv6, hashIpv6Ports, parseRssKey, toeplitzTable } from "../src/rss/index.js";
import { ipv4Word, ipv6Words, suite } from "./rss-fixture.js";

const symmetricKey = parseRssKey(suite.derived_extras_not_published.symmetric_key.hex);
const table = toeplitzTable(symmetricKey);
const halvesEqual = (h: number): boolean => h >>> 16 === (h & 0xffff);

describe("symmetric key 0x6d5a x 20", () => {
  it("is 40 bytes of 6d 5a", () => {
    expect(symmetricKey.length).toBe(40);
    for (let i = 0; i < 40; i++) expect(symmetricKey[i]).toBe(i % 2 === 0 ? 0x6d : 0x5a);
  });

  it("IPv4 case 1 hashes to 0x9fcc9fcc in both directions", () => {
    const c = suite.ipv4[0];
    const extras = suite.derived_extras_not_published.symmetric_key;
    const s = ipv4Word(c.src_ip);
    const d = ipv4Word(c.dst_ip);
    expect(hashIpv4Ports(table, s, d, c.src_port, c.dst_port)).toBe(Number(extras.ipv4_case1_l3l4_forward));
    expect(hashIpv4Ports(table, d, s, c.dst_port, c.src_port)).toBe(Number(extras.ipv4_case1_l3l4_reverse));
  });

  for (const c of suite.ipv4) {
    it(`IPv4 case ${c.case}: forward == reverse, upper 16 bits == lower 16 bits`, () => {
      const s = ipv4Word(c.src_ip);
      const d = ipv4Word(c.dst_ip);
      const fwd = hashIpv4Ports(table, s, d, c.src_port, c.dst_port);
      expect(hashIpv4Ports(table, d, s, c.dst_port, c.src_port)).toBe(fwd);
      expect(halvesEqual(fwd)).toBe(true);
      const l3 = hashIpv4(table, s, d);
      expect(hashIpv4(table, d, s)).toBe(l3);
      expect(halvesEqual(l3)).toBe(true);
    });
  }

  for (const c of suite.ipv6) {
    it(`IPv6 case ${c.case}: forward == reverse, upper 16 bits == lower 16 bits`, () => {
      const s = ipv6Words(c.src_ip);
      const d = ipv6Words(c.dst_ip);
      const fwd = hashIpv6Ports(table, s, d, c.src_port, c.dst_port);
      expect(hashIpv6Ports(table, d, s, c.dst_port, c.src_port)).toBe(fwd);
      expect(halvesEqual(fwd)).toBe(true);
      const l3 = hashIpv6(table, s, d);
      expect(hashIpv6(table, d, s)).toBe(l3);
      expect(halvesEqual(l3)).toBe(true);
    });
  }

  it("the Microsoft key is not symmetric (control)", () => {
    const ms = toeplitzTable(parseRssKey(suite.key.hex));
    const c = suite.ipv4[0];
    const s = ipv4Word(c.src_ip);
    const d = ipv4Word(c.dst_ip);
    expect(hashIpv4Ports(ms, d, s, c.dst_port, c.src_port)).not.toBe(hashIpv4Ports(ms, s, d, c.src_port, c.dst_port));
  });
});
