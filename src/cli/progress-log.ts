/**
 * Progress off a terminal (a CI log, `2> run.log`): a plain line on stderr at most every ten
 * seconds — nothing for a run shorter than that — since a redrawn bar would fill a log with
 * carriage returns. Like the bar it follows finished jobs and, in-process, the simulated time of
 * the running one.
 */
import type { SweepProgress } from "../pool/run-sweep.js";
import { progressLine, type ProgressTarget } from "./progress.js";

export const LOG_EVERY_MS = 10_000;

export class ProgressLog {
  private last: number;
  private readonly started: number;

  constructor(
    private readonly stream: ProgressTarget,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
    this.last = this.started;
  }

  update(p: SweepProgress): void {
    const t = this.now();
    if (t - this.last < LOG_EVERY_MS || p.jobsDone === p.jobsTotal) return;
    this.last = t;
    // The text of the bar's line without the bar itself (its width is irrelevant here).
    this.stream.write(`nicsim: ${progressLine(p, (t - this.started) / 1000, 1000).replace(/^\[[#-]*\] /, "")}\n`);
  }
}
