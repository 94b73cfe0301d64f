/**
 * Runs a loaded scenario for `run` and `bench`: the pool with a progress bar on a TTY and Ctrl-C
 * handling, then the output files (written atomically, only after the whole run succeeded).
 */
import type { ScenarioFile } from "../config/scenario.js";
import { RunInterruptedError } from "../pool/errors.js";
import { runSweep, type SweepOutcome } from "../pool/run-sweep.js";
import { hlogText } from "../report/hlog.js";
import { withInterrupt } from "./interrupt.js";
import { writeJsonResult, writeTextFile } from "./output.js";
import { ProgressBar, progressWanted } from "./progress.js";
import type { SweepOptionValues } from "./sweep-options.js";

/** The outcome, or undefined when Ctrl-C stopped the run (nothing was written). */
export async function runSweepCommand(file: ScenarioFile, options: SweepOptionValues): Promise<SweepOutcome | undefined> {
  const bar = progressWanted(process.stderr, process.env, options.quiet) ? new ProgressBar(process.stderr) : undefined;
  try {
    // The files are written inside: a Ctrl-C during the (synchronous) writes is seen after them.
    return await withInterrupt(async (signal) => {
      const outcome = await runSweep(file, {
        threads: options.jobs,
        signal,
        ...(options.seed === undefined ? {} : { seed: options.seed }),
        ...(options.shard === undefined ? {} : { shard: options.shard }),
        ...(bar === undefined ? {} : { onProgress: (p) => bar.update(p) }),
      });
      bar?.done();
      writeOutputFiles(outcome, file, options);
      return outcome;
    });
  } catch (error) {
    if (error instanceof RunInterruptedError) return undefined;
    throw error;
  } finally {
    bar?.done();
  }
}

function writeOutputFiles({ result, pointIndices }: SweepOutcome, file: ScenarioFile, options: SweepOptionValues): void {
  if (options.hlog !== undefined) {
    const windows = result.points.map((point, i) => {
      const run = file.points[pointIndices[i]].scenario.run;
      return ((run.durationNs - run.warmupNs) / 1e9) * point.replications;
    });
    writeTextFile("--hlog", options.hlog, hlogText(result.points, windows, result.generator));
  }
  if (options.json !== undefined) writeJsonResult(result, options.json);
}
