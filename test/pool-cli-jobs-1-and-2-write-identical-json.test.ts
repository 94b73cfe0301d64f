import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nicsimProcess } from "./cli-helpers.js";
import { POOL_SWEEP } from "./pool-helpers.js";

/** The promise, through the command users run: the thread count changes nothing in the file. */
describe("nicsim run --jobs 1 and --jobs 2 write the same file", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "nicsim-jobs-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("byte for byte, for a replicated sweep", () => {
    const texts = ["1", "2"].map((jobs) => {
      const out = join(dir, `jobs-${jobs}.json`);
      const r = nicsimProcess(["run", POOL_SWEEP, "--jobs", jobs, "--json", out, "--quiet"]);
      expect(r.stderr).toBe("");
      expect(r.stdout).toBe("");
      expect(r.status).toBe(0);
      return readFileSync(out, "utf8");
    });
    expect(texts[1]).toBe(texts[0]);
    expect(JSON.parse(texts[0]).points).toHaveLength(6);
  });

  it("--jobs 0 is refused with one line", () => {
    const r = nicsimProcess(["run", POOL_SWEEP, "--jobs", "0"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('nicsim: --jobs: "0" is not a thread count from 1 to 1024\n');
  });
});
