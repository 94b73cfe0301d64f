// toeplitzTable is the cold, validating half: a key must have at least 8*len + 31 bits.
import { describe, expect, it } from "vitest";
import { MICROSOFT_RSS_KEY, TOEPLITZ_MAX_INPUT, toeplitzTable } from "../src/rss/index.js";

describe("toeplitzTable key length check", () => {
  it("a 40-byte key covers exactly the 36-byte IPv6 4-tuple (319 of its 320 bits)", () => {
    expect(toeplitzTable(MICROSOFT_RSS_KEY).length).toBe(TOEPLITZ_MAX_INPUT * 256);
    expect(toeplitzTable(MICROSOFT_RSS_KEY, 36).length).toBe(36 * 256);
  });

  it("a 40-byte key is too short for 37 bytes of input", () => {
    expect(() => toeplitzTable(MICROSOFT_RSS_KEY, 37)).toThrow(RangeError);
    expect(() => toeplitzTable(MICROSOFT_RSS_KEY, 37)).toThrow(
      "Toeplitz key of 40 bytes is too short for 37-byte inputs: needs 327 bits (41 bytes)",
    );
  });

  it("a 52-byte key covers up to 48 bytes", () => {
    const key = new Uint8Array(52).fill(0x6d);
    expect(toeplitzTable(key, 48).length).toBe(48 * 256);
    expect(() => toeplitzTable(key, 49)).toThrow(RangeError);
  });

  it("a 12-byte key (96 bits) is enough for the 8-byte IPv4 L3 input (95 bits), not 9 bytes", () => {
    const key = MICROSOFT_RSS_KEY.slice(0, 12);
    expect(toeplitzTable(key, 8).length).toBe(8 * 256);
    expect(() => toeplitzTable(key, 9)).toThrow(RangeError);
    expect(() => toeplitzTable(MICROSOFT_RSS_KEY.slice(0, 11), 8)).toThrow(
      "Toeplitz key of 11 bytes is too short for 8-byte inputs: needs 95 bits (12 bytes)",
    );
  });

  it("rejects a negative or fractional input length", () => {
    expect(() => toeplitzTable(MICROSOFT_RSS_KEY, -1)).toThrow(RangeError);
    expect(() => toeplitzTable(MICROSOFT_RSS_KEY, 1.5)).toThrow(RangeError);
  });
});
