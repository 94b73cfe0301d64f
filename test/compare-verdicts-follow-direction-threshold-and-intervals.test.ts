import { describe, expect, it } from "vitest";
import { compareResults, type Comparison } from "../src/report/compare.js";
import { edited, sampleResult } from "./compare-helpers.js";

const verdicts = (c: Comparison, metric: string): string[] =>
  c.points.map((p) => p.figures.find((f) => f.metric.name === metric)!.verdict);

/**
 * Throughput lower is worse, latency and drops higher is worse; beyond the threshold it is a
 * regression; with replications only intervals that clear the threshold count.
 */
describe("compare verdicts", () => {
  const one = sampleResult(1);
  const base = { name: "base.json", result: one };
  const against = (result: typeof one, metrics = ["throughput", "p99", "drops"], threshold = 0.05): Comparison =>
    compareResults(base, { name: "cur.json", result }, threshold, metrics);

  it("a document against itself: every figure ok, no regression", () => {
    const c = against(one);
    expect(c.regressions).toBe(0);
    for (const m of ["throughput", "p99", "drops"]) expect(verdicts(c, m)).toEqual(Array(6).fill("ok"));
  });

  it("throughput: 6% lower regresses, 4% lower passes, 6% higher is an improvement", () => {
    const by = (k: number): string[] => verdicts(against(edited(one, (p) => void (p.delivered.pps *= k))), "throughput");
    expect(by(0.94)).toEqual(Array(6).fill("regression"));
    expect(by(0.96)).toEqual(Array(6).fill("ok"));
    expect(by(1.06)).toEqual(Array(6).fill("improved"));
  });

  it("latency: higher is worse", () => {
    expect(verdicts(against(edited(one, (p) => void (p.latencyUs!.p99 *= 1.06))), "p99")).toEqual(Array(6).fill("regression"));
    expect(verdicts(against(edited(one, (p) => void (p.latencyUs!.p99 *= 0.9))), "p99")).toEqual(Array(6).fill("improved"));
  });

  it("drops appearing where there were none is a regression (change +∞)", () => {
    const c = against(edited(one, (p) => void (p.drops.total += 5)));
    const f = c.points[0].figures.find((x) => x.metric.name === "drops")!;
    expect(one.points[0].drops.total).toBe(0);
    expect(f.change).toBe(Number.POSITIVE_INFINITY);
    expect(f.verdict).toBe("regression");
  });

  it("the threshold is a parameter", () => {
    const worse = edited(one, (p) => void (p.delivered.pps *= 0.9));
    expect(against(worse, ["throughput"], 0.05).regressions).toBe(6);
    expect(against(worse, ["throughput"], 0.15).regressions).toBe(0);
  });

  describe("with replications", () => {
    const three = sampleResult(3);
    const base3 = { name: "base.json", result: three };
    const vs = (result: typeof three): Comparison => compareResults(base3, { name: "cur.json", result }, 0.05, ["throughput", "p99"]);

    it("judges the replication means, and says so", () => {
      const c = vs(three);
      const f = c.points[0].figures[0];
      expect(f.baseline).toBe(three.points[0].ci95!.deliveredPps.mean);
      expect(f.baselineInterval).toEqual(three.points[0].ci95!.deliveredPps);
    });

    it("a worsening beyond the threshold whose intervals overlap the band is noise, not a regression", () => {
      // Shift the mean down 6% but widen the interval so it still reaches the baseline's.
      const noisy = edited(three, (p) => {
        const d = p.ci95!.deliveredPps;
        p.ci95!.deliveredPps = { mean: d.mean * 0.94, sd: d.sd, low: d.low * 0.8, high: d.mean };
      });
      expect(verdicts(vs(noisy), "throughput")).toEqual(Array(6).fill("noise"));
      expect(vs(noisy).regressions).toBe(0);
    });

    it("intervals that clear the threshold are a regression", () => {
      const clear = edited(three, (p) => {
        const d = p.ci95!.deliveredPps;
        p.ci95!.deliveredPps = { mean: d.low * 0.8, sd: 0, low: d.low * 0.79, high: d.low * 0.81 };
      });
      expect(verdicts(vs(clear), "throughput")).toEqual(Array(6).fill("regression"));
    });
  });
});
