import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { progressLine, progressWanted, ProgressBar } from "../src/cli/progress.js";
import { CLI, nicsimProcess } from "./cli-helpers.js";
import { POOL_SWEEP } from "./pool-helpers.js";

const progress = { jobsDone: 6, jobsTotal: 18, pointsDone: 2, pointsTotal: 6, simulatedPackets: 12e6, runningJobDone: 0 };

/** The progress bar: points done, simulated packets/s, time left — on a terminal only, never under CI or --quiet. */
describe("the progress bar", () => {

  it("shows points, jobs, simulated packets per second and the time left", () => {
    // 6 of 18 jobs in 2 s: 4 s left; 12 M packets in 2 s: 6.0 M/s.
    expect(progressLine(progress, 2, 100)).toBe("[##########--------------------] 2/6 points · 6/18 jobs · 6.0 M sim pkt/s · 4 s left");
    expect(progressLine({ ...progress, jobsTotal: 6, jobsDone: 2 }, 2, 60)).toBe("[######-----------] 2/6 points · 6.0 M sim pkt/s · 4 s left");
    expect(progressLine({ ...progress, jobsDone: 0, simulatedPackets: 0 }, 0, 100)).toMatch(/ · \? left$/);
  });

  it("is wanted on a TTY only, and not when CI is set or --quiet is given", () => {
    expect(progressWanted({ isTTY: true, write: () => true }, {}, false)).toBe(true);
    expect(progressWanted({ isTTY: false, write: () => true }, {}, false)).toBe(false);
    expect(progressWanted({ isTTY: true, write: () => true }, { CI: "true" }, false)).toBe(false);
    expect(progressWanted({ isTTY: true, write: () => true }, { CI: "1" }, false)).toBe(false);
    expect(progressWanted({ isTTY: true, write: () => true }, { CI: "false" }, false)).toBe(true);
    expect(progressWanted({ isTTY: true, write: () => true }, {}, true)).toBe(false);
  });

  it("redraws at most every 100 ms, always at the end, and erases itself", () => {
    const written: string[] = [];
    let now = 0;
    const bar = new ProgressBar({ isTTY: true, columns: 100, write: (s: string) => written.push(s) }, () => now);
    bar.update(progress);
    now = 50;
    bar.update({ ...progress, jobsDone: 7 });
    now = 120;
    bar.update({ ...progress, jobsDone: 8 });
    now = 130;
    bar.update({ ...progress, jobsDone: 18, pointsDone: 6 });
    bar.done();
    expect(written).toHaveLength(4);
    expect(written.every((s) => s.startsWith("\r\x1b[2K"))).toBe(true);
    expect(written[3]).toBe("\r\x1b[2K");
  });

  it("a real run on a pseudo-terminal draws it on stderr; piped or under CI it does not", () => {
    const env = { ...process.env };
    delete env.CI;
    // script(1) gives the command a terminal; its output is the terminal's (stdout and stderr together).
    const tty = spawnSync("script", ["-qec", `${process.execPath} ${CLI} run ${POOL_SWEEP} --jobs 1`, "/dev/null"], { encoding: "utf8", env });
    if (tty.error !== undefined) return; // no script(1): the unit tests above still hold
    expect(tty.status).toBe(0);
    expect(tty.stdout).toMatch(/\r\x1b\[2K\[[#-]+\] \d\/6 points · \d+\/18 jobs · [\d.]+ M sim pkt\/s/);
    const underCi = spawnSync("script", ["-qec", `${process.execPath} ${CLI} run ${POOL_SWEEP} --jobs 1`, "/dev/null"], { encoding: "utf8", env: { ...env, CI: "true" } });
    expect(underCi.stdout).not.toContain("points ·");
    const piped = nicsimProcess(["run", POOL_SWEEP, "--jobs", "1"]);
    expect(piped.stderr).toBe("");
  });
});
