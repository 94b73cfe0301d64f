import { describe, expect, it } from "vitest";
import { CompareInputError, compareResults } from "../src/report/compare.js";
import { parseResult } from "../src/report/read-result.js";
import { LoadError } from "../src/config/errors.js";
import { edited, sampleResult } from "./compare-helpers.js";

/** Bad input is refused with one clear reason (the CLI turns it into exit status 2). */
describe("compare refuses what it cannot compare", () => {
  const one = sampleResult(1);
  const base = { name: "base.json", result: one };
  const refuse = (result: typeof one, message: RegExp): void => {
    expect(() => compareResults(base, { name: "cur.json", result }, 0.05, ["throughput"])).toThrow(CompareInputError);
    expect(() => compareResults(base, { name: "cur.json", result }, 0.05, ["throughput"])).toThrow(message);
  };

  it("a different scenario, naming where it differs", () => {
    refuse({ ...one, scenario: { ...(one.scenario as object), run: { duration: "4ms" } } }, /different scenarios \(they first differ at run\.duration\)/);
  });

  it("a different seed", () => {
    refuse(edited(one, (p) => void (p.seed = 8)), /different seeds or replications \(point queues=1,traffic\.load\.pps=500000: seed 7 vs 8\)/);
  });

  it("another schema version", () => {
    refuse({ ...one, schemaVersion: 1 }, /^schema mismatch: base\.json has schemaVersion 4, cur\.json has 1; regenerate the baseline/);
  });

  it("a shard", () => {
    refuse({ ...one, shard: { index: 1, count: 2, seedOverride: null, totalJobs: 6, jobs: [] } }, /cur\.json is shard 1\/2 of a run; put the shards together with nicsim merge first/);
  });

  it("reading: corrupt JSON, not a result, an unknown version, a point without figures", () => {
    const bad: Array<[string, RegExp]> = [
      ['{"schemaVersion": 2, "points": [', /^x\.json: not valid JSON \(/],
      ['{"hello": 1}', /^x\.json: not a nicsim result document \(no schemaVersion\)$/],
      ['{"schemaVersion": 99}', /^x\.json: schemaVersion 99 is not one this nicsim reads \(1, 2, 3, 4\)$/],
      [JSON.stringify({ ...one, points: [{ params: {} }] }), /^x\.json: points\[0\]\.seed is missing or not a number$/],
    ];
    for (const [text, message] of bad) {
      expect(() => parseResult(text, "x.json")).toThrow(LoadError);
      expect(() => parseResult(text, "x.json")).toThrow(message);
    }
    expect(parseResult(JSON.stringify(one), "x.json")).toEqual(one);
  });
});
