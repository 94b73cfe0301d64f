import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI } from "./cli-helpers.js";

const LONG = "test/fixtures/pool/long-sweep.yaml";

interface Stopped {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  /** Wall time from SIGINT to exit. */
  readonly afterSignalMs: number;
}

/** Start `nicsim run LONG …`, send SIGINT after `delayMs`, and wait for the exit. */
function interrupt(args: string[], delayMs: number): Promise<Stopped> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.NICSIM_DEBUG;
    const child = spawn(process.execPath, [CLI, "run", LONG, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    let sentAt = 0;
    const timer = setTimeout(() => {
      sentAt = performance.now();
      child.kill("SIGINT");
    }, delayMs);
    child.on("error", reject);
    child.on("exit", (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stderr, afterSignalMs: sentAt === 0 ? Number.NaN : performance.now() - sentAt });
    });
  });
}

/**
 * Ctrl-C: the process ends at once by the signal (the shell reports 130; src/cli/interrupt.ts
 * says why it dies by the signal), no file appears under the requested name (nor a temporary one).
 */
describe("Ctrl-C stops a run", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "nicsim-sigint-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("on the pool: ended by SIGINT promptly, nothing written", async () => {
    const out = join(dir, "pool.json");
    const r = await interrupt(["--jobs", "2", "--json", out, "--hlog", join(dir, "pool.hlog")], 1200);
    expect(r.stderr).toBe("");
    expect([r.status, r.signal]).toEqual([null, "SIGINT"]);
    expect(r.afterSignalMs).toBeLessThan(2000);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("in-process (--jobs 1): ended by SIGINT during the job under way, nothing written", async () => {
    const out = join(dir, "seq.json");
    const r = await interrupt(["--jobs", "1", "--json", out], 800);
    expect(r.stderr).toBe("");
    expect([r.status, r.signal]).toEqual([null, "SIGINT"]);
    expect(r.afterSignalMs).toBeLessThan(3000);
    expect(readdirSync(dir)).toEqual([]);
  });
});
