import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../src/config/load.js";
import { runJob } from "../src/engine/job.js";
import type { JobCounters } from "../src/engine/counters.js";
import { countersFromBase64, countersToBase64, decodeCounters, encodeCounters } from "../src/pool/counters-codec.js";
import { pointResult } from "../src/report/point-result.js";
import { POOL_SWEEP } from "./pool-helpers.js";

/** Packed counters decode to the same counters, so a point merged from packed jobs is the same point. */
describe("the counters codec round-trips exactly", () => {
  const file = loadScenarioFile(POOL_SWEEP);
  const point = file.points[1]; // 1 queue at 1.5 Mpps: ring drops, a long latency tail
  const jobs: JobCounters[] = [0, 1, 2].map((r) => runJob(point.scenario, 100 + r));

  const plain = (c: JobCounters): unknown => ({
    ...c,
    latency: c.latency.toJSON(),
    queueCpu: [...c.queueCpu],
    ...Object.fromEntries(Object.entries(c).filter(([, v]) => v instanceof Float64Array).map(([k, v]) => [k, [...(v as Float64Array)]])),
  });

  it("decode(encode(c)) equals c field for field", () => {
    for (const job of jobs) expect(plain(decodeCounters(encodeCounters(job)))).toEqual(plain(job));
  });

  it("survives base64 (shard files)", () => {
    const buffer = encodeCounters(jobs[0]);
    expect(plain(decodeCounters(countersFromBase64(countersToBase64(buffer))))).toEqual(plain(jobs[0]));
  });

  it("a point merged from decoded jobs is the point merged from the originals", () => {
    const decoded = jobs.map((j) => decodeCounters(encodeCounters(j)));
    const a = pointResult(point.scenario, point.params, 7, jobs);
    const b = pointResult(point.scenario, point.params, 7, decoded);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.ci95?.n).toBe(3);
  });

  it("carries the ingress-cap drops of a scenario with a bandwidth section", () => {
    const capped = [...loadScenarioFile("examples/cloud-5mbps-egress.yaml").points, ...loadScenarioFile("examples/cloud-ingress-cap.yaml").points];
    for (const p of capped) {
      const job = runJob(p.scenario, 5);
      expect(plain(decodeCounters(encodeCounters(job)))).toEqual(plain(job));
      const a = pointResult(p.scenario, p.params, 5, [job]);
      expect(JSON.stringify(pointResult(p.scenario, p.params, 5, [decodeCounters(encodeCounters(job))]))).toBe(JSON.stringify(a));
    }
    const last = runJob(capped[capped.length - 1].scenario, 5);
    expect(last.dropsIngressCap).toBeGreaterThan(0);
    expect(decodeCounters(encodeCounters(last)).dropsIngressCap).toBe(last.dropsIngressCap);
  });

  it("carries route drops and the leaving-NIC counts of a scenario with routing", () => {
    const routed = loadScenarioFile("examples/routing-missing-rule.yaml").points;
    for (const p of routed) {
      const job = runJob(p.scenario, 5);
      expect(job.outDevPackets.length).toBe(3);
      expect(plain(decodeCounters(encodeCounters(job)))).toEqual(plain(job));
      const a = pointResult(p.scenario, p.params, 5, [job]);
      expect(JSON.stringify(pointResult(p.scenario, p.params, 5, [decodeCounters(encodeCounters(job))]))).toBe(JSON.stringify(a));
    }
  });

  it("rejects a buffer that is not packed counters", () => {
    expect(() => decodeCounters(new ArrayBuffer(16))).toThrow(RangeError);
    const cut = encodeCounters(jobs[0]).slice(0, 800);
    expect(() => decodeCounters(cut)).toThrow(/length does not match/);
  });
});
