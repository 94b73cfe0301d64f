import { afterAll, describe, expect, it } from "vitest";
import { transferableSymbol } from "piscina";
import { loadScenarioFile } from "../src/config/load.js";
import type { JobExecutor } from "../src/pool/executor.js";
import { inProcessExecutor } from "../src/pool/in-process-executor.js";
import type { JobTask } from "../src/pool/job-task.js";
import { piscinaExecutor } from "../src/pool/piscina-executor.js";
import runTask from "../src/pool/worker.js";
import { builtWorker, POOL_SWEEP } from "./pool-helpers.js";

/** Both executors run a job to the same bytes; the worker hands its buffer back to be moved. */
describe("the in-process and piscina executors agree", () => {
  const file = loadScenarioFile(POOL_SWEEP);
  const tasks: JobTask[] = file.points.map((p, i) => ({ scenario: p.scenario, seed: 1000 + i }));
  const executors: Record<string, JobExecutor> = { inProcess: inProcessExecutor(), piscina: piscinaExecutor(2, builtWorker()) };
  afterAll(async () => {
    for (const e of Object.values(executors)) await e.destroy();
  });

  it("gives byte-identical packed counters for every task", async () => {
    const bytes = async (e: JobExecutor): Promise<string[]> =>
      (await Promise.all(tasks.map((t) => e.run(t)))).map((b) => Buffer.from(b).toString("base64"));
    const inProcess = await bytes(executors.inProcess);
    expect(await bytes(executors.piscina)).toEqual(inProcess);
  });

  it("the worker returns its buffer wrapped for transfer (Piscina.move), not for copying", () => {
    const moved = runTask(tasks[0]) as unknown as Record<symbol, unknown>;
    expect(transferableSymbol in moved).toBe(true);
    expect(moved[transferableSymbol]).toBeInstanceOf(ArrayBuffer);
  });

  it("a destroyed in-process executor runs nothing more", async () => {
    const e = inProcessExecutor();
    await e.destroy();
    await expect(e.run(tasks[0])).rejects.toThrow(/destroyed/);
  });
});
