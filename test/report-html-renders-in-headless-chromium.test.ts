import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../src/report/result-model.js";
import { nicsim } from "./cli-helpers.js";
import { POOL_SWEEP } from "./pool-helpers.js";
import { dumpDom, findChromium, type Chromium } from "./report-helpers.js";

/**
 * Appended to a copy of the page: the browser measures what it laid out — each chart's box, each
 * line's length, each cell and bar — and writes the figures into the DOM, which --dump-dom prints.
 */
const MEASURE = `<script>
const box = (e) => { const r = e.getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)]; };
const m = {
  charts: [...document.querySelectorAll("svg.chart")].map((s) => ({ cls: s.getAttribute("class"), box: box(s) })),
  lineLengths: [...document.querySelectorAll("svg.line-chart path.series")].map((p) => p.getTotalLength()),
  marks: document.querySelectorAll("svg.line-chart circle.mark").length,
  whiskers: document.querySelectorAll("svg.line-chart line.ci").length,
  cells: [...document.querySelectorAll("svg.heat-map rect.cell")].map(box),
  bars: [...document.querySelectorAll("svg.stacked-bars rect.bar")].map(box),
  scenario: document.querySelector("#scenario + p + pre")?.textContent ?? "",
  external: [...document.querySelectorAll("[src], link[href]")].length,
};
const out = document.createElement("pre"); out.id = "measured"; out.textContent = JSON.stringify(m); document.body.append(out);
</script>`;

interface Measured {
  charts: Array<{ cls: string; box: [number, number] }>;
  lineLengths: number[];
  marks: number;
  whiskers: number;
  cells: Array<[number, number]>;
  bars: Array<[number, number]>;
  scenario: string;
  external: number;
}

describe("nicsim report --html renders in headless Chromium", () => {
  let dir = "";
  let chromium: Chromium = { skip: "not looked for yet" };
  let html = "";
  let doc: RunResult;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "nicsim-report-"));
    expect((await nicsim("run", POOL_SWEEP, "--jobs", "1", "--json", join(dir, "r.json"), "--quiet")).status).toBe(0);
    doc = JSON.parse(readFileSync(join(dir, "r.json"), "utf8")) as RunResult;
    const r = await nicsim("report", join(dir, "r.json"), "--html", join(dir, "r.html"));
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    html = readFileSync(join(dir, "r.html"), "utf8");
    chromium = findChromium();
    if ("skip" in chromium) console.warn(`report-html: skipping the Chromium rendering: ${chromium.skip}`);
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is one self-contained file: inline style and SVG, no script, nothing fetched", () => {
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|src=|url\(|@import/);
    expect(html.match(/<svg class="chart /g)).toHaveLength(1 + 2 + 1 + 1);
  });

  it("draws every chart with real geometry", (ctx) => {
    if ("skip" in chromium) return ctx.skip(chromium.skip);
    const page = join(dir, "measure.html");
    writeFileSync(page, html.replace("</body>", `${MEASURE}</body>`));
    const dom = dumpDom(chromium.path, pathToFileURL(page).href);
    const match = /<pre id="measured">(.*?)<\/pre>/s.exec(dom);
    expect(match).not.toBeNull();
    const m = JSON.parse(match![1].replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")) as Measured;

    // Throughput (1), latency per load (2), CPU heat map (1), drops (1), each laid out at a real size.
    expect(m.charts.map((c) => c.cls)).toEqual(["chart line-chart", "chart line-chart", "chart line-chart", "chart heat-map", "chart stacked-bars"]);
    for (const c of m.charts) expect(Math.min(...c.box)).toBeGreaterThan(100);
    // Lines: 2 loads × (delivered, offered) + 2 loads × 4 percentiles, each across 3 queue counts.
    expect(m.lineLengths).toHaveLength(4 + 8);
    for (const length of m.lineLengths) expect(length).toBeGreaterThan(0);
    expect(m.marks).toBe(12 * 3);
    // Replications: whiskers on delivered throughput and on p99 at every point.
    expect(m.whiskers).toBe(6 + 6);
    // Heat map: 6 points × 4 CPUs, each cell drawn.
    expect(m.cells).toHaveLength(doc.points.length * 4);
    for (const [w, h] of m.cells) expect(Math.min(w, h)).toBeGreaterThan(5);
    // Drops: one segment per point and cause with drops.
    const segments = doc.points.reduce((k, p) => k + (p.drops.rxRing > 0 ? 1 : 0) + (p.drops.backlog > 0 ? 1 : 0), 0);
    expect(segments).toBeGreaterThan(0);
    expect(m.bars).toHaveLength(segments);
    for (const [w, h] of m.bars) expect(Math.min(w, h)).toBeGreaterThan(0);
    expect(JSON.parse(m.scenario)).toEqual(doc.scenario);
    expect(m.external).toBe(0);
  }, 120_000);
});
