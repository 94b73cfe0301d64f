import { describe, expect, it } from "vitest";
import { expandSweep } from "../src/config/sweep.js";
import { runScenario } from "../src/pool/run-scenario.js";
import { htmlReport } from "../src/report/html/html-report.js";

/**
 * With an application, the HTML report's heat map colours each CPU by its whole busy time (receive
 * path + application threads) and says on hover what it is made of, like mpstat. The scenario is
 * the golden of engine-app-golden-an-idle-thread-reads-each-datagram (thread on CPU 1): CPU 0
 * 0.0495 hard IRQ + 0.1002 softirq, CPU 1 0.151 application.
 */
describe("the HTML heat map counts application time", () => {
  it("colours CPU 1 by its thread's time and splits each cell on hover", () => {
    const raw = {
      profile: "none",
      host: { cpus: 2, ghz: 2 },
      nics: [{ name: "eth0", queues: 1, ringSize: 8 }],
      traffic: { flows: 3, src: "192.0.2.0/24", dst: "10.0.0.1", size: 100, arrival: "constant", load: { pps: 100000 } },
      costs: { hardIrq: 1000, pollOverhead: 200, driverPerPacket: 300, stackPerPacket: 1500, perByte: 0.25, rpsEnqueue: 0, ipi: 0 },
      app: { threads: "1", wake: 1000, recv: 2000, copyPerByte: 0.5 },
      run: { duration: "1ms", warmup: "0s" },
    };
    const html = htmlReport(runScenario({ source: "test", raw, points: expandSweep(raw) }), "r.json");
    expect(html).toContain("Per-CPU busy time (receive path + application)");
    expect(html).toContain("CPU 0: 15.0% (irq 5.0%, softirq 10.0%, app 0.0%)");
    expect(html).toContain("CPU 1: 15.1% (irq 0.0%, softirq 0.0%, app 15.1%)");
  });
});
