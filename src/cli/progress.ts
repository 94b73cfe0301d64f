/**
 * The progress bar on stderr: points done, simulated packets per second of wall time, and an
 * estimate of the time left (wall time per finished job × jobs left). Drawn only on a terminal,
 * never when `CI` is set or with `--quiet`, and redrawn at most ten times a second; the line is
 * erased when the run ends, so it never mixes with a table on stdout.
 */
import type { SweepProgress } from "../pool/run-sweep.js";

export interface ProgressTarget {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

/** Whether to draw: a TTY, no `CI` variable (any value but "" or "false"), not quiet. */
export function progressWanted(stream: ProgressTarget, env: NodeJS.ProcessEnv, quiet: boolean): boolean {
  const ci = env.CI;
  return stream.isTTY === true && (ci === undefined || ci === "" || ci === "false") && !quiet;
}

function duration(s: number): string {
  if (!Number.isFinite(s)) return "?";
  if (s < 60) return `${Math.ceil(s)} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${Math.round(s - 60 * m)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** One line of progress, at most `width` characters. */
export function progressLine(p: SweepProgress, elapsedS: number, width = 80): string {
  const rate = elapsedS > 0 ? p.simulatedPackets / elapsedS : 0;
  // Work done in jobs: the finished ones and the simulated time of the one running in-process.
  const done = p.jobsDone + p.runningJobDone;
  const left = done > 0 ? (elapsedS / done) * (p.jobsTotal - done) : Number.NaN;
  const text = [
    `${p.pointsDone}/${p.pointsTotal} points`,
    ...(p.jobsTotal !== p.pointsTotal ? [`${p.jobsDone}/${p.jobsTotal} jobs`] : []),
    ...(p.runningJobDone > 0 ? [`${Math.floor(100 * p.runningJobDone)}% of the running job`] : []),
    `${(rate / 1e6).toFixed(1)} M sim pkt/s`,
    `${duration(left)} left`,
  ].join(" · ");
  const barWidth = Math.max(0, Math.min(30, width - text.length - 4));
  const filled = p.jobsTotal > 0 ? Math.round((barWidth * done) / p.jobsTotal) : barWidth;
  const bar = barWidth > 0 ? `[${"#".repeat(filled)}${"-".repeat(barWidth - filled)}] ` : "";
  return `${bar}${text}`.slice(0, width - 1);
}

export class ProgressBar {
  private lastDraw = Number.NEGATIVE_INFINITY;
  private drawn = false;
  private readonly started: number;

  constructor(
    private readonly stream: ProgressTarget,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  update(p: SweepProgress): void {
    const t = this.now();
    if (t - this.lastDraw < 100 && p.jobsDone < p.jobsTotal) return;
    this.lastDraw = t;
    this.drawn = true;
    this.stream.write(`\r\x1b[2K${progressLine(p, (t - this.started) / 1000, this.stream.columns || 80)}`);
  }

  /** Erase the line. */
  done(): void {
    if (this.drawn) this.stream.write("\r\x1b[2K");
    this.drawn = false;
  }
}
