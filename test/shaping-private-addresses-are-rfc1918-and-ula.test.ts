import { describe, expect, it } from "vitest";
import { classifyPrefix, classifyPrefixes, isPrivateIpv4, isPrivateIpv6 } from "../src/shaping/index.js";
import { ipv4, ipv6Words, prefix } from "./shaping-helpers.js";

/** Private = RFC 1918 (IPv4) or unique local fc00::/7 (IPv6); everything else is public. */
describe("private addresses are RFC 1918 and IPv6 ULA", () => {
  it.each([
    ["10.0.0.0", true],
    ["10.255.255.255", true],
    ["9.255.255.255", false],
    ["11.0.0.0", false],
    ["172.16.0.0", true],
    ["172.31.255.255", true],
    ["172.15.255.255", false],
    ["172.32.0.0", false],
    ["192.168.0.1", true],
    ["192.168.255.255", true],
    ["192.167.255.255", false],
    ["192.169.0.0", false],
    ["100.64.0.1", false], // RFC 6598 shared address space: public by this rule
    ["169.254.1.1", false],
    ["127.0.0.1", false],
    ["8.8.8.8", false],
    ["255.255.255.255", false],
  ])("IPv4 %s private: %s", (text, expected) => {
    expect(isPrivateIpv4(ipv4(text))).toBe(expected);
    expect(classifyPrefix(prefix(text))).toBe(expected ? "private" : "public");
  });

  it.each([
    ["fc00::", true],
    ["fd12:3456:789a::1", true],
    ["fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true],
    ["fbff:ffff::1", false],
    ["fe00::", false],
    ["fe80::1", false], // link-local
    ["2001:db8::1", false],
    ["::1", false],
    ["::ffff:a00:1", false], // IPv4-mapped 10.0.0.1: classified as IPv6, public
  ])("IPv6 %s private: %s", (text, expected) => {
    expect(isPrivateIpv6(ipv6Words(text)[0])).toBe(expected);
    expect(classifyPrefix(prefix(text))).toBe(expected ? "private" : "public");
  });

  it.each([
    ["10.0.0.0/8", "private"],
    ["10.1.0.0/16", "private"],
    ["172.16.0.0/12", "private"],
    ["172.20.0.0/14", "private"],
    ["192.168.0.0/16", "private"],
    ["172.0.0.0/8", "mixed"], // contains 172.16.0.0/12
    ["192.168.0.0/15", "mixed"], // 192.168/16 and 192.169/16
    ["0.0.0.0/0", "mixed"],
    ["8.0.0.0/8", "public"],
    ["100.64.0.0/10", "public"],
    ["172.32.0.0/11", "public"],
    ["fc00::/7", "private"],
    ["fd00::/8", "private"],
    ["fc00::/6", "mixed"],
    ["::/0", "mixed"],
    ["2000::/3", "public"],
  ])("prefix %s is %s", (text, expected) => {
    expect(classifyPrefix(prefix(text))).toBe(expected);
  });

  it("a pool of prefixes: private or public when all agree, mixed otherwise", () => {
    expect(classifyPrefixes([prefix("10.0.0.0/8"), prefix("192.168.1.0/24")])).toBe("private");
    expect(classifyPrefixes([prefix("8.8.8.0/24"), prefix("1.1.1.1")])).toBe("public");
    expect(classifyPrefixes([prefix("10.0.0.0/8"), prefix("8.8.8.8")])).toBe("mixed");
    expect(classifyPrefixes([prefix("0.0.0.0/0")])).toBe("mixed");
  });
});
