/**
 * `tune` and interrupt coalescing: the `coalesce` dimension (off, rx-usecs 8, rx-usecs 50) is in
 * the space only when the scenario writes its receiving NIC's `coalesce` section. With the CPU
 * objective at a light load, a loose latency SLO lets the longest wait win (fewest interrupts,
 * least CPU); a p99 bound below 50 µs rules it out, and rx-usecs 8 wins. Short runs (3 ms
 * simulated, one replication).
 */
import { describe, expect, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { loadAxis } from "../src/plan/load-axis.js";
import { parseSlo } from "../src/plan/slo.js";
import { tune, type TuneRequest } from "../src/plan/tune.js";
import { tuneSpace, writesCoalescing } from "../src/plan/tune-space.js";

const raw = (coalesce?: Record<string, unknown>): Record<string, unknown> => ({
  host: { cpus: 2, ghz: 2.5 },
  nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 1, queues: 1, ...(coalesce === undefined ? {} : { coalesce }) }],
  irq: { policy: "round-robin" },
  traffic: { src: "100.64.0.0/10", dst: "10.0.0.19", flows: 64, size: 64, arrival: "constant", load: { pps: 300000 } },
  run: { duration: "3ms", warmup: "0.5ms", seed: 1 },
});

const request = (doc: unknown, slo: string): TuneRequest => ({
  source: "planted",
  raw: doc,
  slo: parseSlo(slo),
  objective: "cpu",
  axis: loadAxis("traffic.load.pps"),
  replications: 1,
  threads: 1,
  exhaustive: false,
  resolution: 0.02,
});

describe("tune tries coalescing when the scenario writes it", () => {
  it("the dimension is there only when the receiving NIC's coalesce section is written", () => {
    const without = raw();
    expect(tuneSpace(validateScenario(without), writesCoalescing(without, validateScenario(without))).dimensions.map((d) => d.name)).not.toContain("coalesce");
    const opted = raw({});
    const space = tuneSpace(validateScenario(opted), writesCoalescing(opted, validateScenario(opted)));
    expect(space.dimensions.find((d) => d.name === "coalesce")?.values).toEqual(["current", "off", "8us", "50us"]);
    expect(space.current.coalesce).toBe("current");
  });

  it("a loose p99 bound: rx-usecs 50 uses the least CPU; below 50 µs: rx-usecs 8", async () => {
    const loose = await tune(request(raw({}), "p99<=200us"));
    expect(loose.ranking[0].settings.coalesce).toBe("50us");
    expect(loose.ranking[0].applied.coalesce).toEqual({ rxUsecs: 50, rxFrames: 0 });
    expect(((loose.bestScenario as { nics: Record<string, unknown>[] } | null)?.nics[0].coalesce)).toEqual({ rxUsecs: 50, rxFrames: 0 });
    const tight = await tune(request(raw({}), "p99<=30us"));
    expect(tight.ranking[0].settings.coalesce).toBe("8us");
    expect(tight.why).toMatch(/coalesce=8us/);
  });
});
