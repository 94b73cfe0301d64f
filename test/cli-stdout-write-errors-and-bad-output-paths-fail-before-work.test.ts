import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./output-helpers.js";

const TINY = "test/fixtures/cli/tiny.yaml";
/** Tens of seconds of simulation: a check made after the run would outlive the test's timeout. */
const LONG_POINT = "test/fixtures/outputs/long-point.yaml";

/**
 * stdout is an output like the others: `> /dev/full` fails with exit 2 and one line. Output paths
 * are checked before any simulation, and a command whose outputs cannot all be written writes none.
 */
describe("stdout errors and output paths", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "nicsim-paths-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const args of [["run", TINY], ["validate", TINY], ["run", TINY, "--json", "-"]]) {
    it(`nicsim ${args.join(" ")} > /dev/full: exit 2, one line`, async (ctx) => {
      if (!existsSync("/dev/full")) return ctx.skip("no /dev/full here");
      const fd = openSync("/dev/full", "w");
      try {
        const r = await runCli(args, fd);
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(/^nicsim: cannot write to stdout \(ENOSPC(: no space left on device)?\)\n$|^nicsim: --json -: cannot write \(ENOSPC: no space left on device\)\n$/);
      } finally {
        closeSync(fd);
      }
    });
  }

  it("a missing output directory is found before simulating, and the other output is not written", { timeout: 15_000 }, async () => {
    const hlog = join(dir, "h.hlog");
    const r = await runCli(["run", LONG_POINT, "--hlog", hlog, "--json", "/nonexistent/x.json"]);
    expect([r.status, r.stdout, r.stderr]).toEqual([2, "", "nicsim: --json /nonexistent/x.json: the directory /nonexistent does not exist\n"]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("the same file named twice is refused before simulating", { timeout: 15_000 }, async () => {
    const out = join(dir, "same.json");
    const again = `${dir}/./same.json`;
    const r = await runCli(["run", LONG_POINT, "--json", out, "--hlog", again]);
    expect([r.status, r.stderr]).toEqual([2, `nicsim: --hlog ${again}: the same file as --json ${out}\n`]);
    expect(readdirSync(dir)).toEqual([]);
  });
});
