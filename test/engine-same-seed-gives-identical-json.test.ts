import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resultJson } from "../src/cli/output.js";
import { loadScenarioFile } from "../src/config/load.js";
import { runScenario } from "../src/pool/run-scenario.js";
import { nicsim } from "./cli-helpers.js";

const EXAMPLE = "examples/ecs-16vcpu-udp.yaml";

/** Same scenario and seed → the same result document, byte for byte; another seed → another one. */
describe("the same seed gives identical JSON", () => {
  const file = loadScenarioFile(EXAMPLE);
  const first = resultJson(runScenario(file));
  let dir = "";

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "nicsim-seed-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("two in-process runs of the example are byte-identical", () => {
    expect(resultJson(runScenario(loadScenarioFile(EXAMPLE)))).toBe(first);
  });

  it("the file's seed and an explicit equal seed give the same document", () => {
    expect(resultJson(runScenario(file, { seed: 1 }))).toBe(first);
  });

  it("another seed gives another result", () => {
    const other = runScenario(file, { seed: 2 });
    expect(resultJson(other)).not.toBe(first);
    expect(other.points.map((p) => p.seed)).toEqual([2, 2, 2, 2]);
    // Not just the seed field: the traffic itself differs.
    const one = JSON.parse(first) as { points: { offered: { packets: number }; latencyHdr: string }[] };
    expect(other.points.map((p) => p.offered.packets)).not.toEqual(one.points.map((p) => p.offered.packets));
    expect(other.points.map((p) => p.latencyHdr)).not.toEqual(one.points.map((p) => p.latencyHdr));
  });

  it("`nicsim run --json` twice writes identical files, equal to the in-process document", async () => {
    const a = join(dir, "a.json");
    const b = join(dir, "b.json");
    for (const out of [a, b]) {
      const r = await nicsim("run", EXAMPLE, "--jobs", "1", "--json", out, "--quiet");
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
    }
    const textA = readFileSync(a, "utf8");
    expect(readFileSync(b, "utf8")).toBe(textA);
    // The CLI names the source as given; otherwise it is the library's document.
    expect(textA).toBe(first);
  });

  it("`--seed 7` on the command line changes the file", async () => {
    const out = join(dir, "seed7.json");
    expect((await nicsim("run", EXAMPLE, "--jobs", "1", "--json", out, "--quiet", "--seed", "7")).status).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text).not.toBe(first);
    expect(text).toBe(resultJson(runScenario(file, { seed: 7 })));
  });
});
