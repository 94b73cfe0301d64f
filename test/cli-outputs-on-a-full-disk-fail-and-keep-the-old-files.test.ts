import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { nicsim } from "./cli-helpers.js";
import { mountTmpfs, unmount } from "./output-helpers.js";

const SWEEP = "test/fixtures/outputs/sixteen-points.yaml";
const OLD = "the old file, which a failed write must leave as it was\n";

/**
 * A disk that fills up during a write: write(2) first writes what fits, and only the next call
 * fails. Each output (run --json and --hlog, report --html, merge -o) must then fail with exit 2
 * and one line naming the option and ENOSPC, keep the old file whole, leave no temporary file,
 * and write none of the command's other outputs. The disk is a 16 KiB tmpfs, filled up to its
 * last 4 KiB page before each command; every output here is larger than that. The commands run
 * in-process (test/cli-helpers.ts `nicsim`): what is tested is how nicsim writes its files.
 */
describe("outputs on a full disk", () => {
  let dir = "";
  let full = "";
  let skipReason: string | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "nicsim-full-"));
    full = join(dir, "full");
    mkdirSync(full);
    skipReason = mountTmpfs(full, "16k");
    if (skipReason !== undefined) return;
    // A result and a 1-of-1 shard to report on and merge (outside the small disk).
    const made = await nicsim("run", SWEEP, "--jobs", "1", "--quiet", "--shard", "1/1", "--json", join(dir, "shard.json"));
    expect(made.status).toBe(0);
    const plain = await nicsim("run", SWEEP, "--jobs", "1", "--quiet", "--json", join(dir, "result.json"));
    expect(plain.status).toBe(0);
  });
  afterAll(() => {
    if (skipReason === undefined) unmount(full);
    rmSync(dir, { recursive: true, force: true });
  });

  /** The old file, then a filler that leaves one free page. */
  beforeEach(() => {
    if (skipReason !== undefined) return;
    for (const name of readdirSync(full)) rmSync(join(full, name));
    for (const name of ["out.json", "out.hlog", "out.html"]) writeFileSync(join(full, name), OLD);
    const fs = statfsSync(full);
    const fill = fs.bavail * fs.bsize - 4096;
    const fd = openSync(join(full, "filler"), "w");
    writeSync(fd, Buffer.alloc(fill, 1));
    closeSync(fd);
  });

  function expectFailed(r: { status: number | null; stdout: string; stderr: string }, option: string, path: string): void {
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(new RegExp(`^nicsim: ${option} ${path.replace(/[.]/g, "\\.")}: cannot write \\(ENOSPC: no space left on device\\)(; no output file was written)?\\n$`));
  }
  function expectUntouched(): void {
    expect(readdirSync(full).sort()).toEqual(["filler", "out.hlog", "out.html", "out.json"]);
    for (const name of ["out.json", "out.hlog", "out.html"]) expect(readFileSync(join(full, name), "utf8")).toBe(OLD);
  }

  it("run --json: exit 2, the old file kept, and --hlog elsewhere not written either", async (ctx) => {
    if (skipReason !== undefined) return ctx.skip(skipReason);
    const out = join(full, "out.json");
    const hlog = join(dir, "elsewhere.hlog");
    const r = await nicsim("run", SWEEP, "--jobs", "1", "--json", out, "--hlog", hlog);
    expectFailed(r, "--json", out);
    expect(r.stderr).toContain("no output file was written");
    expectUntouched();
    expect(existsSync(hlog)).toBe(false);
    expect(readdirSync(dir).filter((n) => n.startsWith("."))).toEqual([]);
  });

  it("run --hlog: exit 2, the old file kept", async (ctx) => {
    if (skipReason !== undefined) return ctx.skip(skipReason);
    const out = join(full, "out.hlog");
    expectFailed(await nicsim("run", SWEEP, "--jobs", "1", "--quiet", "--hlog", out), "--hlog", out);
    expectUntouched();
  });

  it("report --html: exit 2, the old file kept", async (ctx) => {
    if (skipReason !== undefined) return ctx.skip(skipReason);
    const out = join(full, "out.html");
    expectFailed(await nicsim("report", join(dir, "result.json"), "--html", out), "--html", out);
    expectUntouched();
  });

  it("merge -o: exit 2, the old file kept", async (ctx) => {
    if (skipReason !== undefined) return ctx.skip(skipReason);
    const out = join(full, "out.json");
    expectFailed(await nicsim("merge", join(dir, "shard.json"), "-o", out), "-o", out);
    expectUntouched();
  });
});
