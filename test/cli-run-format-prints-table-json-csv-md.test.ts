import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../src/report/result-model.js";
import { nicsim } from "./cli-helpers.js";
import { POOL_SWEEP } from "./pool-helpers.js";

/** `--format` prints the same run four ways; each holds the document's figures. */
describe("nicsim run --format table|json|csv|md", () => {
  let dir = "";
  let doc: RunResult;
  const print = async (format: string): Promise<string> => {
    const r = await nicsim("run", POOL_SWEEP, "--jobs", "1", "--format", format);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    return r.stdout;
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "nicsim-format-"));
    const out = join(dir, "r.json");
    expect((await nicsim("run", POOL_SWEEP, "--jobs", "1", "--json", out, "--quiet")).status).toBe(0);
    doc = JSON.parse(readFileSync(out, "utf8")) as RunResult;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("json is the --json document", async () => {
    expect(JSON.parse(await print("json"))).toEqual(doc);
  });

  it("csv has a header and one row per point, full precision", async () => {
    const lines = (await print("csv")).trimEnd().split("\n");
    expect(lines).toHaveLength(1 + doc.points.length);
    const header = lines[0].split(",");
    expect(header.slice(0, 3)).toEqual(["queues", "traffic.load.pps", "offered_pps"]);
    const col = (name: string): number => header.indexOf(name);
    doc.points.forEach((p, i) => {
      const cells = lines[i + 1].split(",");
      expect(Number(cells[col("delivered_pps")])).toBe(p.delivered.pps);
      expect(Number(cells[col("p99_us")])).toBe(p.latencyUs?.p99);
      expect(Number(cells[col("drops_total")])).toBe(p.drops.total);
      expect(Number(cells[col("delivered_pps_low")])).toBe(p.ci95?.deliveredPps.low);
    });
  });

  it("md is the settings as a paragraph, a GitHub table (header, alignment row, one row per point), then the notes", async () => {
    const [settings, table, ...notes] = (await print("md")).trimEnd().split("\n\n");
    expect(settings).toMatch(/^run: 3 ms simulated per replication, 500 µs of it warm-up/);
    expect(notes.join("\n\n")).toMatch(/^drop … Σ: packets summed over each point's 3 replications.*\nbandwidth: no cap applies \(the scenario has no bandwidth section\)/);
    const lines = table.split("\n");
    expect(lines).toHaveLength(2 + doc.points.length);
    for (const line of lines) expect(line).toMatch(/^\| .* \|$/);
    expect(lines[1]).toMatch(/^\| ---: \| ---: \|/);
    expect(lines[0]).toContain("| p99 µs |");
    expect(lines[0]).toContain("| Mpps 95% CI |");
  });

  it("table (the default) is the terminal table, under the settings lines", async () => {
    const table = await print("table");
    expect((await nicsim("run", POOL_SWEEP, "--jobs", "1")).stdout).toBe(table);
    const lines = table.split("\n");
    expect(lines[0]).toMatch(/^run: /);
    expect(lines[1]).toMatch(/^host: /);
    expect(lines[2]).toBe("");
    expect(lines[4]).toMatch(/^-+ {2}-+/);
  });

  it("an unknown format is refused with one line", async () => {
    const r = await nicsim("run", POOL_SWEEP, "--format", "xml");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('nicsim: --format: "xml" is not one of table, json, csv, md\n');
  });
});
