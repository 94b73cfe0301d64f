/**
 * The job list of a run: every sweep point × replication, in that order (point-major), each with
 * the seed derived from (point's base seed, point index, replication). Each job names its point
 * and replication, so a sweep over `run.replications` (points with different counts) works too.
 * The results do not depend on which worker runs a job or when: only on this list.
 */
import type { SweepPoint } from "../config/scenario.js";
import { deriveSeed } from "../traffic/prng.js";

export interface JobSpec {
  /** Position in the whole (unsharded) job list: 0, 1, 2, … */
  readonly index: number;
  /** Sweep point index. */
  readonly point: number;
  readonly replication: number;
  /** The job's own seed: deriveSeed(base seed, point, replication). */
  readonly seed: number;
}

/** The base seed of a point: the override (`--seed`) or the point's `run.seed`. */
export function pointSeed(point: SweepPoint, seedOverride: number | undefined): number {
  return seedOverride ?? point.scenario.run.seed;
}

/** Every job of the run, point-major, replications in order. */
export function planJobs(points: readonly SweepPoint[], seedOverride: number | undefined): JobSpec[] {
  const jobs: JobSpec[] = [];
  points.forEach((point, p) => {
    const base = pointSeed(point, seedOverride);
    for (let r = 0; r < point.scenario.run.replications; r++) {
      jobs.push({ index: jobs.length, point: p, replication: r, seed: deriveSeed(base, p, r) });
    }
  });
  return jobs;
}
