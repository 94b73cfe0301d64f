import { describe, expect, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { at, expectConfigError, rawWith } from "./config-helpers.js";

describe("traffic address families must not mix", () => {
  it("an IPv6 dst with an IPv4 src", () => {
    const raw = rawWith((r) => (at(r, "traffic").dst = "2001:db8::1"));
    expectConfigError(() => validateScenario(raw), 'traffic.dst: "2001:db8::1" is IPv6 but traffic.src is IPv4');
  });

  it("a mixed src list names the item", () => {
    const raw = rawWith((r) => (at(r, "traffic").src = ["192.0.2.0/24", "2001:db8::/64"]));
    expectConfigError(() => validateScenario(raw), 'traffic.src[1]: "2001:db8::/64" is IPv6 but traffic.src[0] is IPv4');
  });

  it("all-IPv6 traffic is accepted, pools masked to their prefix", () => {
    const raw = rawWith((r) => {
      at(r, "traffic").src = "2001:db8:1::5/48";
      at(r, "traffic").dst = "2001:db8::1";
    });
    const { src, dst } = validateScenario(raw).traffic;
    expect(src).toEqual([{ family: 6, words: [0x20010db8, 0x00010000, 0, 0], length: 48, text: "2001:db8:1::5/48" }]);
    expect(dst).toEqual([{ family: 6, words: [0x20010db8, 0, 0, 1], length: 128, text: "2001:db8::1" }]);
  });
});
