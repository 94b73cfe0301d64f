/**
 * Shards: the K-th of N slices of a job list, for spreading one sweep over machines (a CI
 * matrix, a Kubernetes Indexed Job). Slices are round-robin — job i belongs to shard
 * (i mod N) + 1 — so the cheap and the expensive ends of a sweep are spread evenly, and each
 * shard's jobs keep the list's order. `nicsim merge` puts the shards back together.
 */
import type { JobSpec } from "./job-list.js";

export interface Shard {
  /** 1-based: 1 ≤ index ≤ count. */
  readonly index: number;
  readonly count: number;
}

/** The jobs of shard `shard` (all of them when `shard` is undefined). */
export function shardJobs(jobs: readonly JobSpec[], shard: Shard | undefined): JobSpec[] {
  if (shard === undefined) return [...jobs];
  return jobs.filter((job) => job.index % shard.count === shard.index - 1);
}
