// The kernel refuses a symmetric input_xfrm unless the hashed fields come in src/dst pairs
// (ethtool_check_xfrm_rxfh): s with d, f with n. nicsim applies the same rule to the profile and
// to every flow type of a scenario.
import { describe, expect, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { RssProfileError, MICROSOFT_RSS_KEY, parseHashFields, rssHashProfile, xfrmAllowedFor } from "../src/rss/index.js";
import { expectConfigError, rawWith } from "./config-helpers.js";

describe("input_xfrm needs src/dst pairs", () => {
  it("allowed: sd, fn, sdfn", () => {
    for (const letters of ["sd", "fn", "sdfn"]) expect(xfrmAllowedFor(parseHashFields(letters))).toBe(true);
  });

  it("refused: s, d, sdf, sdn, sf, dn", () => {
    for (const letters of ["s", "d", "sdf", "sdn", "sf", "dn"]) {
      expect(xfrmAllowedFor(parseHashFields(letters))).toBe(false);
      expect(() => rssHashProfile(MICROSOFT_RSS_KEY, "toeplitz", parseHashFields(letters), "symmetric-xor")).toThrowError(RssProfileError);
    }
    // Without a transform every selection is fine.
    expect(() => rssHashProfile(MICROSOFT_RSS_KEY, "toeplitz", parseHashFields("sdf"), "none")).not.toThrow();
  });

  it("a scenario names the flow type whose fields break the rule", () => {
    const raw = rawWith((r) => (r.nics = [{ name: "eth0", rss: { inputXfrm: "symmetric-or-xor", fields: { udp6: "sdn" } } }]));
    expectConfigError(
      () => validateScenario(raw),
      'nics[0].rss.inputXfrm: "symmetric-or-xor" needs every flow type\'s fields in source/destination pairs (s with d, f with n), ' +
        'as the kernel\'s ethtool_check_xfrm_rxfh requires; nics[0].rss.fields.udp6 is "sdn"',
    );
  });

  it("a scenario with paired fields validates", () => {
    const raw = rawWith((r) => (r.nics = [{ name: "eth0", rss: { inputXfrm: "symmetric-xor", fields: { udp4: "sd" } } }]));
    expect(validateScenario(raw).nics[0].rss.inputXfrm).toBe("symmetric-xor");
  });
});
