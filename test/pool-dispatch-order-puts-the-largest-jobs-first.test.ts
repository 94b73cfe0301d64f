import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../src/config/load.js";
import { estimatedPackets, largestFirst } from "../src/pool/dispatch-order.js";
import { planJobs } from "../src/pool/job-list.js";
import { POOL_SWEEP } from "./pool-helpers.js";

/** The pool starts the most work first (offered pps × duration), ties in list order. */
describe("dispatch order", () => {
  const points = loadScenarioFile(POOL_SWEEP).points;
  const jobs = planJobs(points, undefined);

  it("estimates a job's packets as offered pps × duration", () => {
    expect(estimatedPackets(points[0])).toBeCloseTo(500000 * 0.003, 6);
    expect(estimatedPackets(points[1])).toBeCloseTo(1500000 * 0.003, 6);
  });

  it("puts the 1.5 Mpps points first, each group in list order, and loses no job", () => {
    const order = largestFirst(jobs, points).map((j) => j.index);
    expect(order).toEqual([3, 4, 5, 9, 10, 11, 15, 16, 17, 0, 1, 2, 6, 7, 8, 12, 13, 14]);
  });
});
