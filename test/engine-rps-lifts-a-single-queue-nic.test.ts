import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../src/config/load.js";
import { runScenario } from "../src/pool/run-scenario.js";

// Simulated figures (deterministic per seed), not wall-clock: the single-queue + RPS case of
// examples/rps-single-queue.yaml, as the kernel's RPS results showed (several-fold more pps
// with a single-queue NIC once the stack work moves off the interrupt CPU).
describe("RPS on a single-queue NIC", () => {
  const result = runScenario(loadScenarioFile("examples/rps-single-queue.yaml"));
  const delivered = (mask: string): number => {
    const point = result.points.find((p) => p.params["nics[0].rps.cpus"] === mask);
    if (point === undefined) throw new Error(`no point for mask ${mask}`);
    return point.delivered.pps;
  };

  it("without RPS, one CPU caps delivery near 1 Mpps", () => {
    expect(delivered("0")).toBeGreaterThan(0.9e6);
    expect(delivered("0")).toBeLessThan(1.1e6);
  });

  it("RPS over 4 CPUs lifts delivered pps well above the no-RPS figure", () => {
    expect(delivered("f")).toBeGreaterThan(1.8 * delivered("0"));
  });

  it("leaving the interrupt CPU out of rps_cpus lifts it further, to the whole offered load", () => {
    expect(delivered("fe")).toBeGreaterThan(delivered("f"));
    expect(delivered("fe")).toBeGreaterThan(0.99 * 3e6);
  });

  it("the targets take IPIs and do the stack work; the interrupt CPU only steers", () => {
    const point = result.points.find((p) => p.params["nics[0].rps.cpus"] === "fe");
    const cpu0 = point?.perCpu[0];
    expect(cpu0?.softnet.processed).toBe(0);
    expect(point?.perCpu.slice(1, 8).every((c) => c.softnet.receivedRps > 0 && c.softnet.processed > 0)).toBe(true);
  });
});
