import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resultJson } from "../src/cli/output.js";
import type { RunResult } from "../src/report/result-model.js";
import { nicsim } from "./cli-helpers.js";
import { edited, sampleResult } from "./compare-helpers.js";

/** `nicsim compare`: 0 within the threshold, 1 on a regression, 2 on bad input; each --format is what its tool reads. */
describe("nicsim compare", () => {
  let dir = "";
  const file = (name: string, content: RunResult | string): string => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === "string" ? content : resultJson(content));
    return path;
  };
  let base = "";
  let same = "";
  let worse = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "nicsim-compare-"));
    const one = sampleResult(1);
    base = file("base.json", one);
    same = file("same.json", one);
    worse = file("worse.json", edited(one, (p, i) => void (i === 3 && (p.latencyUs!.p99 *= 1.5))));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("exits 0 and says so when nothing regressed", async () => {
    const r = await nicsim("compare", base, same);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/\n\nNo regression in 6 points \(threshold 5%; throughput, p99, drops\)\.\n$/);
    expect(r.stdout.split("\n")[0]).toMatch(/^queues +traffic\.load\.pps +Mpps base +Mpps now +change +p99 µs base/);
  });

  it("exits 1 on a regression and names the point and the figure", async () => {
    const r = await nicsim("compare", base, worse);
    expect(r.status).toBe(1);
    const row = r.stdout.split("\n").find((l) => l.includes("REGRESSION"));
    expect(row).toMatch(/^ +2 +1500000 .* \+50\.0% .* REGRESSION p99$/);
    expect(r.stdout).toContain("1 regression in 1 of 6 points");
    expect((await nicsim("compare", base, worse, "--threshold", "60%")).status).toBe(0);
    expect((await nicsim("compare", base, worse, "--metric", "throughput,drops")).status).toBe(0);
  });

  it("exits 2 with one line on bad input", async () => {
    const cases: Array<[string[], RegExp]> = [
      [[base, join(dir, "missing.json")], /^nicsim: .*missing\.json: no such file$/],
      [[base, file("corrupt.json", '{"schemaVersion": 2, "poi')], /^nicsim: .*corrupt\.json: not valid JSON \(/],
      [[base, file("v1.json", resultJson({ ...sampleResult(1), schemaVersion: 1 }))], /^nicsim: compare: schema mismatch: /],
      [[base, file("other.json", { ...sampleResult(1), scenario: { host: { cpus: 8 } } })], /^nicsim: compare: .* come from different scenarios \(they first differ at /],
      [[base], /^nicsim: compare: expected BASELINE\.json and CURRENT\.json, got 1 file/],
      [[base, same, "--threshold", "five"], /^nicsim: --threshold: "five" is not a percentage/],
      [[base, same, "--metric", "p42"], /^nicsim: --metric: "p42" is not one of throughput, mbps, p50/],
    ];
    for (const [args, message] of cases) {
      const r = await nicsim("compare", ...args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr.trimEnd()).toMatch(message);
    }
  });

  it("--format md: a heading, a verdict line, a Markdown table with the regression in bold", async () => {
    const r = await nicsim("compare", base, worse, "--format", "md");
    expect(r.status).toBe(1);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("### nicsim compare");
    expect(lines[2]).toBe("❌ 1 regression in 1 of 6 points (threshold 5%; throughput, p99, drops).");
    expect(lines.filter((l) => l.startsWith("| "))).toHaveLength(8);
    expect(r.stdout).toContain("| **REGRESSION p99** |");
  });

  it("--format junit: one test case per point and figure, a failure per regression", async () => {
    const r = await nicsim("compare", base, worse, "--format", "junit");
    expect(r.status).toBe(1);
    expect(r.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="nicsim compare" tests="18" failures="1"')).toBe(true);
    expect(r.stdout.match(/<testcase /g)).toHaveLength(18);
    expect(r.stdout.match(/<failure /g)).toHaveLength(1);
    expect(r.stdout).toMatch(/<testcase classname="nicsim\.compare\.queues=2,traffic\.load\.pps=1500000" name="p99" time="0">\n {6}<failure message="p99 µs: [\d.]+ -&gt; [\d.]+ \(\+50\.0%\): worse than the 5% threshold" type="regression">/);
    expect(r.stderr).toBe("nicsim compare: 1 regression in 1 of 6 points (threshold 5%; throughput, p99, drops).\n");
  });

  it("--format bmf: Bencher Metric Format of the current result (throughput, latency in ns)", async () => {
    const r = await nicsim("compare", base, "--format", "bmf");
    expect(r.status).toBe(0);
    const bmf = JSON.parse(r.stdout) as Record<string, Record<string, { value: number }>>;
    const names = Object.keys(bmf);
    expect(names).toHaveLength(6);
    expect(names[0]).toBe("nicsim queues=1,traffic.load.pps=500000");
    const one = sampleResult(1).points[0];
    expect(bmf[names[0]].throughput.value).toBeCloseTo(one.delivered.pps, 3);
    expect(bmf[names[0]].latency.value).toBeCloseTo(one.latencyUs!.p99 * 1000, 3);
    expect(Object.keys(bmf[names[0]])).toEqual(["throughput", "latency", "drops"]);
  });

  it("--format github-action-benchmark: one direction per file", async () => {
    const bigger = JSON.parse((await nicsim("compare", base, "--format", "github-action-benchmark")).stdout) as Array<{ name: string; unit: string; value: number }>;
    expect(bigger).toHaveLength(6);
    expect(bigger[0]).toMatchObject({ name: "queues=1,traffic.load.pps=500000 throughput", unit: "packets/s" });
    const smaller = JSON.parse((await nicsim("compare", base, "--format", "github-action-benchmark", "--metric", "p99,drops")).stdout) as Array<{ name: string; unit: string }>;
    expect(smaller.map((e) => e.unit).slice(0, 2)).toEqual(["us", "packets"]);
    const mixed = await nicsim("compare", base, "--format", "github-action-benchmark", "--metric", "throughput,p99");
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toMatch(/^nicsim: github-action-benchmark: one file holds one direction/);
  });
});
