import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../src/config/load.js";
import { runScenario } from "../src/pool/run-scenario.js";

describe("RFS in the simulated path (examples/rfs-follows-the-application.yaml)", () => {
  const result = runScenario(loadScenarioFile("examples/rfs-follows-the-application.yaml"));
  const processed = (entries: number): number[] => {
    const point = result.points.find((p) => p.params["kernel.rpsSockFlowEntries"] === entries);
    if (point === undefined) throw new Error(`no point for ${entries}`);
    expect(point.conservation.ok).toBe(true);
    return point.perCpu.map((c) => c.softnet.processed);
  };
  const share = (counts: number[], cpus: number[]): number =>
    cpus.reduce((s, c) => s + counts[c], 0) / counts.reduce((a, b) => a + b, 0);

  it("without the sock flow table, plain RPS spreads the stack work over CPUs 1-7", () => {
    const counts = processed(0);
    expect(counts[0]).toBe(0);
    for (let c = 1; c <= 7; c++) expect(counts[c] / counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.1);
  });

  it("with it, the stack work follows the application to CPUs 4-7", () => {
    expect(share(processed(32768), [4, 5, 6, 7])).toBeGreaterThan(0.95);
  });
});
