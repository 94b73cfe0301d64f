import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HistogramLogReader, listTags } from "hdr-histogram-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../src/report/result-model.js";
import { nicsimProcess } from "./cli-helpers.js";
import { POOL_SWEEP } from "./pool-helpers.js";

/** `--hlog`: an HdrHistogram log with one tagged interval per point, which HdrHistogram's reader reads back exactly. */
describe("nicsim run --hlog", () => {
  let dir = "";
  let log = "";
  let doc: RunResult;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "nicsim-hlog-"));
    const r = nicsimProcess(["run", POOL_SWEEP, "--jobs", "2", "--hlog", join(dir, "r.hlog"), "--json", join(dir, "r.json"), "--quiet"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    log = readFileSync(join(dir, "r.hlog"), "utf8");
    doc = JSON.parse(readFileSync(join(dir, "r.json"), "utf8")) as RunResult;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("has the log-format header, a relative base time and one interval line per point", () => {
    const lines = log.trimEnd().split("\n");
    expect(lines[0]).toBe("#[Histogram log format version 1.3]");
    expect(lines).toContain("#[BaseTime: 0.000 (seconds since epoch)]");
    expect(lines).toContain('"StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram"');
    const intervals = lines.filter((l) => l.startsWith("Tag="));
    expect(intervals).toHaveLength(6);
    // 3 replications × (3 ms − 0.5 ms) = 7.5 ms per point, one after another.
    expect(intervals[0]).toMatch(/^Tag=queues=1;traffic\.load\.pps=500000,0\.000,0\.008,[\d.]+,\S+$/);
    expect(intervals[1]).toMatch(/^Tag=queues=1;traffic\.load\.pps=1500000,0\.008,0\.008,/);
  });

  it("reads back with HistogramLogReader: tags, counts and percentiles equal the document's", () => {
    expect(listTags(log)).toEqual(doc.points.map((p) => Object.entries(p.params).map(([k, v]) => `${k}=${v}`).join(";")));
    const reader = new HistogramLogReader(log);
    for (const point of doc.points) {
      const h = reader.nextIntervalHistogram();
      expect(h).not.toBeNull();
      expect(h!.totalCount).toBe(point.delivered.packets);
      // The histogram's max is the top of the max's bucket (within 1/1024); the document's is exact.
      const max = Math.round(point.latencyUs!.max * 1000);
      expect(h!.maxValue).toBeGreaterThanOrEqual(max);
      expect(h!.maxValue).toBeLessThanOrEqual(max * (1 + 1 / 1024));
      for (const [p, key] of [[50, "p50"], [90, "p90"], [99, "p99"], [99.9, "p999"]] as const) {
        // The document caps a percentile at the exact max (summarizeLatency); the histogram does not.
        expect(Math.min(h!.getValueAtPercentile(p), max) / 1000).toBe(point.latencyUs?.[key]);
      }
    }
    expect(reader.nextIntervalHistogram()).toBeNull();
  });
});
