/**
 * `tune` on scenarios built to have a known answer:
 * - a single-queue NIC: the best RPS mask leaves out the CPU that takes the interrupt (that CPU
 *   both polls the ring and would share the stack work), ahead of `all`;
 * - a skewed flow mix (Zipf) on 4 queues: the load-aware rebalanced table beats the equal one;
 * - a small space searched exhaustively (cpu objective) covers every combination, and the same
 *   seed gives the same document.
 * Short runs (3 ms simulated, one replication); about 3–4 s on a 2-core machine, SLOWER than
 * the ~2 s budget of a test file.
 */
import { describe, expect, it } from "vitest";
import { loadAxis } from "../src/plan/load-axis.js";
import { parseSlo } from "../src/plan/slo.js";
import { tune, type TuneRequest } from "../src/plan/tune.js";

const host = (cpus: number, maxQueues: number, traffic: Record<string, unknown>): Record<string, unknown> => ({
  host: { cpus, ghz: 2.5 },
  nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues, queues: maxQueues }],
  irq: { policy: "round-robin" },
  traffic: { src: "100.64.0.0/10", dst: "10.0.0.19", size: 64, load: { pps: 500000 }, ...traffic },
  run: { duration: "3ms", warmup: "0.5ms", seed: 1 },
});

const request = (raw: unknown, over: Partial<TuneRequest> = {}): TuneRequest => ({
  source: "planted",
  raw,
  slo: parseSlo("drops<=0.1%"),
  objective: "capacity",
  axis: loadAxis("traffic.load.pps"),
  replications: 1,
  threads: 1,
  exhaustive: false,
  resolution: 0.02,
  ...over,
});

describe("tune finds the planted best", () => {
  it("single queue: RPS on every CPU but the interrupt's", async () => {
    const doc = await tune(request(host(8, 1, { flows: 256, load: { pps: 2000000 } }), { resolution: 0.05 }));
    const best = doc.ranking[0];
    expect(best.settings.rps).toBe("all-but-irq");
    expect(best.applied.irqCpus).toEqual([0]);
    expect(best.applied.rpsCpus).toEqual(["fe"]);
    const all = doc.ranking.find((e) => e.settings.rps === "all" && e.settings.irq === best.settings.irq);
    expect(all).toBeDefined();
    expect(best.score).toBeGreaterThan(all?.score ?? Infinity);
    expect(doc.current?.score).toBeLessThan(best.score);
    expect(doc.why).toMatch(/^best queues=1 irq=\S+ rps=all-but-irq .*; runner-up /);
    expect(doc.coverage.combinations).toBeLessThan(doc.space.combinations);
  });

  it("skewed flows: the rebalanced table beats the equal one", async () => {
    const doc = await tune(request(host(4, 4, { flows: 16, weights: { zipf: 0.6 }, load: { pps: 3000000 } })));
    const best = doc.ranking[0];
    expect(best.settings.indir).toBe("rebalanced");
    expect(best.applied.indirTable).toHaveLength(128);
    const equal = doc.ranking.find((e) => e.settings.indir !== "rebalanced" && e.settings.queues === best.settings.queues && e.settings.rps === best.settings.rps && e.settings.irq === best.settings.irq);
    expect(equal).toBeDefined();
    expect(best.score).toBeGreaterThan(1.1 * (equal?.score ?? Infinity));
  });

  it("exhaustive covers a small space, and a seed gives one answer", async () => {
    const raw = host(2, 2, { flows: 64, load: { pps: 400000 } });
    const r = request(raw, { objective: "cpu", exhaustive: true });
    const doc = await tune(r);
    expect(doc.strategy).toBe("exhaustive");
    expect(doc.coverage.combinations).toBe(doc.space.combinations);
    expect(doc.coverage.simulated + doc.coverage.refused).toBeLessThanOrEqual(doc.space.combinations);
    expect(doc.ranking[0].pass).toBe(true);
    // Fewest CPUs busy: no RPS work moved across CPUs, so no IPIs and no enqueue cost.
    expect(doc.ranking[0].applied.rpsCpus.every((m) => m === "0")).toBe(true);
    expect(JSON.stringify(await tune(r))).toBe(JSON.stringify(doc));
  });
});
