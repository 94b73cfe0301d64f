/**
 * Runs probes — a configuration at a load, several replications — in batches on the pool.
 *
 * One executor (worker threads, or in-process for one thread) serves every batch of a search,
 * so threads start once. A probe's replication r of configuration k has the seed
 * deriveSeed(seed, k, r) whatever its load: every load of a configuration sees the same random
 * streams (common random numbers), so a figure moves with the load and not with the seed, and a
 * probe's outcome does not depend on which batch it ran in or on the thread count.
 */
import type { Scenario } from "../config/scenario.js";
import type { JobCounters } from "../engine/counters.js";
import { decodeCounters } from "../pool/counters-codec.js";
import type { JobExecutor } from "../pool/executor.js";
import { inProcessExecutor } from "../pool/in-process-executor.js";
import type { JobSpec } from "../pool/job-list.js";
import { runJobs } from "../pool/run-jobs.js";
import { threadExecutor } from "../pool/thread-executor.js";
import { deriveSeed } from "../traffic/prng.js";

export interface ProbeRequest {
  /** Index of the configuration: its seeds derive from it. */
  readonly configuration: number;
  readonly scenario: Scenario;
  /** Names the probe in a failure message. */
  readonly label: string;
}

export interface ProbeRunnerOptions {
  readonly seed: number;
  readonly replications: number;
  /** Worker threads; 1 runs in-process. */
  readonly threads: number;
  readonly workerFile?: string | URL;
  readonly signal?: AbortSignal;
}

export class ProbeRunner {
  private readonly executor: JobExecutor;
  /** Jobs run so far, and packets they simulated. */
  jobs = 0;
  simulatedPackets = 0;

  constructor(private readonly options: ProbeRunnerOptions) {
    const pool = options.threads > 1 ? threadExecutor(options.threads, options.workerFile) : inProcessExecutor();
    // runJobs closes its executor when a batch ends; this one lives until close().
    this.executor = {
      threads: pool.threads,
      inFlight: pool.inFlight,
      run: (t) => pool.run(t),
      close: async () => {},
      destroy: () => {
        this.destroyed = true;
        return pool.destroy();
      },
    };
    this.closeExecutor = () => (this.destroyed ? Promise.resolve() : pool.close());
  }

  private destroyed = false;
  private readonly closeExecutor: () => Promise<void>;

  get threads(): number {
    return this.executor.threads;
  }

  /** The job counters of each probe, replications in order. */
  async run(probes: readonly ProbeRequest[]): Promise<JobCounters[][]> {
    const { seed, replications, signal } = this.options;
    const jobs: JobSpec[] = [];
    probes.forEach((probe, p) => {
      for (let r = 0; r < replications; r++) jobs.push({ index: jobs.length, point: p, replication: r, seed: deriveSeed(seed, probe.configuration, r) });
    });
    const out: JobCounters[][] = probes.map(() => new Array<JobCounters>(replications));
    await runJobs(jobs, this.executor, {
      taskOf: (job) => ({ scenario: probes[job.point].scenario, seed: job.seed }),
      describe: (job) => `${probes[job.point].label}, replication ${job.replication} (seed ${job.seed})`,
      ...(signal === undefined ? {} : { signal }),
      onResult: (job, buffer) => {
        const counters = decodeCounters(buffer);
        this.jobs++;
        this.simulatedPackets += counters.generatedPackets;
        out[job.point][job.replication] = counters;
      },
    });
    return out;
  }

  close(): Promise<void> {
    return this.closeExecutor();
  }
}
