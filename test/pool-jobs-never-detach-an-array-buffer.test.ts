import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { POOL_SWEEP } from "./pool-helpers.js";

/**
 * No thread that runs jobs ever detaches an ArrayBuffer. The first detach in a V8 isolate (a
 * postMessage transfer, a WebAssembly memory growing, ArrayBuffer.prototype.transfer) invalidates
 * its "ArrayBufferDetaching" protector: optimised typed-array code is thrown away and from then on
 * checks every access, and the engine's loops ran ~10% slower in a pool thread that transferred
 * its counters back (src/pool/thread-loop.ts). V8 says when a protector falls with
 * --trace-protector-invalidation (it traces worker threads too): the run below, in-process, on one
 * pool thread and on two, must not print it. One spawned process of the built code, ~0.5 s.
 */
const FLAG = "--trace-protector-invalidation";
const known = spawnSync(process.execPath, ["--v8-options"], { encoding: "utf8" }).stdout.includes(FLAG);

describe.skipIf(!known)("the pool's threads never detach an ArrayBuffer (skipped where node has no --trace-protector-invalidation)", () => {
  it("in-process, on one pool thread and on two (V8 invalidates no ArrayBufferDetaching protector)", () => {
    const dist = (file: string): string => JSON.stringify(pathToFileURL(resolve("dist/src", file)).href);
    const script = [
      `import { loadScenarioFile } from ${dist("config/load.js")};`,
      `import { runSweep } from ${dist("pool/run-sweep.js")};`,
      `const file = loadScenarioFile(${JSON.stringify(resolve(POOL_SWEEP))});`,
      `for (const options of [{ threads: 1 }, { threads: 1, mode: "pool" }, { threads: 2 }]) await runSweep(file, options);`,
      `console.log("ran 3 sweeps");`,
    ].join("\n");
    // A file, not `-e`: worker threads inherit the process's options, and `--input-type` stops them.
    const dir = mkdtempSync(join(tmpdir(), "nicsim-detach-"));
    const file = join(dir, "three-sweeps.mjs");
    writeFileSync(file, script);
    const run = spawnSync(process.execPath, [FLAG, file], { encoding: "utf8" });
    rmSync(dir, { recursive: true, force: true });
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("ran 3 sweeps");
    expect(run.stdout).not.toContain("Invalidating protector cell ArrayBufferDetaching");
  });
});
