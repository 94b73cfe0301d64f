/**
 * Gathers job results in any order and turns each point into its result as soon as its last
 * job arrives (then forgets that point's counters). Jobs of a point are merged in replication
 * order, so the result does not depend on arrival order.
 */
import type { SweepPoint } from "../config/scenario.js";
import type { JobCounters } from "../engine/counters.js";
import { pointResult } from "../report/point-result.js";
import type { PointResult } from "../report/result-model.js";
import type { JobSpec } from "./job-list.js";
import { pointSeed } from "./job-list.js";

export class PointCollector {
  private readonly pending = new Map<number, Map<number, JobCounters>>();
  private readonly expected = new Map<number, number>();
  private readonly done = new Map<number, PointResult>();

  /** `jobs`: the jobs this run will deliver (all of them, or one shard's). */
  constructor(
    private readonly points: readonly SweepPoint[],
    private readonly seedOverride: number | undefined,
    jobs: readonly JobSpec[],
  ) {
    for (const job of jobs) this.expected.set(job.point, (this.expected.get(job.point) ?? 0) + 1);
  }

  /** Points that will have a result. */
  get pointCount(): number {
    return this.expected.size;
  }

  /** Points already complete. */
  get completed(): number {
    return this.done.size;
  }

  /** Add a job's counters; returns the point's result when this was its last job. */
  add(job: JobSpec, counters: JobCounters): PointResult | undefined {
    const jobs = this.pending.get(job.point) ?? new Map<number, JobCounters>();
    this.pending.set(job.point, jobs);
    if (jobs.has(job.replication)) throw new Error(`job ${job.index} delivered twice`);
    jobs.set(job.replication, counters);
    if (jobs.size < (this.expected.get(job.point) ?? 0)) return undefined;
    this.pending.delete(job.point);
    const ordered = [...jobs.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
    const point = this.points[job.point];
    const result = pointResult(point.scenario, point.params, pointSeed(point, this.seedOverride), ordered);
    this.done.set(job.point, result);
    return result;
  }

  /** Indices (into the sweep points) of the points `results()` returns, in the same order. */
  pointIndices(): number[] {
    return [...this.expected.keys()].sort((a, b) => a - b);
  }

  /** Every point's result, in point order; throws if a point is still missing jobs. */
  results(): PointResult[] {
    if (this.pending.size > 0 || this.done.size !== this.expected.size) throw new Error("PointCollector: not every job has arrived");
    return [...this.done.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  }
}
