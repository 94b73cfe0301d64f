/**
 * `nicsim capacity` end to end on the built CLI: the table, JSON, Markdown and HTML outputs of one
 * search; `compare` on two capacity documents (0 same, 1 a capacity drop beyond the brackets,
 * 2 a capacity document against a result document); bad input exits 2 with one line.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CapacityDocument } from "../src/plan/capacity-model.js";
import { capacityMarkdown } from "../src/plan/capacity-text.js";
import { nicsim } from "./cli-helpers.js";

const SCENARIO = `host: { cpus: 8, ghz: 2.5 }
nics: [{ name: eth0, addresses: [10.0.0.19/24], maxQueues: 4, queues: 1 }]
traffic: { flows: 128, src: 100.64.0.0/10, dst: 10.0.0.19, size: 64, load: { pps: 300000 } }
run: { duration: 2ms, warmup: 0.5ms, seed: 3 }
sweep: { queues: [1, 2] }
`;

describe("nicsim capacity", () => {
  let dir = "";
  let scenario = "";
  let json = "";
  let html = "";
  let table = "";
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "nicsim-capacity-"));
    scenario = join(dir, "s.yaml");
    writeFileSync(scenario, SCENARIO);
    json = join(dir, "cap.json");
    html = join(dir, "cap.html");
    const r = await nicsim("capacity", scenario, "--slo", "drops<=0.1%", "--replications", "2", "--resolution", "5%", "--jobs", "1", "--json", json, "--html", html);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    table = r.stdout;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints one row per configuration, and the document says the same", async () => {
    const doc = JSON.parse(readFileSync(json, "utf8")) as CapacityDocument;
    expect(doc.kind).toBe("nicsim-capacity");
    expect(doc.configurations.map((c) => c.params)).toEqual([{ queues: 1 }, { queues: 2 }]);
    const lines = table.split("\n");
    expect(lines[0]).toMatch(/^capacity under drops<=0\.1% along traffic\.load\.pps: 2 replications per probe/);
    expect(lines[2]).toMatch(/^queues +capacity \(traffic\.load\.pps\) +bracket +delivered Mpps +cpu max/);
    for (const [i, c] of doc.configurations.entries()) {
      expect(c.status).toBe("bracketed");
      const { low, high } = c.bracket;
      expect(low).toBe(c.capacity);
      expect((high ?? 0) - (low ?? 0)).toBeLessThanOrEqual(0.05 * (high ?? 0));
      expect(lines[4 + i]).toContain(`${low}–${high}`);
    }
    // Two queues carry more than one before drops start.
    expect(doc.configurations[1].capacity).toBeGreaterThan(doc.configurations[0].capacity);
    expect(table).toMatch(/\n\d+ probes, \d+ simulation jobs\n$/);
  });

  it("writes Markdown and a self-contained HTML chart", async () => {
    const md = capacityMarkdown(JSON.parse(readFileSync(json, "utf8")) as CapacityDocument);
    expect(md).toMatch(/\n\| queues \| capacity \(traffic\.load\.pps\) \| bracket \|/);
    const page = readFileSync(html, "utf8");
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain("<svg");
    expect(page).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it("compare exits 0 on the same capacity, 1 when it drops beyond the brackets, 2 on a mix of kinds", async () => {
    expect((await nicsim("compare", json, json)).status).toBe(0);
    const doc = JSON.parse(readFileSync(json, "utf8")) as CapacityDocument;
    const c = doc.configurations[1];
    const lower = { ...c, capacity: Math.round(c.capacity / 2), bracket: { low: Math.round(c.capacity / 2), high: Math.round(c.capacity / 1.9) } };
    const worse = join(dir, "worse.json");
    writeFileSync(worse, JSON.stringify({ ...doc, configurations: [doc.configurations[0], lower] }));
    const r = await nicsim("compare", json, worse);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/queues=2 .* -50\.0% +REGRESSION/);
    expect(r.stdout).toContain("1 capacity regression in 2 configurations");
    const result = join(dir, "run.json");
    writeFileSync(result, JSON.stringify({ schemaVersion: 2, generator: "nicsim", source: "s.yaml", scenario: {}, points: [] }));
    const mixed = await nicsim("compare", json, result);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toMatch(/^nicsim: compare: .*cap\.json is a capacity document but .*run\.json is not/);
  });

  it("exits 2 with one line on bad input", async () => {
    const cases: Array<[string[], RegExp]> = [
      [[scenario], /^nicsim: missing --slo/],
      [[scenario, "--slo", "p99>=1us"], /^nicsim: --slo "p99>=1us": not a term/],
      [[scenario, "--slo", "cpu<=50%", "--load-axis", "traffic.load.mbps"], /^nicsim: traffic\.load\.mbps: no positive load here/],
      [[join(dir, "none.yaml"), "--slo", "cpu<=50%"], /none\.yaml: no such file/],
    ];
    for (const [args, message] of cases) {
      const r = await nicsim("capacity", ...args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });
});
