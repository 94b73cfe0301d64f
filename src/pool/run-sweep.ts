/**
 * A whole run on the pool: plan the jobs (points × replications, derived seeds), keep this
 * shard's, run them on `threads` worker threads (in-process when one is enough), merge each
 * point exactly, and assemble the result document — the same document, byte for byte, whatever
 * the thread count (the reference is the sequential `runScenario`).
 */
import { availableParallelism } from "node:os";
import type { ScenarioFile } from "../config/scenario.js";
import { RESULT_SCHEMA_VERSION, type RunResult, type ShardJob } from "../report/result-model.js";
import { GENERATOR } from "../version.js";
import { countersToBase64, decodeCounters } from "./counters-codec.js";
import type { JobExecutor } from "./executor.js";
import { largestFirst } from "./dispatch-order.js";
import { planJobs, type JobSpec } from "./job-list.js";
import { PointCollector } from "./point-collector.js";
import { runJobs } from "./run-jobs.js";
import { shardJobs, type Shard } from "./shard.js";
import { threadExecutor } from "./thread-executor.js";
import { hdrLibrary } from "../stats/hdr-library.js";

export interface SweepProgress {
  readonly jobsDone: number;
  readonly jobsTotal: number;
  readonly pointsDone: number;
  readonly pointsTotal: number;
  /** Packets the finished jobs simulated (warm-up included). */
  readonly simulatedPackets: number;
  /** How much of the job running in-process is done (0..1; 0 on worker threads, which report jobs as they finish). */
  readonly runningJobDone: number;
}

export interface SweepOptions {
  /** Overrides `run.seed` of every point. */
  readonly seed?: number;
  /** Worker threads (default: os.availableParallelism()). One thread runs in-process. */
  readonly threads?: number;
  /** `auto` (default): in-process when one thread is enough, else the pool; `pool`: always the pool (benchmarks). */
  readonly mode?: "auto" | "pool";
  /** Run only this slice of the job list; the result then carries a `shard` section. */
  readonly shard?: Shard;
  /** Aborting stops the run at once with RunInterruptedError. */
  readonly signal?: AbortSignal;
  /** The worker module (tests that run from sources pass the built one). */
  readonly workerFile?: string | URL;
  /** Called after each job. */
  readonly onProgress?: (progress: SweepProgress) => void;
}

export interface SweepOutcome {
  readonly result: RunResult;
  /** Packets simulated in all (warm-up included): the work done. */
  readonly simulatedPackets: number;
  /** Threads actually used (never more than jobs). */
  readonly threads: number;
  /** For each of `result.points`, its index in the scenario file's sweep points. */
  readonly pointIndices: readonly number[];
}

/** `sweep point 3 (queues=4), replication 0 (seed 522739671)`. */
function describeJob(file: ScenarioFile, job: JobSpec): string {
  const params = Object.entries(file.points[job.point].params)
    .map(([name, value]) => `${name}=${typeof value === "string" ? JSON.stringify(value) : value}`)
    .join(", ");
  const point = params === "" ? `point ${job.point}` : `sweep point ${job.point} (${params})`;
  return `${point}, replication ${job.replication} (seed ${job.seed})`;
}

export async function runSweep(file: ScenarioFile, options: SweepOptions = {}): Promise<SweepOutcome> {
  const all = planJobs(file.points, options.seed);
  const jobs = shardJobs(all, options.shard);
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), jobs.length));
  const inProcess = threads === 1 && options.mode !== "pool";
  // The engine is loaded here only to run jobs in-process: a pool's main thread never runs one, so
  // it starts the workers without loading the engine (bench/pool.bench.ts).
  const collector = new PointCollector(file.points, options.seed, jobs);
  const shardJobsOut: ShardJob[] = [];
  let jobsDone = 0;
  let simulatedPackets = 0;
  const report = (runningJobDone: number): void =>
    options.onProgress?.({
      jobsDone,
      jobsTotal: jobs.length,
      pointsDone: collector.completed,
      pointsTotal: collector.pointCount,
      simulatedPackets,
      runningJobDone,
    });
  const executor: JobExecutor = inProcess
    ? (await import("./in-process-executor.js")).inProcessExecutor(options.onProgress === undefined ? undefined : report)
    : threadExecutor(threads, options.workerFile);

  // In-process, jobs run in list order (progress reads naturally); on threads, largest first.
  const running = runJobs(inProcess ? jobs : largestFirst(jobs, file.points), executor, {
    taskOf: (job) => ({ scenario: file.points[job.point].scenario, seed: job.seed }),
    describe: (job) => describeJob(file, job),
    signal: options.signal,
    onResult: (job, buffer) => {
      if (options.shard !== undefined) {
        shardJobsOut.push({ index: job.index, point: job.point, replication: job.replication, seed: job.seed, counters: countersToBase64(buffer) });
      }
      const counters = decodeCounters(buffer);
      simulatedPackets += counters.generatedPackets;
      jobsDone++;
      collector.add(job, counters);
      report(0);
    },
  });
  // The jobs are posted. While the threads start (a thread's own start-up and its module, ~0.1 s),
  // the main thread, idle until the first result, loads the HDR library that the first point's
  // result is encoded with (~0.1 CPU-s; bench/pool.bench.ts), instead of loading it while the
  // threads run jobs, on a machine whose cores they may need.
  if (!inProcess) hdrLibrary();
  await running;

  const points = collector.results();
  const head = { schemaVersion: RESULT_SCHEMA_VERSION, generator: GENERATOR, source: file.source, scenario: file.raw };
  const result: RunResult =
    options.shard === undefined
      ? { ...head, points }
      : {
          ...head,
          shard: {
            index: options.shard.index,
            count: options.shard.count,
            seedOverride: options.seed ?? null,
            totalJobs: all.length,
            jobs: shardJobsOut.sort((a, b) => a.index - b.index),
          },
          points,
        };
  return { result, simulatedPackets, threads, pointIndices: collector.pointIndices() };
}
