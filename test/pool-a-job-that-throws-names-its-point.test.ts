import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../src/config/load.js";
import type { Scenario } from "../src/config/scenario.js";
import { JobFailedError } from "../src/pool/errors.js";
import { runSweep } from "../src/pool/run-sweep.js";
import { POOL_SWEEP, THROWING_WORKER } from "./pool-helpers.js";

/** A failing job stops the run; the message names the point (its sweep values), the replication, the seed and the cause. */
describe("a job that throws stops the run and names its point", () => {
  const file = loadScenarioFile(POOL_SWEEP);

  it("on worker threads", async () => {
    const run = runSweep(file, { threads: 2, workerFile: THROWING_WORKER });
    await expect(run).rejects.toBeInstanceOf(JobFailedError);
    await expect(run).rejects.toThrow(
      /^sweep point [23] \(queues=2, traffic\.load\.pps=(500000|1500000)\), replication \d \(seed \d+\) failed: RangeError: ring index 99 out of range$/,
    );
  });

  it("in-process", async () => {
    // A scenario the engine cannot run (validation never lets one through; this one is forged).
    const points = file.points.map((p, i) => (i === 4 ? { ...p, scenario: { ...p.scenario, traffic: undefined } as unknown as Scenario } : p));
    const run = runSweep({ ...file, points }, { threads: 1 });
    await expect(run).rejects.toThrow(/^sweep point 4 \(queues=4, traffic\.load\.pps=500000\), replication 0 \(seed \d+\) failed: TypeError: /);
  });
});
