/**
 * The work a run asks for, before it starts: the packets it will simulate (offered rate × run
 * duration, warm-up included, for each job of this shard), and a rough wall time. A run
 * estimated at more than five minutes is refused unless `--yes` says it is meant: a stray
 * exponent in a rate or a duration should cost a message, not an afternoon.
 */
import type { ScenarioFile } from "../config/scenario.js";
import { planJobs } from "../pool/job-list.js";
import { shardJobs, type Shard } from "../pool/shard.js";
import { offeredPps } from "../traffic/packet-source.js";
import { UsageError } from "./usage-error.js";

/**
 * Simulated packets per second one thread manages on a modest machine: a low estimate of the
 * engine's speed (the bench prints 3–4 M packets/s per thread on a 2-core CI runner).
 */
export const PACKETS_PER_SECOND_PER_THREAD = 2e6;
/** Runs estimated longer than this need --yes. */
export const CONFIRM_ABOVE_S = 300;

/** Packets the run's jobs (this shard's) will simulate, and how many jobs there are. */
export function plannedWork(file: ScenarioFile, seed: number | undefined, shard: Shard | undefined): { packets: number; jobs: number } {
  const jobs = shardJobs(planJobs(file.points, seed), shard);
  let packets = 0;
  for (const job of jobs) {
    const scenario = file.points[job.point].scenario;
    packets += offeredPps(scenario.traffic) * (scenario.run.durationNs / 1e9);
  }
  return { packets, jobs: jobs.length };
}

function duration(s: number): string {
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 2 * 86400) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} days`;
}

/** Throws a UsageError when the run would take more than CONFIRM_ABOVE_S and `yes` is not set. */
export function confirmWork(command: string, file: ScenarioFile, options: { seed: number | undefined; shard: Shard | undefined; jobs: number; yes: boolean }): void {
  if (options.yes) return;
  const { packets, jobs } = plannedWork(file, options.seed, options.shard);
  // A job runs on one thread: more threads than jobs do not help.
  const threads = Math.max(1, Math.min(options.jobs, jobs));
  const seconds = packets / (PACKETS_PER_SECOND_PER_THREAD * threads);
  if (seconds <= CONFIRM_ABOVE_S) return;
  throw new UsageError(
    `${command}: ${packets.toPrecision(2)} packets to simulate, about ${duration(seconds)} on ${threads} thread${threads === 1 ? "" : "s"} (at ${PACKETS_PER_SECOND_PER_THREAD / 1e6} M packets/s each); pass --yes to run it, or shorten run.duration or lower the load`,
  );
}
