import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../src/config/load.js";
import { runScenario } from "../src/pool/run-scenario.js";
import { nicsim } from "./cli-helpers.js";

describe("nicsim run --per-cpu", () => {
  it("prints, per point, each busy CPU's time split like mpstat and its softnet_stat counters as the result document has them", async () => {
    const r = await nicsim("run", "examples/rps-single-queue.yaml", "--per-cpu", "--jobs", "1");
    expect(r.status).toBe(0);
    const doc = runScenario(loadScenarioFile("examples/rps-single-queue.yaml"));
    const point = doc.points.find((p) => p.params["nics[0].rps.cpus"] === "fe");
    const section = r.stdout.split("CPUs at nics[0].rps.cpus=fe\n")[1].split("\n\n")[0];
    expect(section.split("\n")[0].split(/\s+/)).toEqual(["cpu", "%irq", "%soft", "%ksoftirqd", "%app", "%idle", "irqs", "polls", "polled", "tx_done", "processed", "dropped", "time_squeeze", "received_rps"]);
    const rows = section.split("\n").slice(2).filter((l) => /^\s*\d/.test(l)).map((l) => l.trim().split(/\s+/));
    for (const row of rows) {
      const cpu = point?.perCpu[Number(row[0])];
      expect([Number(row[10]), Number(row[13])]).toEqual([cpu?.softnet.processed, cpu?.softnet.receivedRps]);
      const pct = (x: number | undefined): string => `${((x ?? NaN) * 100).toFixed(1)}%`;
      expect(row.slice(1, 6)).toEqual([pct(cpu?.time?.irq), pct(cpu?.time?.softirq), pct(cpu?.time?.ksoftirqd), pct(cpu?.time?.app), pct(cpu?.time?.idle)]);
    }
    expect(rows.map((row) => Number(row[0]))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(section).toContain("(8 idle CPUs not shown)");
  });
});
