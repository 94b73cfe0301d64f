import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, LoadError, expandSweep, loadScenarioText, parseDuration } from "../src/config/index.js";
import { parseRouteQuery, QueryError } from "../src/routing/index.js";
import { nicsim } from "./cli-helpers.js";

const BASE = {
  host: { cpus: 4 },
  nics: [{ name: "eth0", addresses: ["10.0.0.1/24"], maxQueues: 4 }],
  traffic: { flows: 16, src: "192.0.2.0/24", dst: "10.0.0.1", load: { pps: 100000 } },
  run: { duration: "1ms" },
};

function configError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof LoadError) return error.message;
    throw error;
  }
  throw new Error("no error");
}

/** Issue 19, defects 5, 6 and 10: each message names the problem once, in words a user typed. */
describe("messages", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "nicsim-messages-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("two sweep axes that set the same field are an error", async () => {
    expect(configError(() => expandSweep({ ...BASE, sweep: { queues: [1, 2], "nics[0].queues": [3, 4] } }))).toBe(
      'sweep."nics[0].queues": sets the same field as the axis "queues"; keep one of them',
    );
    expect(configError(() => expandSweep({ ...BASE, sweep: { "traffic.load": [1], "traffic.load.pps": [3, 4] } }))).toBe(
      'sweep."traffic.load.pps": sets the same field as the axis "traffic.load"; keep one of them',
    );
    expect(expandSweep({ ...BASE, sweep: { "traffic.load.pps": [1000, 2000], "nics[0].queues": [1, 2] } })).toHaveLength(4);
  });

  it("a value every sweep point replaces is still validated", async () => {
    const nics = [{ ...BASE.nics[0], queues: 9 }];
    expect(configError(() => expandSweep({ ...BASE, nics, sweep: { queues: [1, 2] } }))).toBe(
      'nics[0].queues: 9 exceeds maxQueues 4 (the value outside the sweep; the axis "queues" replaces it in every point, but it must be valid too)',
    );
  });

  it("deep nesting is named, not a JavaScript stack overflow", async () => {
    const yaml = `host: ${"[".repeat(5000)}${"]".repeat(5000)}\n`;
    expect(configError(() => loadScenarioText(yaml, "deep.yaml"))).toMatch(/^deep\.yaml(:\d+:\d+)?: nested deeper than 64 levels \(a scenario needs a few\)$/);
    const json = JSON.stringify({ host: JSON.parse(`${"[".repeat(100)}${"]".repeat(100)}`) });
    expect(configError(() => loadScenarioText(json, "deep.json"))).toBe("deep.json: nested deeper than 64 levels (a scenario needs a few)");
  });

  it("durations may carry an exponent", async () => {
    expect(parseDuration("5e-3s", "run.duration")).toBe(5_000_000);
    expect(parseDuration("2E3us", "run.duration")).toBe(2_000_000);
    expect(configError(() => parseDuration("1e9s", "run.duration"))).toBe('run.duration: "1e9s" is too long');
  });

  it("an unmatched quote is that query's error, not an internal one", async () => {
    expect(() => parseRouteQuery('10.0.0.1 from "10.0.0.20')).toThrow(QueryError);
  });

  it("route get --queries answers every line, a bad one with its own error object", async () => {
    const batch = join(dir, "batch.txt");
    writeFileSync(batch, "ip addr add 10.0.0.1/24 dev eth0\n");
    const queries = join(dir, "queries.txt");
    writeFileSync(queries, '10.0.0.1\n10.0.0.1 from "10.0.0.20\n8.8.8.8\n');
    const r = await nicsim("route", "get", "--queries", queries, "--config", batch);
    expect([r.status, r.stderr]).toEqual([0, ""]);
    const lines = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as { ok: boolean; error?: string });
    expect(lines.map((l) => l.ok)).toEqual([true, false, false]);
    expect(lines[1].error).toBe("unmatched quote");
    expect(lines[2].error).toBe("RTNETLINK answers: Network is unreachable");
  });

  it("route get with a prefix says so once", async () => {
    const batch = join(dir, "batch.txt");
    writeFileSync(batch, "ip addr add 10.0.0.1/24 dev eth0\n");
    const r = await nicsim("route", "get", "10.0.0.0/24", "--config", batch);
    expect([r.status, r.stderr]).toEqual([2, 'nicsim: route get: an address is expected, not the prefix "10.0.0.0/24"\n']);
  });

  it("--seed -1 names the value", async () => {
    const r = await nicsim("run", "test/fixtures/cli/tiny.yaml", "--seed", "-1");
    expect([r.status, r.stderr]).toEqual([2, 'nicsim: run: --seed "-1": a value that starts with "-" is written --seed=-1\n']);
    const eq = await nicsim("run", "test/fixtures/cli/tiny.yaml", "--seed=-1");
    expect([eq.status, eq.stderr]).toEqual([2, 'nicsim: --seed: "-1" is not an integer from 0 to 4294967295\n']);
  });

  it("merge -o errors name -o", async () => {
    const r = await nicsim("merge", "shard.json", "-o", join(dir, "missing", "all.json"));
    expect([r.status, r.stderr]).toEqual([2, `nicsim: -o ${join(dir, "missing", "all.json")}: the directory ${join(dir, "missing")} does not exist\n`]);
  });
});
