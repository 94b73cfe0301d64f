import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../src/report/result-model.js";
import { nicsim } from "./cli-helpers.js";

/**
 * The HTML report's "Drops by cause" chart stacks the bandwidth caps' drops (issue 5) with the
 * receive path's: a legend entry per cap the result has, and one bar segment, titled with its
 * count, per point that dropped anything at that cap.
 */
describe("nicsim report --html stacks the cap drops", () => {
  let dir = "";
  let html = "";
  let doc: RunResult;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "nicsim-report-caps-"));
    expect((await nicsim("run", "examples/cloud-5mbps-egress.yaml", "--jobs", "1", "--json", join(dir, "r.json"), "--quiet")).status).toBe(0);
    doc = JSON.parse(readFileSync(join(dir, "r.json"), "utf8")) as RunResult;
    const r = await nicsim("report", join(dir, "r.json"), "--html", join(dir, "r.html"));
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    html = readFileSync(join(dir, "r.html"), "utf8");
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("has a legend entry for each cap and a segment per point with egress-cap drops", () => {
    const drops = html.slice(html.indexOf('<h2 id="drops">'), html.indexOf('<h2 id="results">'));
    expect(drops).toContain("ingress cap (tc police, before the NIC)");
    expect(drops).toContain("egress cap (tc tbf, replies)");
    const dropping = doc.points.filter((p) => (p.drops.egressCap ?? 0) > 0);
    expect(dropping.length).toBeGreaterThan(0);
    const titles = [...drops.matchAll(/<title>([^<]*egress cap \(tc tbf, replies\))<\/title>/g)].map((m) => m[1]);
    expect(titles).toHaveLength(dropping.length);
    for (const p of dropping) expect(titles.some((t) => t.endsWith(`: ${p.drops.egressCap} egress cap (tc tbf, replies)`))).toBe(true);
  });
});
