/**
 * pool — runs a scenario's jobs, on worker threads when there are several, and merges them.
 *
 * A job is one sweep point × one replication, with the seed deriveSeed(base seed, point,
 * replication) (job-list.ts). Jobs run on a pool of `--jobs N` worker threads
 * (thread-executor.ts; each thread runs worker.ts → thread-loop.ts), or in-process when one
 * thread is enough (in-process-executor.ts); both implement `JobExecutor`. A thread returns its
 * job's counters packed into one ArrayBuffer (counters-codec.ts: scalars, per-queue and per-CPU
 * arrays, the latency histogram's non-empty slots), copied back (a few KB; a transfer would
 * detach it, which slows every typed array in the thread: thread-loop.ts). The main thread merges each point's jobs in replication order (point-collector.ts →
 * report/point-result.ts: counters summed, histograms added exactly), so the result document is
 * byte-identical whatever the thread count or completion order.
 *
 * Inputs: a loaded `ScenarioFile`, `SweepOptions` (threads, seed override, shard, abort signal,
 * progress callback). Outputs: a `RunResult` (report/result-model.ts) and the simulated packet
 * count. Errors: `JobFailedError` (a job threw; names the point, replication, seed and cause),
 * `RunInterruptedError` (the signal was aborted; the pool is destroyed at once),
 * `ShardMergeError` (shard files that do not make one run).
 *
 * Shards (shard.ts): `--shard K/N` runs jobs i with i mod N = K − 1; the file then carries each
 * job's packed counters (base64) so `mergeShards` rebuilds exactly the unsharded document.
 *
 * `runScenario` (run-scenario.ts) is the sequential reference: no pool, no packing. The pool's
 * results are tested against it.
 *
 * See also: report/ (what the document holds), cli/commands/{run,bench,merge}.ts,
 * bench/pool.bench.ts (a 1-worker pool against in-process, speed-up from 1 to 2 workers).
 */
export { runScenario, type RunOptions } from "./run-scenario.js";
export { runSweep, type SweepOptions, type SweepOutcome, type SweepProgress } from "./run-sweep.js";
export { planJobs, pointSeed, type JobSpec } from "./job-list.js";
export { shardJobs, type Shard } from "./shard.js";
export { mergeShards, ShardMergeError, type NamedResult } from "./merge-shards.js";
export { encodeCounters, decodeCounters, countersToBase64, countersFromBase64 } from "./counters-codec.js";
export { JobFailedError, RunInterruptedError } from "./errors.js";
export type { JobExecutor } from "./executor.js";
export { inProcessExecutor } from "./in-process-executor.js";
export { threadExecutor, DEFAULT_WORKER_FILE } from "./thread-executor.js";
export { runJobs, type RunJobsOptions } from "./run-jobs.js";
export type { JobTask } from "./job-task.js";
