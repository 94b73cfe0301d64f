import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BENCH_SCENARIO } from "../src/config/presets.js";
import { parseResult } from "../src/report/read-result.js";
import { RESULT_SCHEMA_VERSION } from "../src/report/result-model.js";

/**
 * results/baseline.json is what `npm run gate` compares a fresh `nicsim bench` with: it must be a
 * current result document of the built-in bench scenario, or the gate exits 2 instead of judging.
 * (Regenerate it with `nicsim bench --json results/baseline.json` when a model change is meant.)
 */
describe("the committed baseline", () => {
  const baseline = parseResult(readFileSync("results/baseline.json", "utf8"), "results/baseline.json");

  it("is a bench result of this schema version", () => {
    expect(baseline.schemaVersion).toBe(RESULT_SCHEMA_VERSION);
    expect(baseline.source).toBe("built-in bench scenario");
    expect(baseline.scenario).toEqual(JSON.parse(JSON.stringify(BENCH_SCENARIO)));
    expect(baseline.shard).toBeUndefined();
  });

  it("holds the 16 points of the bench sweep, every one conserving packets", () => {
    expect(baseline.points).toHaveLength(16);
    for (const p of baseline.points) expect(p.conservation.ok).toBe(true);
  });
});
