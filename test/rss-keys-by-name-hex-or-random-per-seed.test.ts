// rss.key: "microsoft" (default), "symmetric" (6d:5a × 20), hex, or "random": 52 bytes drawn
// from the job's seed like the kernel's per-boot netdev_rss_key — the same seed gives the same
// key, other seeds other keys, and the engine's flow hashes follow the job's key.
import { describe, expect, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { compileFlowRss } from "../src/engine/plan.js";
import {
  MICROSOFT_RSS_KEY,
  NETDEV_RSS_KEY_LEN,
  SYMMETRIC_RSS_KEY,
  hashIpv4Ports,
  parseRssKeySpec,
  randomRssKey,
  rssKeyBytes,
  toeplitzTable,
} from "../src/rss/index.js";
import { expectConfigError, rawWith } from "./config-helpers.js";
import { suite } from "./rss-fixture.js";

const withKey = (key: unknown): Record<string, unknown> => rawWith((r) => (r.nics = [{ name: "eth0", queues: 4, rss: { key } }]));

describe("named keys", () => {
  it("microsoft is the verification key and the default", () => {
    expect(parseRssKeySpec("microsoft")).toEqual({ kind: "fixed", name: "microsoft", bytes: MICROSOFT_RSS_KEY });
    const rss = validateScenario(rawWith(() => undefined)).nics[0].rss;
    expect(rss.keySpec).toEqual({ kind: "fixed", name: "microsoft", bytes: MICROSOFT_RSS_KEY });
    expect(Array.from(rss.key)).toEqual(Array.from(MICROSOFT_RSS_KEY));
  });

  it("symmetric is 6d 5a repeated, 40 bytes: the suite's symmetric key", () => {
    expect(SYMMETRIC_RSS_KEY.length).toBe(40);
    expect(Buffer.from(SYMMETRIC_RSS_KEY).toString("hex")).toBe(suite.derived_extras_not_published.symmetric_key.hex);
    expect(Array.from(validateScenario(withKey("symmetric")).nics[0].rss.key)).toEqual(Array.from(SYMMETRIC_RSS_KEY));
  });

  it("hex keys still work, in both forms", () => {
    expect(parseRssKeySpec("ab".repeat(40))).toMatchObject({ kind: "fixed", name: "hex" });
    expect(validateScenario(withKey(Array(52).fill("0f").join(":"))).nics[0].rss.key.length).toBe(52);
  });

  it("a word that is neither a name nor hex is refused", () => {
    expectConfigError(
      () => validateScenario(withKey("Microsoft")),
      'nics[0].rss.key: "Microsoft" is not a valid key (not a key name (microsoft, random, symmetric) nor hex bytes)',
    );
  });
});

describe("random keys", () => {
  it("are 52 bytes (NETDEV_RSS_KEY_LEN), the same for the same seed", () => {
    expect(randomRssKey(7).length).toBe(NETDEV_RSS_KEY_LEN);
    expect(Array.from(randomRssKey(7))).toEqual(Array.from(randomRssKey(7)));
  });

  it("differ between seeds and are not all zero", () => {
    const keys = [1, 2, 3, 4].map((seed) => Buffer.from(randomRssKey(seed)).toString("hex"));
    expect(new Set(keys).size).toBe(4);
    for (const key of keys) expect(/^0+$/.test(key)).toBe(false);
  });

  it("a scenario's random key has no bytes until a job draws it from its seed", () => {
    const rss = validateScenario(withKey("random")).nics[0].rss;
    expect(rss.keySpec).toEqual({ kind: "random" });
    expect(rss.key.length).toBe(0);
    expect(Array.from(rssKeyBytes(rss.keySpec, 9))).toEqual(Array.from(randomRssKey(9)));
  });

  it("the engine hashes each job's flows with that job's key", () => {
    const scenario = validateScenario(withKey("random"));
    for (const seed of [11, 12]) {
      const rss = compileFlowRss(scenario, seed);
      expect(Array.from(rss.key)).toEqual(Array.from(randomRssKey(seed)));
      const table = toeplitzTable(randomRssKey(seed));
      for (let f = 0; f < 50; f++) {
        expect(rss.flowHash[f]).toBe(hashIpv4Ports(table, rss.flows.src[f], rss.flows.dst[f], rss.flows.sport[f], rss.flows.dport[f]));
      }
    }
    // Same flows (the flow draw does not depend on the key), different hashes.
    const a = compileFlowRss(scenario, 11);
    const b = compileFlowRss(validateScenario(withKey("microsoft")), 11);
    expect(Array.from(a.flows.src)).toEqual(Array.from(b.flows.src));
    expect(Array.from(a.flowHash)).not.toEqual(Array.from(b.flowHash));
  });
});
