/**
 * What one job needs and does: a validated scenario and a seed in, the packed counters out. The
 * same function runs in a worker thread (worker.ts) and in-process (in-process-executor.ts), so
 * both paths produce the same bytes.
 */
import type { Scenario } from "../config/scenario.js";
import { runJob } from "../engine/job.js";
import type { JobProgress } from "../engine/simulation.js";
import { encodeCounters } from "./counters-codec.js";

export interface JobTask {
  /** Structured-cloned into the worker; a few KB. */
  readonly scenario: Scenario;
  readonly seed: number;
}

/** Run the job and pack its counters (see counters-codec.ts). */
export function runJobTask(task: JobTask, progress?: JobProgress): ArrayBuffer {
  return encodeCounters(runJob(task.scenario, task.seed, "auto", progress));
}
