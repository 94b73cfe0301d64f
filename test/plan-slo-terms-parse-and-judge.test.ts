import { describe, expect, it } from "vitest";
import { meetsLimit, parseSlo } from "../src/plan/slo.js";
import { judgeTerm } from "../src/plan/slo-verdict.js";
import type { JobCounters } from "../src/engine/counters.js";

describe("SLO terms", () => {
  it("parse latency percentiles, drops as a share or a rate, and cpu", () => {
    const slo = parseSlo("p99<=100us, p99.9<2ms, max<=1s, drops<=0.01%, cpu<=80%");
    expect(slo.text).toBe("p99<=100us,p99.9<2ms,max<=1s,drops<=0.01%,cpu<=80%");
    expect(slo.terms.map((t) => [t.figure.kind, t.limit, t.inclusive])).toEqual([
      ["latency", 100_000, true],
      ["latency", 2_000_000, false],
      ["latency", 1e9, true],
      ["dropShare", 0.0001, true],
      ["cpu", 0.8, true],
    ]);
    expect(parseSlo("p99<=1ms,in-flight<=5%").terms[1]).toMatchObject({ figure: { kind: "inFlight" }, limit: 0.05 });
    expect(parseSlo("drops<=250pps").terms[0].figure.kind).toBe("dropRate");
    expect(parseSlo("p999<=5us").terms[0].figure).toEqual({ kind: "latency", stat: "percentile", percentile: 99.9 });
  });

  it("refuse what they cannot mean, naming the term", () => {
    expect(() => parseSlo("p99>=100us")).toThrow(/p99>=100us.*not a term/);
    expect(() => parseSlo("p99<=100")).toThrow(/latency with a unit/);
    expect(() => parseSlo("p120<=1ms")).toThrow(/percentile/);
    expect(() => parseSlo("cpu<=120%")).toThrow(/utilization/);
    expect(() => parseSlo("drops<=5")).toThrow(/share/);
    expect(() => parseSlo("jitter<=5us")).toThrow(/unknown figure "jitter"/);
    expect(() => parseSlo("p99<=1ms,p99<=2ms")).toThrow(/limited twice/);
    expect(() => parseSlo("")).toThrow(/empty/);
  });

  it("meet a limit at it only when inclusive", () => {
    const [le, lt] = [parseSlo("cpu<=50%").terms[0], parseSlo("cpu<50%").terms[0]];
    expect(meetsLimit(le, 0.5)).toBe(true);
    expect(meetsLimit(lt, 0.5)).toBe(false);
  });

  it("judge replications on the 95% interval: pass, fail or unsure", () => {
    const term = parseSlo("cpu<=50%").terms[0];
    const job = (busy: number): JobCounters => ({ windowNs: 1000, cpuBusyNs: new Float64Array([busy, 0]) }) as unknown as JobCounters;
    expect(judgeTerm(term, [job(400), job(410), job(420)]).verdict).toBe("pass");
    expect(judgeTerm(term, [job(600), job(610), job(620)]).verdict).toBe("fail");
    // Mean 0.49 but spread wide: the interval straddles 0.5.
    expect(judgeTerm(term, [job(300), job(490), job(680)]).verdict).toBe("unsure");
    expect(judgeTerm(term, [job(500)]).verdict).toBe("pass");
  });
});
