// The kernel's input_xfrm (ethtool -X xfrm): symmetric-xor feeds (sip^dip, sip^dip, sp^dp,
// sp^dp) and symmetric-or-xor (sip|dip, sip^dip, sp|dp, sp^dp) to the normal hash, so a flow
// and its reverse hash alike — with any key, unlike the 6d5a key trick.
import { describe, expect, it } from "vitest";
import {
  FIELDS_SD,
  FIELDS_SDFN,
  MICROSOFT_RSS_KEY,
  hashIpv4Ports,
  hashTuple,
  rssHashProfile,
  toeplitzTable,
} from "../src/rss/index.js";
import { ipv4Word, ipv6Words, suite } from "./rss-fixture.js";

const table = toeplitzTable(MICROSOFT_RSS_KEY);

describe("input_xfrm", () => {
  it("symmetric-xor hashes (s^d, s^d, sp^dp, sp^dp) of suite case 1", () => {
    const c = suite.ipv4[0];
    const s = ipv4Word(c.src_ip);
    const d = ipv4Word(c.dst_ip);
    const profile = rssHashProfile(MICROSOFT_RSS_KEY, "toeplitz", FIELDS_SDFN, "symmetric-xor");
    const x = (s ^ d) >>> 0;
    const p = c.src_port ^ c.dst_port;
    expect(hashTuple(profile, [s], [d], c.src_port, c.dst_port)).toBe(hashIpv4Ports(table, x, x, p, p));
  });

  it("symmetric-or-xor hashes (s|d, s^d, sp|dp, sp^dp) of suite case 1", () => {
    const c = suite.ipv4[0];
    const s = ipv4Word(c.src_ip);
    const d = ipv4Word(c.dst_ip);
    const profile = rssHashProfile(MICROSOFT_RSS_KEY, "toeplitz", FIELDS_SDFN, "symmetric-or-xor");
    const expected = hashIpv4Ports(table, (s | d) >>> 0, (s ^ d) >>> 0, c.src_port | c.dst_port, c.src_port ^ c.dst_port);
    expect(hashTuple(profile, [s], [d], c.src_port, c.dst_port)).toBe(expected);
  });

  for (const xfrm of ["symmetric-xor", "symmetric-or-xor"] as const) {
    for (const fields of [FIELDS_SD, FIELDS_SDFN]) {
      it(`${xfrm}, fields ${fields === FIELDS_SD ? "sd" : "sdfn"}: every suite case hashes the same in both directions`, () => {
        const profile = rssHashProfile(MICROSOFT_RSS_KEY, "toeplitz", fields, xfrm);
        for (const c of suite.ipv4) {
          const s = [ipv4Word(c.src_ip)];
          const d = [ipv4Word(c.dst_ip)];
          expect(hashTuple(profile, s, d, c.src_port, c.dst_port)).toBe(hashTuple(profile, d, s, c.dst_port, c.src_port));
        }
        for (const c of suite.ipv6) {
          const s = ipv6Words(c.src_ip);
          const d = ipv6Words(c.dst_ip);
          expect(hashTuple(profile, s, d, c.src_port, c.dst_port)).toBe(hashTuple(profile, d, s, c.dst_port, c.src_port));
        }
      });
    }
  }

  it("without a transform the Microsoft key is not symmetric", () => {
    const profile = rssHashProfile(MICROSOFT_RSS_KEY, "toeplitz", FIELDS_SDFN, "none");
    const c = suite.ipv4[0];
    const s = [ipv4Word(c.src_ip)];
    const d = [ipv4Word(c.dst_ip)];
    expect(hashTuple(profile, d, s, c.dst_port, c.src_port)).toBe(0xfde799b2);
    expect(hashTuple(profile, s, d, c.src_port, c.dst_port)).toBe(0x51ccc178);
  });
});
