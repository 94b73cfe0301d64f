import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCli } from "./output-helpers.js";

/** One point of 120 s simulated: tens of seconds of one synchronous loop in-process. */
const LONG_POINT = "test/fixtures/outputs/long-point.yaml";

/**
 * SIGINT (Ctrl-C) or SIGTERM during a single-point run — in-process whatever --jobs says — ends
 * the process by that signal (the shell reports 130 or 143), writes no file and no temporary
 * file. The point takes tens of seconds, so a process that ignored the signal would outlive this
 * test's timeout: the test fails by timing out rather than by measuring time.
 */
describe("signals stop a single-point run", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "nicsim-signal-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const [signal, jobs] of [["SIGINT", "1"], ["SIGINT", "4"], ["SIGTERM", "1"]] as const) {
    it(`${signal} with --jobs ${jobs}: ended by the signal, nothing written`, { timeout: 15_000 }, async () => {
      const sub = mkdtempSync(join(dir, `${signal}-${jobs}-`));
      const run = startCli(["run", LONG_POINT, "--jobs", jobs, "--json", join(sub, "out.json"), "--hlog", join(sub, "out.hlog")]);
      // Let it load the scenario and start simulating (the point alone takes tens of seconds).
      await new Promise((resolve) => setTimeout(resolve, 1500));
      run.kill(signal);
      const r = await run.done;
      expect([r.status, r.signal, r.stdout, r.stderr]).toEqual([null, signal, "", ""]);
      expect(readdirSync(sub)).toEqual([]);
    });
  }

  it("a signal held while files are written ends the process after the write (exit by the signal)", async () => {
    // The hold itself, in a child: the signal arrives during synchronous work and is seen afterwards.
    const script = `
      import { holdStopSignals, dieBy } from "./dist/src/cli/interrupt.js";
      const held = holdStopSignals();
      process.kill(process.pid, "SIGINT");
      let x = 0; for (let i = 0; i < 1e7; i++) x += i;
      process.stdout.write("survived the synchronous part\\n");
      const s = await held.arrived();
      held.release();
      if (s !== undefined) dieBy(s);
      process.stdout.write("not reached\\n");`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on("close", (c, s) => resolve([c, s])));
    expect([status, signal, out]).toEqual([null, "SIGINT", "survived the synchronous part\n"]);
  });
});
