import { describe, expect, it } from "vitest";
import type { JobExecutor } from "../src/pool/executor.js";
import type { JobSpec } from "../src/pool/job-list.js";
import type { JobTask } from "../src/pool/job-task.js";
import { runJobs } from "../src/pool/run-jobs.js";

/**
 * The scheduler hands an executor as many jobs at once as it asks for (`inFlight`): a pool of
 * one worker still gets a second job waiting, so it never idles while the main thread handles
 * a result; the in-process executor gets one at a time.
 */
function fakeExecutor(inFlight: number): { executor: JobExecutor; most: () => number } {
  let running = 0;
  let most = 0;
  const executor: JobExecutor = {
    threads: 1,
    inFlight,
    run: (_task: JobTask) => {
      running++;
      most = Math.max(most, running);
      return new Promise<ArrayBuffer>((resolve) =>
        setTimeout(() => {
          running--;
          resolve(new ArrayBuffer(8));
        }, 1),
      );
    },
    close: async () => {},
    destroy: async () => {},
  };
  return { executor, most: () => most };
}

describe("the scheduler keeps the executor fed", () => {
  const jobs: JobSpec[] = Array.from({ length: 6 }, (_, i) => ({ index: i, point: i, replication: 0, seed: i }));
  const options = { taskOf: () => ({}) as JobTask, onResult: () => {}, describe: () => "job" };

  for (const inFlight of [1, 2, 4]) {
    it(`hands it ${inFlight} job${inFlight === 1 ? "" : "s"} at once when it asks for ${inFlight}, and every result comes back`, async () => {
      const { executor, most } = fakeExecutor(inFlight);
      let results = 0;
      await runJobs(jobs, executor, { ...options, onResult: () => void results++ });
      expect(most()).toBe(inFlight);
      expect(results).toBe(jobs.length);
    });
  }
});
