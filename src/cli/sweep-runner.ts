/**
 * Runs a loaded scenario for `run` and `bench`: the output paths are checked first, then the
 * pool runs (a progress bar on a TTY; SIGINT/SIGTERM keep their default action and end the
 * process at once, see interrupt.ts), then the output files are written together (output-set.ts).
 */
import type { ScenarioFile } from "../config/scenario.js";
import { runSweep, type SweepOutcome } from "../pool/run-sweep.js";
import { hlogText } from "../report/hlog.js";
import { planOutputs, writeOutputs, writesStdout, type PlannedOutput } from "./output-set.js";
import { resultJson } from "./output.js";
import { ProgressBar, progressWanted } from "./progress.js";
import { ProgressLog } from "./progress-log.js";
import type { SweepOptionValues } from "./sweep-options.js";
import { confirmWork } from "./work-estimate.js";

export interface SweepCommandOutcome extends SweepOutcome {
  /** Whether an output file went to stdout (then nothing else is printed there). */
  readonly stdoutTaken: boolean;
}

/** The outcome, after the output files are written. */
export async function runSweepCommand(file: ScenarioFile, options: SweepOptionValues, command = "run"): Promise<SweepCommandOutcome> {
  confirmWork(command, file, options);
  const outputs = planOutputs([
    { option: "--json", path: options.json },
    { option: "--hlog", path: options.hlog },
  ]);
  const bar = progressWanted(process.stderr, process.env, options.quiet) ? new ProgressBar(process.stderr) : undefined;
  const log = bar === undefined && !options.quiet ? new ProgressLog(process.stderr) : undefined;
  let outcome: SweepOutcome;
  try {
    outcome = await runSweep(file, {
      threads: options.jobs,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.shard === undefined ? {} : { shard: options.shard }),
      ...(bar !== undefined ? { onProgress: (p) => bar.update(p) } : log !== undefined ? { onProgress: (p) => log.update(p) } : {}),
    });
  } finally {
    bar?.done();
  }
  await writeOutputs(outputs.map((output) => ({ output, text: outputText(output, outcome, file) })));
  return { ...outcome, stdoutTaken: writesStdout(outputs) };
}

function outputText(output: PlannedOutput, { result, pointIndices }: SweepOutcome, file: ScenarioFile): string {
  if (output.option === "--json") return resultJson(result);
  const windows = result.points.map((point, i) => {
    const run = file.points[pointIndices[i]].scenario.run;
    return ((run.durationNs - run.warmupNs) / 1e9) * point.replications;
  });
  return hlogText(result.points, windows, result.generator);
}
