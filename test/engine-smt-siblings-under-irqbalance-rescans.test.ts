import { describe, expect, it } from "vitest";
import { runJob } from "../src/engine/job.js";
import { matchesStepMachine, scenarioFrom } from "./engine-helpers.js";

/**
 * irqbalance rescans during the run on an SMT host (2 cores × 2 threads: CPUs 0 and 2 share core
 * 0, 1 and 3 core 1), 5 queues weighted 1:1:1:1:8: the daemon may move a queue onto any CPU, so
 * every sibling pair is tracked from the start, and the fast loops must still give the step
 * machine's results byte for byte.
 */
function doc(smtSpeed: number): Record<string, unknown> {
  return {
    host: { cpus: 4, ghz: 2.5, topology: { sockets: 1, coresPerSocket: 2, threadsPerCore: 2, nicNode: 0, smtSpeed } },
    nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 8, queues: 5, rss: { indir: "weight 1 1 1 1 8" } }],
    traffic: { flows: 2000, src: "100.64.0.0/10", dst: "10.0.0.19", size: 576, load: { pps: 200_000 } },
    irq: { policy: "irqbalance", irqbalance: { interval: 1, listing: "ascending" } },
    run: { duration: "1.2s", warmup: "0s", seed: 1 },
  };
}

describe("SMT siblings under irqbalance rescans", () => {
  it("the fast loops give the step machine's results, with and without the sharing", () => {
    for (const f of [0.6, 1]) for (const seed of [1]) expect(matchesStepMachine(scenarioFrom(doc(f)), seed), `smtSpeed ${f} seed ${seed}`).toBe(true);
  });

  it("the daemon moves a queue at 1 s, and siblings that overlap work longer than without sharing", () => {
    const shared = runJob(scenarioFrom(doc(0.6)), 1);
    const alone = runJob(scenarioFrom(doc(1)), 1);
    expect(shared.irqbalanceScans).toBe(2);
    expect(shared.irqMoves.map((m) => [m.queue, m.from, m.to])).toEqual([[0, 0, 1]]);
    // At 200 kpps the siblings overlap now and then: more busy time, never less.
    const busy = (c: typeof shared): number => c.cpuBusyNs.reduce((a, b) => a + b, 0);
    expect(busy(shared)).toBeGreaterThan(busy(alone));
  });
});
