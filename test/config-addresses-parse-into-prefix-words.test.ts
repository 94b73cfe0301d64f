import { describe, expect, it } from "vitest";
import { parseInterfaceAddress, parsePoolPrefix, prefixContains } from "../src/config/addresses.js";

describe("addresses parse into prefix words", () => {
  it("an interface address keeps its host bits", () => {
    expect(parseInterfaceAddress("10.0.0.19/24", "a")).toEqual({ family: 4, words: [0x0a000013], length: 24, text: "10.0.0.19/24" });
  });

  it("a pool clears its host bits; a plain address is a /32 or /128", () => {
    expect(parsePoolPrefix("10.0.0.19/24", "p")).toEqual({ family: 4, words: [0x0a000000], length: 24, text: "10.0.0.19/24" });
    expect(parsePoolPrefix("255.255.255.255", "p")).toEqual({ family: 4, words: [0xffffffff], length: 32, text: "255.255.255.255" });
    expect(parsePoolPrefix("2001:db8::ffff/120", "p").words).toEqual([0x20010db8, 0, 0, 0xff00]);
    expect(parsePoolPrefix("::1", "p")).toEqual({ family: 6, words: [0, 0, 0, 1], length: 128, text: "::1" });
    expect(parsePoolPrefix("0.0.0.0/0", "p")).toEqual({ family: 4, words: [0], length: 0, text: "0.0.0.0/0" });
  });

  it("containment compares the outer prefix's network bits", () => {
    const nic = parseInterfaceAddress("10.0.0.19/24", "a");
    expect(prefixContains(nic, parsePoolPrefix("10.0.0.200", "p"))).toBe(true);
    expect(prefixContains(nic, parsePoolPrefix("10.0.0.0/25", "p"))).toBe(true);
    expect(prefixContains(nic, parsePoolPrefix("10.0.1.1", "p"))).toBe(false);
    expect(prefixContains(nic, parsePoolPrefix("10.0.0.0/23", "p"))).toBe(false);
    expect(prefixContains(nic, parsePoolPrefix("::1", "p"))).toBe(false);
    const v6 = parseInterfaceAddress("2001:db8:0:1::5/64", "a");
    expect(prefixContains(v6, parsePoolPrefix("2001:db8:0:1:ffff::1", "p"))).toBe(true);
    expect(prefixContains(v6, parsePoolPrefix("2001:db8:0:2::1", "p"))).toBe(false);
  });
});
