import { describe, expect, it } from "vitest";
import { runJob } from "../src/engine/job.js";
import { SERVICE_NS, singleServer } from "./engine-helpers.js";

/**
 * With `costs.distribution: exponential` and every fixed overhead zero, 1 CPU polling 1 queue is
 * an M/M/1 queue, whose mean sojourn time is W = S / (1 − ρ). Seeds 1..20 checked offline (2 s at
 * ρ = 0.5, 4 s at ρ = 0.8, 10 ms warm-up): worst |errors| 0.56% and 1.67%; seed 1 gives −0.22% and
 * −0.16%.
 */
describe("the engine matches M/M/1", () => {
  const S = SERVICE_NS;
  const cases = [
    { rho: 0.5, seconds: 2 },
    { rho: 0.8, seconds: 4 },
  ];

  for (const { rho, seconds } of cases) {
    it(`mean latency at ρ = ${rho} is S/(1−ρ) within 3%`, () => {
      const job = runJob(singleServer(rho, "exponential", `${seconds}s`), 1);
      expect(job.dropsRxRing).toBe(0);
      // Every arrival after the 10 ms warm-up is measured (about ρ/S per second of the window).
      expect(job.latency.totalCount).toBeGreaterThan(0.99 * (rho / S) * 1e9 * (seconds - 0.01));
      expect(Math.abs(job.latency.mean / (S / (1 - rho)) - 1)).toBeLessThan(0.03);
    });
  }
});
