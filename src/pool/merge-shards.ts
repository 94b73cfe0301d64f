/**
 * `nicsim merge`: shard files back into the document the unsharded run writes, byte for byte.
 * Each shard file carries its jobs' raw counters; the merge re-expands the scenario, checks that
 * the shards are of one run and cover every job exactly once, and merges each point from its
 * jobs in replication order — the same arithmetic as an unsharded run.
 */
import { expandSweep } from "../config/sweep.js";
import { RESULT_SCHEMA_VERSION, type RunResult, type ShardSection } from "../report/result-model.js";
import { countersFromBase64, decodeCounters } from "./counters-codec.js";
import { planJobs } from "./job-list.js";
import { PointCollector } from "./point-collector.js";

/** The shards do not make one run: a bad input, reported as one line. */
export class ShardMergeError extends Error {
  override readonly name = "ShardMergeError";
}

export interface NamedResult {
  /** The file it came from, for messages. */
  readonly name: string;
  readonly result: RunResult;
}

export function mergeShards(files: readonly NamedResult[]): RunResult {
  if (files.length === 0) throw new ShardMergeError("no shard files given");
  const shards: Array<NamedResult & { readonly shard: ShardSection }> = files.map(({ name, result }) => {
    if (result.shard === undefined) throw new ShardMergeError(`${name} is not a shard file (it has no "shard" section; it was not run with --shard)`);
    if (result.schemaVersion !== RESULT_SCHEMA_VERSION) throw new ShardMergeError(`${name} has schemaVersion ${result.schemaVersion}; shards are version ${RESULT_SCHEMA_VERSION}`);
    return { name, result, shard: result.shard };
  });
  const first = shards[0];
  const scenarioText = JSON.stringify(first.result.scenario);
  for (const s of shards.slice(1)) {
    const differs = (what: string): never => {
      throw new ShardMergeError(`${s.name} and ${first.name} are not shards of one run (different ${what})`);
    };
    if (s.shard.count !== first.shard.count) differs(`shard counts: ${s.shard.count} and ${first.shard.count}`);
    if (s.result.generator !== first.result.generator) differs(`generators: ${s.result.generator} and ${first.result.generator}`);
    if (JSON.stringify(s.result.scenario) !== scenarioText) differs("scenarios");
    if (s.shard.seedOverride !== first.shard.seedOverride) differs(`--seed: ${s.shard.seedOverride} and ${first.shard.seedOverride}`);
  }
  const seen = new Map<number, string>();
  for (const s of shards) {
    const other = seen.get(s.shard.index);
    if (other !== undefined) throw new ShardMergeError(`${s.name} and ${other} are both shard ${s.shard.index}/${s.shard.count}`);
    seen.set(s.shard.index, s.name);
  }
  const missing = Array.from({ length: first.shard.count }, (_, i) => i + 1).filter((k) => !seen.has(k));
  if (missing.length > 0) throw new ShardMergeError(`missing shard${missing.length > 1 ? "s" : ""} ${missing.map((k) => `${k}/${first.shard.count}`).join(", ")}`);

  const points = expandSweep(first.result.scenario);
  const seedOverride = first.shard.seedOverride ?? undefined;
  const jobs = planJobs(points, seedOverride);
  if (jobs.length !== first.shard.totalJobs) {
    throw new ShardMergeError(`${first.name}: the scenario gives ${jobs.length} jobs, the shard says ${first.shard.totalJobs}`);
  }
  const collector = new PointCollector(points, seedOverride, jobs);
  const delivered = new Set<number>();
  for (const s of shards) {
    for (const entry of s.shard.jobs) {
      const job = jobs[entry.index];
      if (job === undefined || job.point !== entry.point || job.replication !== entry.replication || job.seed !== entry.seed) {
        throw new ShardMergeError(`${s.name}: job ${entry.index} does not match the scenario's job list`);
      }
      if (delivered.has(job.index)) throw new ShardMergeError(`${s.name}: job ${job.index} is in more than one shard`);
      delivered.add(job.index);
      let counters;
      try {
        counters = decodeCounters(countersFromBase64(entry.counters));
      } catch (error) {
        throw new ShardMergeError(`${s.name}: job ${job.index}: ${error instanceof Error ? error.message : String(error)}`);
      }
      collector.add(job, counters);
    }
  }
  if (delivered.size !== jobs.length) throw new ShardMergeError(`the shards hold ${delivered.size} of ${jobs.length} jobs`);
  const { schemaVersion, generator, source, scenario } = first.result;
  return { schemaVersion, generator, source, scenario, points: collector.results() };
}
