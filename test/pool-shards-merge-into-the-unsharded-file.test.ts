import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseShard } from "../src/cli/shard-option.js";
import { planJobs } from "../src/pool/job-list.js";
import { shardJobs } from "../src/pool/shard.js";
import { loadScenarioFile } from "../src/config/load.js";
import type { RunResult } from "../src/report/result-model.js";
import { CLI, nicsim, nicsimProcess } from "./cli-helpers.js";
import { POOL_SWEEP } from "./pool-helpers.js";
import { spawnSync } from "node:child_process";

/** `--shard K/N` runs a slice; `nicsim merge` of all slices is the unsharded file, byte for byte. */
describe("shards merge into the unsharded run's file", () => {
  let dir = "";
  let whole = "";
  const path = (name: string): string => join(dir, name);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "nicsim-shard-"));
    // The whole run on the built executable's pool; the shards in-process.
    expect(nicsimProcess(["run", POOL_SWEEP, "--jobs", "2", "--json", path("whole.json"), "--quiet"]).status).toBe(0);
    whole = readFileSync(path("whole.json"), "utf8");
    for (const k of [1, 2, 3]) {
      const r = await (await nicsim("run", POOL_SWEEP, "--jobs", "1", "--shard", `${k}/3`, "--json", path(`shard-${k}.json`), "--quiet"));
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("the slices are round-robin, disjoint and cover every job", () => {
    const jobs = planJobs(loadScenarioFile(POOL_SWEEP).points, undefined);
    const slices = [1, 2, 3].map((index) => shardJobs(jobs, { index, count: 3 }).map((j) => j.index));
    expect(slices[0]).toEqual([0, 3, 6, 9, 12, 15]);
    expect(slices.flat().sort((a, b) => a - b)).toEqual(jobs.map((j) => j.index));
  });

  it("a shard file says which shard it is and carries its jobs", () => {
    const shard = JSON.parse(readFileSync(path("shard-2.json"), "utf8")) as RunResult;
    expect(shard.shard).toMatchObject({ index: 2, count: 3, seedOverride: null, totalJobs: 18 });
    expect(shard.shard!.jobs.map((j) => j.index)).toEqual([1, 4, 7, 10, 13, 16]);
  });

  it("merge, in any order, writes the unsharded file byte for byte", async () => {
    const r = await nicsim("merge", path("shard-3.json"), path("shard-1.json"), path("shard-2.json"), "-o", path("merged.json"));
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(readFileSync(path("merged.json"), "utf8")).toBe(whole);
  });

  it("JOB_COMPLETION_INDEX (0-based) and NICSIM_SHARD_COUNT give the same shard as --shard", () => {
    const env = { ...process.env, JOB_COMPLETION_INDEX: "1", NICSIM_SHARD_COUNT: "3" };
    const r = spawnSync(process.execPath, [CLI, "run", POOL_SWEEP, "--jobs", "1", "--json", path("k8s-2.json"), "--quiet"], { env, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(readFileSync(path("k8s-2.json"), "utf8")).toBe(readFileSync(path("shard-2.json"), "utf8"));
  });

  it("parses the shard options", () => {
    expect(parseShard("2/4", {})).toEqual({ index: 2, count: 4 });
    expect(parseShard(undefined, {})).toBeUndefined();
    expect(parseShard(undefined, { JOB_COMPLETION_INDEX: "0", NICSIM_SHARD_COUNT: "4" })).toEqual({ index: 1, count: 4 });
    expect(parseShard("4", { JOB_COMPLETION_INDEX: "3" })).toEqual({ index: 4, count: 4 });
    expect(parseShard("1/2", { JOB_COMPLETION_INDEX: "3" })).toEqual({ index: 1, count: 2 });
    expect(() => parseShard("5/4", {})).toThrow('--shard: "5/4": K must be from 1 to 4');
    expect(() => parseShard("0/4", {})).toThrow("K must be from 1 to 4");
    expect(() => parseShard("x/4", {})).toThrow('"x/4" is not K/N');
    expect(() => parseShard("4", {})).toThrow("a bare N needs JOB_COMPLETION_INDEX");
    expect(() => parseShard(undefined, { JOB_COMPLETION_INDEX: "2" })).toThrow("set NICSIM_SHARD_COUNT");
    expect(() => parseShard(undefined, { JOB_COMPLETION_INDEX: "4", NICSIM_SHARD_COUNT: "4" })).toThrow("not an index from 0 to 3");
  });

  it("refuses shards that do not make one run, with one line and exit 2", async () => {
    const cases: Array<[string[], string]> = [
      [[path("shard-1.json"), path("shard-2.json")], "merge: missing shard 3/3"],
      [[path("shard-1.json"), path("shard-1.json"), path("shard-2.json")], `merge: ${path("shard-1.json")} and ${path("shard-1.json")} are both shard 1/3`],
      [[path("whole.json")], `merge: ${path("whole.json")} is not a shard file (it has no "shard" section; it was not run with --shard)`],
    ];
    for (const [files, message] of cases) {
      const r = await nicsim("merge", ...files, "-o", path("bad.json"));
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`nicsim: ${message}\n`);
    }
    expect((await nicsim("merge", path("shard-1.json"))).stderr).toBe("nicsim: merge: missing -o FILE (see nicsim help)\n");
  });
});
