// hfunc xor, as nicsim defines it (src/rss/profile.ts): the XOR of the selected input's 32-bit
// big-endian words, the last word zero-padded; the key plays no part.
import { describe, expect, it } from "vitest";
import { FIELDS_SD, FIELDS_SDFN, MICROSOFT_RSS_KEY, SYMMETRIC_RSS_KEY, hashTuple, parseHashFields, rssHashProfile } from "../src/rss/index.js";
import { ipv4Word, ipv6Words, suite } from "./rss-fixture.js";

const c = suite.ipv4[0]; // 66.9.149.187:2794 -> 161.142.100.80:1766
const src = [ipv4Word(c.src_ip)];
const dst = [ipv4Word(c.dst_ip)];

describe("hfunc xor", () => {
  it("IPv4 sdfn: src ^ dst ^ (sport << 16 | dport) = 0xe96df70d for suite case 1", () => {
    const profile = rssHashProfile(MICROSOFT_RSS_KEY, "xor", FIELDS_SDFN, "none");
    expect((0x420995bb ^ 0xa18e6450 ^ ((2794 << 16) | 1766)) >>> 0).toBe(0xe96df70d);
    expect(hashTuple(profile, src, dst, c.src_port, c.dst_port)).toBe(0xe96df70d);
  });

  it("IPv4 sd: src ^ dst", () => {
    const profile = rssHashProfile(MICROSOFT_RSS_KEY, "xor", FIELDS_SD, "none");
    expect(hashTuple(profile, src, dst, c.src_port, c.dst_port)).toBe((src[0] ^ dst[0]) >>> 0);
  });

  it("an input that ends mid-word is zero-padded: sdf = src ^ dst ^ (sport << 16)", () => {
    const profile = rssHashProfile(MICROSOFT_RSS_KEY, "xor", parseHashFields("sdf"), "none");
    expect(hashTuple(profile, src, dst, c.src_port, c.dst_port)).toBe((src[0] ^ dst[0] ^ (c.src_port << 16)) >>> 0);
  });

  it("IPv6 sdfn: the XOR of the 8 address words and the port word", () => {
    const v6 = suite.ipv6[0];
    const s = ipv6Words(v6.src_ip);
    const d = ipv6Words(v6.dst_ip);
    const expected = [...s, ...d, (v6.src_port << 16) | v6.dst_port].reduce((h, w) => h ^ w, 0) >>> 0;
    const profile = rssHashProfile(MICROSOFT_RSS_KEY, "xor", FIELDS_SDFN, "none");
    expect(hashTuple(profile, s, d, v6.src_port, v6.dst_port)).toBe(expected);
  });

  it("does not depend on the key", () => {
    const a = rssHashProfile(MICROSOFT_RSS_KEY, "xor", FIELDS_SDFN, "none");
    const b = rssHashProfile(SYMMETRIC_RSS_KEY, "xor", FIELDS_SDFN, "none");
    expect(hashTuple(a, src, dst, c.src_port, c.dst_port)).toBe(hashTuple(b, src, dst, c.src_port, c.dst_port));
  });
});
