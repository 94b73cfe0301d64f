/**
 * In-process and fast (the CLI's byte-for-byte check is pool-shards-merge-into-the-unsharded-file):
 * the counters of a run's shards, through the codec and base64 as shard files carry them, merge
 * into the single run's result; a shard whose counters are of another format is refused with one
 * line naming the file and the job.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadScenarioFile } from "../src/config/load.js";
import { mergeShards, ShardMergeError } from "../src/pool/merge-shards.js";
import { runSweep } from "../src/pool/run-sweep.js";
import type { RunResult } from "../src/report/result-model.js";
import { POOL_SWEEP } from "./pool-helpers.js";

describe("sharded counters merge into the single run", () => {
  const file = loadScenarioFile(POOL_SWEEP);
  const run = async (index?: number): Promise<RunResult> =>
    (await runSweep(file, { threads: 1, ...(index === undefined ? {} : { shard: { index, count: 4 } }) })).result;

  let shards: Array<{ readonly name: string; readonly result: RunResult }> = [];
  beforeAll(async () => {
    shards = [];
    for (const k of [1, 2, 3, 4]) shards.push({ name: `shard-${k}.json`, result: await run(k) });
  });

  it("four shards (18 jobs, 3 replications a point), in any order, merge into the unsharded result", async () => {
    const whole = await run();
    expect(JSON.stringify(mergeShards([shards[2], shards[0], shards[3], shards[1]]))).toBe(JSON.stringify(whole));
  });

  it("a shard whose counters are of another format is refused with one line", () => {
    const old = new Float64Array([5, 1, 1, 0, 0, 0, 0, 0]); // format 5, before the table
    const job = shards[1].result.shard!.jobs[0];
    const edited = { ...shards[1].result, shard: { ...shards[1].result.shard!, jobs: [{ ...job, counters: Buffer.from(old.buffer).toString("base64") }, ...shards[1].result.shard!.jobs.slice(1)] } };
    const attempt = (): RunResult => mergeShards([shards[0], { name: "old.json", result: edited }, shards[2], shards[3]]);
    expect(attempt).toThrow(ShardMergeError);
    expect(attempt).toThrow(new RegExp(`^old\\.json: job ${job.index}: job counters: format 0x00000005 is not this nicsim's 0x[0-9a-f]{8} \\([^\\n]*$`));
  });
});
