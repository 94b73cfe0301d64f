import { describe, expect, it } from "vitest";
import { resultJson } from "../src/cli/output.js";
import { loadScenarioFile } from "../src/config/load.js";
import { runScenario } from "../src/pool/run-scenario.js";
import { runSweep } from "../src/pool/run-sweep.js";
import { builtWorker, POOL_SWEEP } from "./pool-helpers.js";

/**
 * The pool's document is the sequential reference's, byte for byte: whatever the thread count,
 * the completion order or the packing of counters between threads.
 */
describe("runSweep gives the sequential runScenario's document", () => {
  const file = loadScenarioFile(POOL_SWEEP);
  const reference = resultJson(runScenario(file));

  it("in-process (1 thread)", async () => {
    const outcome = await runSweep(file, { threads: 1 });
    expect(outcome.threads).toBe(1);
    expect(resultJson(outcome.result)).toBe(reference);
  });

  it("on 2 and 3 worker threads", async () => {
    for (const threads of [2, 3]) {
      const outcome = await runSweep(file, { threads, workerFile: builtWorker() });
      expect(outcome.threads).toBe(threads);
      expect(resultJson(outcome.result)).toBe(reference);
    }
  });

  it("with a seed override", async () => {
    const outcome = await runSweep(file, { threads: 2, seed: 99, workerFile: builtWorker() });
    expect(resultJson(outcome.result)).toBe(resultJson(runScenario(file, { seed: 99 })));
  });

  it("reports progress after every job and counts the simulated packets", async () => {
    const seen: number[] = [];
    // (In-process, the running job also reports its simulated time: those reports have runningJobDone > 0.)
    const outcome = await runSweep(file, { threads: 1, onProgress: (p) => p.runningJobDone === 0 && seen.push(p.jobsDone) });
    expect(seen).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(outcome.simulatedPackets).toBeGreaterThan(0);
  });

  it("every replicated point carries mean and 95 % intervals", () => {
    const doc = JSON.parse(reference) as { schemaVersion: number; points: { ci95?: { n: number; deliveredPps: { low: number; mean: number; high: number } } }[] };
    expect(doc.schemaVersion).toBe(4);
    for (const p of doc.points) {
      expect(p.ci95?.n).toBe(3);
      const d = p.ci95!.deliveredPps;
      expect(d.low).toBeLessThanOrEqual(d.mean);
      expect(d.mean).toBeLessThanOrEqual(d.high);
    }
  });
});
