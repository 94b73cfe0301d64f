// The new nics[].rss keys: fields per flow type (ethtool letters, default "sdfn"), hfunc
// (toeplitz | xor), inputXfrm (none | symmetric-xor | symmetric-or-xor), indir (ethtool -X words
// or a list; default "default"). Validation and the published schema accept the same forms.
import { describe, expect, it } from "vitest";
import { scenarioJsonSchema } from "../src/config/schema.js";
import { validateScenario } from "../src/config/validate.js";
import { expectConfigError, minimalRaw, rawWith } from "./config-helpers.js";
import { violation } from "./config-json-schema-lite.js";

const schema = scenarioJsonSchema() as Record<string, unknown>;
const withRss = (rss: Record<string, unknown>, queues = 4): Record<string, unknown> => rawWith((r) => (r.nics = [{ name: "eth0", queues, rss }]));

describe("nics[].rss", () => {
  it("defaults: key microsoft, toeplitz, no transform, sdfn for every flow type, 128 entries, default fill", () => {
    const rss = validateScenario(minimalRaw()).nics[0].rss;
    expect(rss).toMatchObject({
      hfunc: "toeplitz",
      inputXfrm: "none",
      fields: { tcp4: "sdfn", udp4: "sdfn", tcp6: "sdfn", udp6: "sdfn" },
      indirSize: 128,
      indir: { kind: "default" },
    });
    expect(rss.keySpec).toMatchObject({ kind: "fixed", name: "microsoft" });
  });

  it("fields are stored as canonical letters; unset flow types keep sdfn", () => {
    const rss = validateScenario(withRss({ fields: { udp4: "ds", tcp6: "nfds" } })).nics[0].rss;
    expect(rss.fields).toEqual({ tcp4: "sdfn", udp4: "sd", tcp6: "sdfn", udp6: "sdfn" });
  });

  it("an unmodelled ethtool letter is refused with what it means", () => {
    expectConfigError(
      () => validateScenario(withRss({ fields: { udp4: "sdv" } })),
      'nics[0].rss.fields.udp4: "sdv": letter "v" means the VLAN tag to ethtool, which nicsim does not model; use s (IP source), d (IP destination), f (L4 bytes 0-1: source port), n (L4 bytes 2-3: destination port)',
    );
  });

  it("an unknown flow type and an unknown hfunc are refused", () => {
    expectConfigError(() => validateScenario(withRss({ fields: { sctp4: "sd" } })), "nics[0].rss.fields.sctp4: unknown key; allowed: tcp4, udp4, tcp6, udp6");
    expectConfigError(() => validateScenario(withRss({ hfunc: "crc32" })), 'nics[0].rss.hfunc: "crc32" must be one of "toeplitz", "xor"');
  });

  const accepted: Record<string, unknown>[] = [
    withRss({ key: "random", hfunc: "xor", fields: { udp4: "sd", tcp4: "sdfn", tcp6: "sd", udp6: "fn" }, indirSize: 8, indir: "weight 1 2 1" }, 3),
    withRss({ key: "symmetric", inputXfrm: "symmetric-xor", indir: "start 1 equal 3" }),
    withRss({ key: "microsoft", inputXfrm: "symmetric-or-xor", indir: "equal 2" }),
    withRss({ indirSize: 4, indir: [0, 1, 1, 3] }),
    withRss({ indirSize: 4, indir: "[0, 1, 1, 3]" }),
    withRss({ indir: "default" }),
  ];
  it.each(accepted.map((raw, i) => [i, raw] as const))("validation and the published schema accept form %i", (_i, raw) => {
    expect(() => validateScenario(raw)).not.toThrow();
    expect(violation(schema, raw)).toBeUndefined();
  });

  it("and both reject bad single fields", () => {
    const rejected = [
      withRss({ fields: { udp4: "sdm" } }),
      withRss({ hfunc: "crc32" }),
      withRss({ inputXfrm: "symmetric" }),
      withRss({ indir: "round robin" }),
      withRss({ indir: [-1] }),
      withRss({ key: "Microsoft" }),
    ];
    for (const raw of rejected) {
      expect(() => validateScenario(raw)).toThrow();
      expect(violation(schema, raw)).toBeDefined();
    }
  });
});
