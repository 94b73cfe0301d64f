import { describe, expect, it } from "vitest";
import { runJob } from "../src/engine/job.js";
import type { JobCounters } from "../src/engine/counters.js";
import { decodeCounters, encodeCounters } from "../src/pool/counters-codec.js";
import { pointResult } from "../src/report/point-result.js";
import { loopsOf, matchesStepMachine, runPoint, scenarioFrom } from "./engine-helpers.js";

/**
 * examples/irqbalance-rebalances.yaml: 1 socket × 4 cores, 5 queues weighted 1:1:1:1:8. The first
 * scan puts queues 4 and 0 on CPU 0 (9/12 of the load); the scan at 1 s moves queue 0 to CPU 1.
 */
function doc(irqbalance: Record<string, unknown> = {}, run: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    host: { cpus: 4, ghz: 2.5, topology: { sockets: 1, coresPerSocket: 4, threadsPerCore: 1, nicNode: 0 } },
    nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 8, queues: 5, rss: { indir: "weight 1 1 1 1 8" } }],
    traffic: { flows: 2000, src: "100.64.0.0/10", dst: "10.0.0.19", size: 576, load: { pps: 1000000 } },
    irq: { policy: "irqbalance", irqbalance: { interval: 1, listing: "ascending", ...irqbalance } },
    run: { duration: "2s", warmup: "0s", seed: 1, ...run },
  };
}

function job(raw: Record<string, unknown>, seed = 1): JobCounters {
  return runJob(scenarioFrom(raw), seed);
}

describe("irqbalance during a run", () => {
  const long = job(doc());

  it("moves an IRQ off the overloaded CPU, and the CPU loads follow", () => {
    expect(long.irqbalanceScans).toBe(2); // the first scan (placement) and the one at 1 s
    expect([...long.queueCpu]).toEqual([0, 3, 2, 1, 0]);
    expect(long.irqMoves).toEqual([{ timeNs: 1e9, queue: 0, from: 0, to: 1 }]);
    // The same job stopped at the scan: its busy time is the first second of the long one.
    const first = job(doc({}, { duration: "1s" }));
    expect(first.irqMoves).toEqual([]);
    const second = (c: number): number => long.cpuBusyNs[c] - first.cpuBusyNs[c];
    expect(second(0)).toBeLessThan(first.cpuBusyNs[0] - 0.05e9); // queue 0's share left CPU 0
    expect(second(1)).toBeGreaterThan(first.cpuBusyNs[1] + 0.05e9); // and came to CPU 1
    expect(Math.abs(second(2) - first.cpuBusyNs[2])).toBeLessThan(0.02e9); // untouched CPUs: same
    expect(Math.abs(second(3) - first.cpuBusyNs[3])).toBeLessThan(0.02e9);
    // CPU 1 now takes queue 0's interrupts too: more than its own queue 3 alone raised in the first second.
    expect(long.cpuIrqs[1] - first.cpuIrqs[1]).toBeGreaterThan(first.cpuIrqs[1] * 1.2);
  });

  it("keeps every packet accounted for across the move", () => {
    const point = runPoint(doc());
    expect(point.conservation.ok).toBe(true);
    expect(point.conservation.offered).toBe(point.conservation.delivered + point.conservation.dropped + point.conservation.inFlight);
    expect(point.irqbalance).toEqual({
      scans: 2,
      moves: [{ replication: 0, timeNs: 1e9, irq: 32, nic: "eth0", queue: 0, from: 0, to: expect.any(Number) as number }],
      intervalS: 1,
    });
    expect(point.irqbalance?.moves[0].to).not.toBe(0); // where to depends on the seed's CPU loads
  });

  it("--oneshot scans once and never moves an IRQ", () => {
    const once = job(doc({ oneshot: true }));
    expect(once.irqbalanceScans).toBe(1);
    expect(once.irqMoves).toEqual([]);
    expect(job(doc({}, { duration: "3s" })).irqbalanceScans).toBe(3);
  });

  it("never gives a banned CPU an IRQ", () => {
    const banned = job(doc({ bannedCpus: "1" }));
    expect(banned.irqMoves.length).toBeGreaterThan(0);
    for (const m of banned.irqMoves) expect(m.to).not.toBe(1);
    expect(banned.queueCpu).not.toContain(1);
    expect(banned.cpuIrqs[1]).toBe(0);
    expect(banned.cpuPolled[1]).toBe(0);
  });

  it("leaves a banned IRQ where it is", () => {
    const kept = job(doc({ bannedIrqs: [32] }));
    for (const m of kept.irqMoves) expect(m.queue).not.toBe(0);
  });

  it("gives identical results for the same seed", () => {
    const a = runPoint({ ...doc(), run: { duration: "2s", warmup: "0s", seed: 3, replications: 2 } });
    const b = runPoint({ ...doc(), run: { duration: "2s", warmup: "0s", seed: 3, replications: 2 } });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.irqbalance?.scans).toBe(4);
  });

  it("runs its queue CPUs on the isolated loop only when no rescan falls in the run, with the step machine's results", () => {
    const one = { queues: 4, rss: { indir: "default" } };
    const raw = (duration: string): Record<string, unknown> => {
      const d = doc({}, { duration });
      const nic = (d.nics as Record<string, unknown>[])[0];
      return { ...d, nics: [{ ...nic, ...one }] };
    };
    expect(loopsOf(scenarioFrom(raw("1s")), 1).isolated).toBe(4); // next scan at the end
    expect(loopsOf(scenarioFrom(raw("1.5s")), 1).isolated).toBe(0);
    expect(matchesStepMachine(scenarioFrom(raw("1.5s")), 1)).toBe(true);
  });

  it("round-trips its moves through the counters codec", () => {
    const decoded = decodeCounters(encodeCounters(long));
    expect(decoded.irqbalanceScans).toBe(long.irqbalanceScans);
    expect(decoded.irqMoves).toEqual(long.irqMoves);
    const scenario = scenarioFrom(doc());
    expect(JSON.stringify(pointResult(scenario, {}, 1, [decoded]))).toBe(JSON.stringify(pointResult(scenario, {}, 1, [long])));
  });
});
