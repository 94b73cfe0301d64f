/**
 * The ingress cap in the simulated path (issue 5): a `bandwidth` section polices every arrival of
 * the instance in arrival order before the NIC. The engine's drop count equals the policer
 * stage's own count on the same arrivals; the delivered rate settles at the cap; conservation
 * holds with ingressCap drops; private traffic meets the internal bandwidth instead; plans with a
 * cap gives the step machine's results on the engine's fast loops.
 */
import { describe, expect, it } from "vitest";
import { runJob } from "../src/engine/job.js";
import { compilePlan } from "../src/engine/plan.js";
import { POLICE_EXCEED, Policer, policerProfile } from "../src/shaping/policer.js";
import { PacketSource } from "../src/traffic/packet-source.js";
import { ZERO_COSTS, matchesStepMachine, runPoint, scenarioFrom } from "./engine-helpers.js";

function doc(options: { pps: number; bandwidth?: Record<string, unknown>; src?: string; arrival?: string }): Record<string, unknown> {
  return {
    profile: "ecs",
    host: { cpus: 4, ghz: 2.5 },
    nics: [{ name: "eth0", queues: 4, ringSize: 4096 }],
    traffic: { flows: 64, src: options.src ?? "198.51.100.0/24", dst: "10.0.0.1", size: 1000, arrival: options.arrival ?? "poisson", load: { pps: options.pps } },
    costs: { ...ZERO_COSTS, stackPerPacket: 500 },
    run: { duration: "100ms", warmup: "10ms", seed: 7 },
    ...(options.bandwidth === undefined ? {} : { bandwidth: options.bandwidth }),
  };
}

describe("ingress cap in the simulated path", () => {
  it("drops exactly the packets the policer stage drops on the same arrivals, in global time order", () => {
    const scenario = scenarioFrom(doc({ pps: 20_000, bandwidth: { egress: { mbps: 5 }, ingress: { burst: 20_000 }, arpBackground: false } }));
    const seed = scenario.run.seed;
    const counters = runJob(scenario, seed, "generic");
    // The same arrivals, drawn by the same source into one time-ordered column.
    const source = new PacketSource(scenario.traffic, seed);
    const max = 1 << 16;
    const time = new Float64Array(max);
    const flow = new Int32Array(max);
    const len = new Uint16Array(max);
    const n = source.fill(time, flow, len, new Uint16Array(scenario.traffic.flows), new Int32Array(1), max, scenario.run.durationNs);
    expect(n).toBeLessThan(max);
    const policer = new Policer(policerProfile({ rateBps: 100e6, burstBytes: 20_000, mtuBytes: 65535, exceed: "drop" }));
    let expected = 0;
    for (let i = 0; i < n; i++) if (policer.check(time[i], len[i]) === POLICE_EXCEED && time[i] >= scenario.run.warmupNs) expected++;
    expect(expected).toBeGreaterThan(0);
    expect(counters.dropsIngressCap).toBe(expected);
  });

  it("the delivered rate settles at the derived 100 Mbps cap, and conservation counts ingressCap", () => {
    // 20 kpps of 1000-byte frames = 160 Mbps offered; egress 5 → ingress max(100, 5) = 100 Mbps.
    // A small bucket, drained within the warm-up, so the window sees the long-run rate.
    const p = runPoint(doc({ pps: 20_000, arrival: "constant", bandwidth: { egress: { mbps: 5 }, ingress: { burst: 3000 } } }));
    const ingressCap = p.drops.ingressCap ?? 0;
    expect(ingressCap).toBeGreaterThan(0);
    expect(p.drops.total).toBe(p.drops.rxRing + p.drops.backlog + ingressCap);
    expect(p.conservation.ok).toBe(true);
    // The policer charges the frame without its 14-byte MAC header: 100e6 / (8 × 986) pps pass.
    const capPps = 100e6 / (8 * 986);
    expect(Math.abs(p.delivered.pps - capPps) / capPps).toBeLessThan(0.005);
  });

  it("private sources meet the internal bandwidth, not the public cap; no section, no cap", () => {
    const privateRun = runPoint(doc({ pps: 20_000, src: "10.1.0.0/16", bandwidth: { egress: { mbps: 5 } } }));
    expect(privateRun.drops.ingressCap).toBe(0);
    const plain = runPoint(doc({ pps: 20_000 }));
    expect(plain.drops.ingressCap).toBeUndefined();
    expect(plain.drops.total).toBe(0);
  });

  it("a plan with a cap is not plain, and its fast loops give the step machine's results", () => {
    const capped = compilePlan(scenarioFrom(doc({ pps: 1000, bandwidth: { egress: { mbps: 5 } } })), 1);
    expect(capped.plain).toBe(false);
    expect(capped.ingressCap).toEqual({ rateBps: 100e6, burstBytes: 125_000, mtuBytes: 65535, exceed: "drop", arpBps: 200_000, kind: "public" });
    expect(matchesStepMachine(scenarioFrom(doc({ pps: 1000, bandwidth: { egress: { mbps: 5 } } })), 1)).toBe(true);
  });
});

describe("bandwidth section: bad input names the field", () => {
  const bad = (bandwidth: Record<string, unknown>, profile = "ecs"): string => {
    try {
      scenarioFrom({ ...doc({ pps: 1000, bandwidth }), profile });
    } catch (e) {
      return (e as Error).message;
    }
    return "accepted";
  };
  it("egress above 200 Mbps under ecs, an ingress above the derived cap, a bad tier or type", () => {
    expect(bad({ egress: { mbps: 201 } })).toMatch(/^bandwidth\.egress\.mbps: 201 Mbps exceeds/);
    expect(bad({ egress: { mbps: 201 } }, "none")).toBe("accepted");
    expect(bad({ egress: { mbps: 5 }, ingress: { mbps: 150 } })).toMatch(/^bandwidth\.ingress\.mbps: 150 Mbps exceeds the ecs ingress cap for 5 Mbps egress \(100 Mbps/);
    expect(bad({ ingress: { mbps: 50 } })).toMatch(/^bandwidth\.ingress\.mbps: needs egress\.mbps/);
    expect(bad({ internalGbps: 5 })).toMatch(/^bandwidth\.internalGbps: 5 is not an ecs internal bandwidth tier/);
    expect(bad({ egress: { mbps: "fast" } })).toMatch(/^bandwidth\.egress\.mbps: /);
    expect(bad({ egress: { mbps: 5 }, extra: 1 })).toMatch(/bandwidth/);
  });
});
