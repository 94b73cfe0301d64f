import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareResults } from "../src/report/compare.js";
import { compareTable } from "../src/report/compare-text.js";
import { bencherMetricFormat } from "../src/report/benchmark-exports.js";
import { METRICS } from "../src/report/metrics.js";
import { parseResult } from "../src/report/read-result.js";
import type { RunResult } from "../src/report/result-model.js";
import { nicsim } from "./cli-helpers.js";

const LOW_RATES = "test/fixtures/outputs/low-rates.yaml";
const NOTHING_DELIVERED = "test/fixtures/outputs/routing-drops-everything.yaml";

/** What a run prints says what it used, what its columns sum, and never makes up a latency. */
describe("run output: settings, sums, units and missing latency", () => {
  it("the table opens with the settings the run used, defaults marked, and says which columns sum replications", async () => {
    const r = await nicsim("run", LOW_RATES, "--jobs", "1");
    expect([r.status, r.stderr]).toEqual([0, ""]);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe(
      "run: 200 ms simulated per replication, 0 s of it warm-up (default): rates and latencies over the last 200 ms; seed 1 (default); replications 2; 1 worker thread",
    );
    expect(lines[1]).toMatch(/^host: 2 CPUs at 2\.5 GHz; napi weight 64, netdev_budget 300, netdev_budget_usecs 2000, netdev_max_backlog 500, dev_weight 64/);
    const header = lines[3].split(/\s{2,}/);
    expect(header.slice(0, 4)).toEqual(["traffic.load.pps", "offered kpps", "delivered kpps", "delivered Mbps"]);
    expect(header).toContain("drop ring Σ");
    expect(header).toContain("kpps 95% CI");
    const row = lines[5].trim().split(/\s+/);
    expect(row[1]).toMatch(/^0\.[1-9]\d$/);
    expect(r.stdout).toMatch(/\ndrop … Σ: packets summed over each point's 2 replications; .* the 95% CI columns are per replication\n/);
    expect(r.stdout).toMatch(/\nfew packets per replication: traffic\.load\.pps=300: \d+ packets \(±\d+%\);/);
  });

  it("the JSON holds each point's settings; --seed is what the points ran with and the header says so", async () => {
    const r = await nicsim("run", LOW_RATES, "--jobs", "1", "--seed", "3", "--format", "json");
    const doc = JSON.parse(r.stdout) as RunResult;
    expect(doc.schemaVersion).toBe(4);
    for (const p of doc.points) {
      expect(p.seed).toBe(3);
      expect(p.settings).toEqual({
        durationNs: 200_000_000,
        warmupNs: 0,
        cpus: 2,
        ghz: 2.5,
        kernel: { napiWeight: 64, netdevBudget: 300, netdevBudgetUsecs: 2000, maxBacklog: 500, rpsSockFlowEntries: 0, devWeight: 64 },
        costs: { hardIrq: 2500, pollOverhead: 600, driverPerPacket: 450, stackPerPacket: 1900, perByte: 0.25, rpsEnqueue: 200, ipi: 2500, routeRule: 30, numaRemotePercent: 25, rpsCrossNode: 400, txCompletion: 400, distribution: "fixed" },
      });
    }
    const table = await nicsim("run", LOW_RATES, "--jobs", "1", "--seed", "3");
    expect(table.stdout.split("\n")[0]).toContain("; seed 3 (--seed); ");
  });

  it("a point that delivered nothing has latency null in the JSON; compare shows '-' and judges a vanished latency a regression", async () => {
    const r = await nicsim("run", NOTHING_DELIVERED, "--jobs", "1", "--format", "json");
    expect(r.status).toBe(0);
    const none = parseResult(r.stdout, "none.json");
    expect(none.points[0].delivered.packets).toBe(0);
    expect(none.points[0].latencyUs).toBeNull();

    const latency = { p50: 2.2, p90: 2.2, p99: 2.5, p999: 3, max: 3, mean: 2.3 };
    const some: RunResult = { ...none, points: none.points.map((p) => ({ ...p, delivered: { ...p.delivered, packets: 10, pps: 5000 }, latencyUs: latency })) };
    const same = compareResults({ name: "a.json", result: none }, { name: "b.json", result: none }, 0.05, ["throughput", "p99"]);
    expect(same.regressions).toBe(0);
    expect(compareTable(same).split("\n")[2]).toMatch(/ - +- +0\.0% +ok$/);
    const gone = compareResults({ name: "a.json", result: some }, { name: "b.json", result: none }, 0.05, ["p99"]);
    expect(gone.points[0].figures[0]).toMatchObject({ baseline: 2.5, current: null, verdict: "regression" });
    expect(compareTable(gone)).toMatch(/2\.5 +- +gone +REGRESSION p99/);
    const back = compareResults({ name: "a.json", result: none }, { name: "b.json", result: some }, 0.05, ["p99"]);
    expect(back.points[0].figures[0].verdict).toBe("improved");
    // Exports leave out a figure the point does not have, never 0.
    expect(JSON.parse(bencherMetricFormat(none, [METRICS.throughput, METRICS.p99]))).toEqual({ "nicsim scenario": { throughput: { value: 0 } } });

    // The HTML page draws no latency mark for it, and says what the run used.
    const dir = mkdtempSync(join(tmpdir(), "nicsim-null-latency-"));
    try {
      writeFileSync(join(dir, "none.json"), r.stdout);
      const page = await nicsim("report", join(dir, "none.json"), "--html", join(dir, "none.html"));
      expect(page.status).toBe(0);
      const html = readFileSync(join(dir, "none.html"), "utf8");
      expect(html).toContain("run: 2 ms simulated per replication, 0 s of it warm-up: rates and latencies over the last 2 ms; seed 1; replications 1<br>host: 2 CPUs");
      expect(html).not.toMatch(/NaN|Infinity/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a version-2 document with a null latency is refused with one line", () => {
    const v2 = JSON.stringify({ schemaVersion: 2, generator: "g", source: "s", points: [{ params: {}, seed: 1, replications: 1, offered: { pps: 1 }, delivered: { pps: 0, bps: 0 }, latencyUs: null, drops: { total: 0, rxRing: 0, backlog: 0 }, cpuUtilization: { max: 0 }, perQueue: [], perCpu: [], latencyHdr: "" }] });
    expect(() => parseResult(v2, "old.json")).toThrow("old.json: points[0].latencyUs.p50 is missing or not a number");
  });

  it("bare nicsim prints the short list of commands and exits 0; help COMMAND is that command's help", async () => {
    const bare = await nicsim();
    expect([bare.status, bare.stderr]).toEqual([0, ""]);
    expect(bare.stdout).toMatch(/^nicsim \S+ — simulate the Linux receive path/);
    expect(bare.stdout).toMatch(/\n {2}run +simulate every sweep point of a scenario file/);
    expect(bare.stdout.split("\n").length).toBeLessThan(30);
    const help = await nicsim("help", "run");
    expect(help).toEqual(await nicsim("run", "--help"));
    const unknown = await nicsim("help", "walk");
    expect([unknown.status, unknown.stderr]).toEqual([2, 'nicsim: help: unknown command "walk" (commands: bench, run, compare, merge, report, validate, schema, rss, route, snapshot, import, calibrate, capacity, tune, rollout)\n']);
  });
});
