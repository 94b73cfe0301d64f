import type { ScenarioFile } from "../config/scenario.js";
import { runJob } from "../engine/job.js";
import type { JobCounters } from "../engine/counters.js";
import { pointResult } from "../report/point-result.js";
import { RESULT_SCHEMA_VERSION, type PointResult, type RunResult } from "../report/result-model.js";
import { deriveSeed } from "../traffic/prng.js";
import { GENERATOR } from "../version.js";

export interface RunOptions {
  /** Overrides `run.seed` of every point. */
  readonly seed?: number;
  /** Called after each point with its result and the simulated packets of its jobs. */
  readonly onPoint?: (index: number, total: number, point: PointResult, simulatedPackets: number) => void;
}

/**
 * Run every sweep point of a scenario file, each replication a job with its own seed derived
 * from (scenario seed, point index, replication), and merge each point's jobs into its result.
 */
export function runScenario(file: ScenarioFile, options: RunOptions = {}): RunResult {
  const points: PointResult[] = [];
  file.points.forEach((point, index) => {
    const scenario = point.scenario;
    const seed = options.seed ?? scenario.run.seed;
    const jobs: JobCounters[] = [];
    for (let r = 0; r < scenario.run.replications; r++) jobs.push(runJob(scenario, deriveSeed(seed, index, r)));
    const result = pointResult(scenario, point.params, seed, jobs);
    points.push(result);
    options.onPoint?.(index, file.points.length, result, jobs.reduce((s, j) => s + j.generatedPackets, 0));
  });
  return { schemaVersion: RESULT_SCHEMA_VERSION, generator: GENERATOR, source: file.source, scenario: file.raw, points };
}
