/**
 * The round trip: a host nicsim simulates with known costs, seen only through the counters the
 * snapshot script would record (one snapshot per offered rate), calibrated back. The fit must
 * find the cycles per packet and per interrupt within 3%, and a run with the calibrated costs
 * must reproduce each CPU's measured irq+softirq utilization.
 * Costs are large (≈8 µs per packet) so that /proc/stat's 10 ms ticks resolve the load with few
 * simulated packets: the file runs ten short jobs, about 2–3 s in all.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { runJob } from "../src/engine/job.js";
import { calibrate, readSnapshot, reproduce } from "../src/host/index.js";
import { writeSimulatedSnapshot } from "./host-simulated-snapshot.js";

const GHZ = 2.5;
const CPUS = 4;
const COSTS = { hardIrq: 12000, pollOverhead: 2000, driverPerPacket: 4000, stackPerPacket: 16000, perByte: 1 };
const SIZE = 200;
const PER_PACKET = COSTS.driverPerPacket + COSTS.stackPerPacket + COSTS.perByte * SIZE; // 20,200 cycles
const PER_INTERRUPT = COSTS.hardIrq + COSTS.pollOverhead; // one poll per interrupt below saturation
const RATES = [40_000, 80_000, 120_000, 160_000, 200_000];

function host(pps: number, costs: Record<string, number>, duration: string) {
  return validateScenario({
    profile: "none",
    host: { cpus: CPUS, ghz: GHZ },
    nics: [{ name: "eth0", addresses: ["10.0.0.1/24"], queues: CPUS, maxQueues: CPUS, ringSize: 1024 }],
    irq: { policy: "round-robin" },
    traffic: { flows: 1000, src: "198.18.0.0/15", dst: "10.0.0.1", size: SIZE, load: { pps } },
    costs,
    run: { duration, warmup: "10ms" },
  });
}

const root = mkdtempSync(join(tmpdir(), "nicsim-roundtrip-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("calibrate recovers the costs of a simulated host", () => {
  const snapshots = RATES.map((pps, i) => {
    const job = runJob(host(pps, COSTS, "5s"), 7 + i);
    const dir = join(root, `rate-${pps}`);
    writeSimulatedSnapshot(dir, job, CPUS, GHZ, { busyNs: 123_456_789 + i * 1e9, irqs: 5000, packets: 70000 });
    return readSnapshot(dir);
  });
  const result = calibrate(snapshots);

  it("finds cycles per packet and per interrupt within 3%", () => {
    expect(result.ghz.value).toBe(GHZ);
    expect(result.interruptSource).toBe("queue-irqs");
    const perPacket = result.costs.driverPerPacket + result.costs.stackPerPacket;
    expect(Math.abs(perPacket / PER_PACKET - 1)).toBeLessThan(0.03);
    expect(Math.abs(result.costs.hardIrq / PER_INTERRUPT - 1)).toBeLessThan(0.03);
    expect(result.fit.r2).toBeGreaterThan(0.99);
    expect(result.fit.points).toBe(RATES.length * CPUS);
    expect(result.fit.distinctRates).toBe(RATES.length);
  });

  it("writes a costs section that a scenario accepts, with R² and the rates covered", () => {
    expect(result.yaml).toMatch(/^# quality: R² (0\.99\d\d|1\.0000); residuals RMS/m);
    expect(result.yaml).toMatch(/^costs:\n  hardIrq: \d+/m);
    expect(result.yaml).toMatch(/measured mean frame of 200 bytes/);
  });

  it("a run with the calibrated costs reproduces every CPU's measured utilization within 1% of a CPU", () => {
    // The same traffic (seed) as the measured host, at each rate the snapshots measured.
    result.intervals.forEach((iv, i) => {
      const [row] = reproduce(host(Math.round(iv.pps), COSTS, "2s"), { ...result, intervals: [iv] }, 7 + i);
      expect(row.cpus).toHaveLength(CPUS);
      for (const c of row.cpus) expect(Math.abs(c.simulated - c.measured)).toBeLessThan(0.01);
    });
  });
});
