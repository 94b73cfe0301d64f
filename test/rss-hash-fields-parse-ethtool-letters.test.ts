// Hash-field letters as `ethtool -N IF rx-flow-hash TYPE LETTERS` takes them: s d f n in any
// order (repeats harmless); the letters nicsim does not model are refused saying what ethtool
// means by them.
import { describe, expect, it } from "vitest";
import {
  FIELDS_SD,
  FIELDS_SDFN,
  FIELD_DPORT,
  FIELD_SRC,
  RssFieldsError,
  describeHashFields,
  fieldPosition,
  formatHashFields,
  inputLength,
  parseHashFields,
} from "../src/rss/index.js";

describe("parseHashFields", () => {
  it("reads sd and sdfn, in any order, repeats allowed", () => {
    expect(parseHashFields("sd")).toBe(FIELDS_SD);
    expect(parseHashFields("sdfn")).toBe(FIELDS_SDFN);
    expect(parseHashFields("nfds")).toBe(FIELDS_SDFN);
    expect(parseHashFields("ssd")).toBe(FIELDS_SD);
    expect(formatHashFields(parseHashFields("nds"))).toBe("sdn");
    expect(describeHashFields(parseHashFields("fn"))).toBe("sport dport");
  });

  const unmodelled: ReadonlyArray<readonly [string, string]> = [
    ["m", "the L2 destination MAC address"],
    ["v", "the VLAN tag"],
    ["t", "the L3 protocol field"],
    ["r", "discard all packets of this flow type"],
    ["e", "the GTP tunnel endpoint ID (TEID, ice only)"],
  ];
  for (const [letter, meaning] of unmodelled) {
    it(`refuses "${letter}", naming what ethtool means by it`, () => {
      expect(() => parseHashFields(`sd${letter}`)).toThrowError(RssFieldsError);
      expect(() => parseHashFields(`sd${letter}`)).toThrowError(
        `letter "${letter}" means ${meaning} to ethtool, which nicsim does not model; use s (IP source), d (IP destination), f (L4 bytes 0-1: source port), n (L4 bytes 2-3: destination port)`,
      );
    });
  }

  it("refuses characters that are no ethtool letter, and the empty string", () => {
    expect(() => parseHashFields("sdX")).toThrowError(/^"X" is not an ethtool rx-flow-hash letter; use s \(IP source\)/);
    expect(() => parseHashFields("")).toThrowError(/^no letters; use one or more of s \(IP source\)/);
  });
});

describe("input layout", () => {
  it("lengths: IPv4 sd 8, sdfn 12; IPv6 sd 32, sdfn 36; sdf 10", () => {
    expect(inputLength(FIELDS_SD, 4)).toBe(8);
    expect(inputLength(FIELDS_SDFN, 4)).toBe(12);
    expect(inputLength(FIELDS_SD, 6)).toBe(32);
    expect(inputLength(FIELDS_SDFN, 6)).toBe(36);
    expect(inputLength(parseHashFields("sdf"), 4)).toBe(10);
  });

  it("a field starts after the selected fields before it", () => {
    expect(fieldPosition(FIELDS_SDFN, FIELD_DPORT, 4)).toEqual({ offsetBits: 80, widthBits: 16 });
    expect(fieldPosition(parseHashFields("sn"), FIELD_DPORT, 4)).toEqual({ offsetBits: 32, widthBits: 16 });
    expect(fieldPosition(FIELDS_SDFN, FIELD_DPORT, 6)).toEqual({ offsetBits: 272, widthBits: 16 });
    expect(fieldPosition(FIELDS_SD, FIELD_SRC, 6)).toEqual({ offsetBits: 0, widthBits: 128 });
    expect(fieldPosition(FIELDS_SD, FIELD_DPORT, 4)).toBeUndefined();
  });
});
