import { spawnSync } from "node:child_process";
import { createReadStream, lstatSync, mkdtempSync, readFileSync, readlinkSync, readdirSync, rmSync, writeFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nicsim } from "./cli-helpers.js";
import { runCli } from "./output-helpers.js";

const TINY = "test/fixtures/cli/tiny.yaml";

/** Read a FIFO to its end (the writer closing it). */
function drain(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    createReadStream(path, "utf8")
      .on("data", (d) => (text += String(d)))
      .on("end", () => resolve(text))
      .on("error", reject);
  });
}

/**
 * An output path that is not a plain file is written the way `> PATH` in a shell writes it: a
 * FIFO and a character device get the bytes in place and stay what they are; a symlink is
 * followed and its target replaced (atomically), the link kept; a descriptor of this process
 * (`/proc/self/fd/1`) is standard output. nicsim runs in-process (test/cli-helpers.ts `nicsim`)
 * but for that last case, which needs a process of its own.
 */
describe("special output paths", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "nicsim-special-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a FIFO receives the document and stays a FIFO", async () => {
    const fifo = join(dir, "results.fifo");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const [text, r] = await Promise.all([drain(fifo), nicsim("run", TINY, "--quiet", "--json", fifo)]);
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(JSON.parse(text)).toMatchObject({ schemaVersion: expect.any(Number) });
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it("a character device is written in place, never replaced: /dev/null-like takes it, /dev/full-like fails", async (ctx) => {
    const nul = join(dir, "null");
    const full = join(dir, "full");
    if (spawnSync("mknod", [nul, "c", "1", "3"]).status !== 0 || spawnSync("mknod", [full, "c", "1", "7"]).status !== 0) {
      return ctx.skip("mknod needs root (CAP_MKNOD)");
    }
    try {
      writeFileSync(nul, "probe");
    } catch {
      return ctx.skip("device nodes cannot be opened on this file system (nodev)");
    }
    const ok = await nicsim("run", TINY, "--quiet", "--json", nul);
    expect([ok.status, ok.stderr]).toEqual([0, ""]);
    expect(lstatSync(nul).isCharacterDevice()).toBe(true);
    const bad = await nicsim("run", TINY, "--quiet", "--json", full);
    expect([bad.status, bad.stderr]).toEqual([2, `nicsim: --json ${full}: cannot write (ENOSPC: no space left on device)\n`]);
    expect(lstatSync(full).isCharacterDevice()).toBe(true);
  });

  it("a symlink is followed: its target gets the document, the link stays a link", async () => {
    const sub = mkdtempSync(join(dir, "link-"));
    writeFileSync(join(sub, "target.json"), "old\n");
    symlinkSync("target.json", join(sub, "latest.json"));
    symlinkSync("new-target.json", join(sub, "dangling.json"));
    const r = await nicsim("run", TINY, "--quiet", "--json", join(sub, "latest.json"), "--hlog", join(sub, "dangling.json"));
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(lstatSync(join(sub, "latest.json")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(sub, "latest.json"))).toBe("target.json");
    expect(JSON.parse(readFileSync(join(sub, "target.json"), "utf8"))).toMatchObject({ schemaVersion: expect.any(Number) });
    expect(lstatSync(join(sub, "dangling.json")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(sub, "new-target.json"), "utf8")).toMatch(/^#\[/);
    expect(readdirSync(sub).sort()).toEqual(["dangling.json", "latest.json", "new-target.json", "target.json"]);
  });

  it("/proc/self/fd/1 is standard output", async () => {
    const r = await runCli(["run", TINY, "--json", "/proc/self/fd/1"]);
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(JSON.parse(r.stdout)).toMatchObject({ schemaVersion: expect.any(Number) });
  });

  it("a directory is refused before the run", async () => {
    const r = await nicsim("run", TINY, "--quiet", "--json", dir);
    expect([r.status, r.stderr]).toEqual([2, `nicsim: --json ${dir}: is a directory; nicsim writes regular files, FIFOs and character devices\n`]);
  });
});
