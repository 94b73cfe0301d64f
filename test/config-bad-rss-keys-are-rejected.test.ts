import { describe, expect, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { expectConfigError, rawWith } from "./config-helpers.js";

function withKey(key: unknown): Record<string, unknown> {
  return rawWith((r) => (r.nics = [{ name: "eth0", rss: { key } }]));
}

describe("bad RSS keys are rejected", () => {
  it("a key of the wrong length", () => {
    expectConfigError(
      () => validateScenario(withKey("6d:5a:56")),
      'nics[0].rss.key: "6d:5a:56" is not a valid key (RSS key has 3 bytes; a key has 40 or 52 bytes)',
    );
  });

  it("a key with a non-hex byte", () => {
    expectConfigError(
      () => validateScenario(withKey("zz:5a")),
      'nics[0].rss.key: "zz:5a" is not a valid key (RSS key: "zz" is not a hex byte)',
    );
  });

  it("a key YAML read as a number", () => {
    expectConfigError(() => validateScenario(withKey(1234)), "nics[0].rss.key: 1234 must be a quoted hex string");
  });

  it("a 52-byte plain-hex key is accepted", () => {
    const key = validateScenario(withKey("ab".repeat(52))).nics[0].rss.key;
    expect(key.length).toBe(52);
    expect(key[51]).toBe(0xab);
  });

  it("an indirection table size that is not a power of two", () => {
    const raw = rawWith((r) => (r.nics = [{ name: "eth0", rss: { indirSize: 100 } }]));
    expectConfigError(() => validateScenario(raw), "nics[0].rss.indirSize: 100 must be a power of two from 1 to 65536");
  });
});
