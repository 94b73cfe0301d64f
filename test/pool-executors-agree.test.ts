import { MessageChannel } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { loadScenarioFile } from "../src/config/load.js";
import type { JobExecutor } from "../src/pool/executor.js";
import { inProcessExecutor } from "../src/pool/in-process-executor.js";
import type { JobTask } from "../src/pool/job-task.js";
import { threadExecutor } from "../src/pool/thread-executor.js";
import { serveJobs, type JobReply } from "../src/pool/thread-loop.js";
import { builtWorker, POOL_SWEEP } from "./pool-helpers.js";

/** Both executors run a job to the same bytes; a thread hands its buffer back as a copy (thread-loop.ts says why). */
describe("the in-process and thread executors agree", () => {
  const file = loadScenarioFile(POOL_SWEEP);
  const tasks: JobTask[] = file.points.map((p, i) => ({ scenario: p.scenario, seed: 1000 + i }));
  const executors: Record<string, JobExecutor> = { inProcess: inProcessExecutor(), threads: threadExecutor(2, builtWorker()) };
  afterAll(async () => {
    for (const e of Object.values(executors)) await e.destroy();
  });

  it("gives byte-identical packed counters for every task", async () => {
    const bytes = async (e: JobExecutor): Promise<string[]> =>
      (await Promise.all(tasks.map((t) => e.run(t)))).map((b) => Buffer.from(b).toString("base64"));
    const inProcess = await bytes(executors.inProcess);
    expect(await bytes(executors.threads)).toEqual(inProcess);
  });

  it("a thread copies its job's buffer back, leaving its own attached (a detach slows typed arrays in the whole thread), and answers a throw with the error", async () => {
    const { port1, port2 } = new MessageChannel();
    const sent = new Uint8Array([1, 2, 3]).buffer;
    serveJobs(port1, (task) => {
      if (task.seed === 2) throw new RangeError("no such ring");
      return sent;
    });
    const replies: JobReply[] = [];
    const two = new Promise<void>((resolve) =>
      port2.on("message", (r: JobReply) => {
        replies.push(r);
        if (replies.length === 2) resolve();
      }),
    );
    port2.postMessage({ id: 7, task: tasks[0] });
    port2.postMessage({ id: 8, task: { ...tasks[0], seed: 2 } });
    await two;
    port1.close();
    expect(sent.byteLength).toBe(3);
    const [ok, failed] = replies;
    expect("counters" in ok && ok.id === 7 ? [...new Uint8Array(ok.counters)] : ok).toEqual([1, 2, 3]);
    expect("error" in failed && failed.id === 8 ? String(failed.error) : failed).toBe("RangeError: no such ring");
  });

  it("a thread whose module fails to load fails the job instead of hanging", async () => {
    const broken = threadExecutor(1, new URL("data:text/javascript,throw new Error('no engine here')"));
    await expect(broken.run(tasks[0])).rejects.toThrow(/no engine here/);
    await expect(broken.run(tasks[0])).rejects.toThrow(/no engine here/);
    await broken.destroy();
  });

  it("a destroyed executor runs nothing more", async () => {
    for (const e of [inProcessExecutor(), threadExecutor(1, builtWorker())]) {
      await e.destroy();
      await expect(e.run(tasks[0])).rejects.toThrow(/destroyed/);
    }
  });
});
