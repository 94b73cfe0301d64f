/**
 * The reply stream and the egress cap in the simulated path (issue 5): delivered packets produce
 * replies that leave through the instance's tbf shaper. The long-run reply rate equals the cap
 * within 0.5 %; every reply created is either accepted (with a shaper delay) or dropped as
 * egressCap; the shaper delay is the tbf stage's own on the same reply times; the point names
 * egressCap as its bottleneck; bad reply settings name their field.
 */
import { describe, expect, it } from "vitest";
import { runJob } from "../src/engine/job.js";
import { compilePlan } from "../src/engine/plan.js";
import { ZERO_COSTS, runPoint, scenarioFrom } from "./engine-helpers.js";

function doc(pps: number, bandwidth: Record<string, unknown>, profile = "ecs"): Record<string, unknown> {
  return {
    profile,
    host: { cpus: 4, ghz: 2.5 },
    nics: [{ name: "eth0", queues: 4, ringSize: 4096 }],
    traffic: { flows: 64, src: "198.51.100.0/24", dst: "10.0.0.1", size: 200, arrival: "poisson", load: { pps } },
    costs: { ...ZERO_COSTS, stackPerPacket: 2000 },
    run: { duration: "2s", warmup: "0.5s", seed: 11 },
    bandwidth,
  };
}

describe("egress cap on the reply stream", () => {
  it("an overloaded cap sends replies at exactly its rate (within 0.5 %) and drops the rest as egressCap", () => {
    // 2000 replies/s of 1000 bytes = 16 Mbps offered to a 5 Mbps cap.
    const p = runPoint(doc(2000, { egress: { mbps: 5 }, reply: { size: 1000 } }));
    const e = p.bandwidth?.egress;
    expect(e).toBeDefined();
    if (e === undefined) return;
    expect(Math.abs(e.sentBps - 5e6) / 5e6).toBeLessThan(0.005);
    expect(e.dropped).toBeGreaterThan(0);
    expect(p.drops.egressCap).toBe(e.dropped);
    // Replies are not offered packets: inbound conservation is untouched.
    expect(p.drops.total).toBe(0);
    expect(p.conservation.ok).toBe(true);
    expect(p.bandwidth?.bottleneck).toBe("egressCap");
    // tbf latency 50 ms: limit = 5e6/8 × 0.05 + burst(16384) = 47634 bytes → at most 76.2 ms queued.
    expect(e.delayUs.max).toBeLessThanOrEqual(76_300);
    expect(e.delayUs.p50).toBeGreaterThan(70_000);
  });

  it("every reply created is accepted or dropped; ratio 0.5 makes one reply per two deliveries", () => {
    const scenario = scenarioFrom(doc(1000, { egress: { mbps: 5 }, reply: { size: 1000, ratio: 0.5 } }));
    const j = runJob(scenario, 3);
    expect(j.replyPackets).toBeGreaterThan(0);
    expect(j.egressDelay.totalCount + j.dropsEgressCap).toBe(j.replyPackets);
    // One reply per two deliveries over the whole run; in the window, within a handful.
    expect(Math.abs(j.replyPackets - j.deliveredPackets / 2)).toBeLessThan(5);
  });

  it("under the cap nothing waits long and nothing is dropped; bottleneck none", () => {
    const p = runPoint(doc(200, { egress: { mbps: 5 }, reply: { size: 1000 } }));
    expect(p.drops.egressCap).toBe(0);
    expect(p.bandwidth?.bottleneck).toBe("none");
  });

  it("a plan with replies is not plain; without a reply stream there is no egress block", () => {
    const plan = compilePlan(scenarioFrom(doc(200, { egress: { mbps: 5 }, reply: { size: 1000 } })), 1);
    expect(plan.egressCap).toMatchObject({ rateBps: 5e6, burstBytes: 16384, latencyNs: 50e6, replyBytes: 1000, replyRatio: 1 });
    expect(plan.plain).toBe(false);
    const p = runPoint({ ...doc(200, { egress: { mbps: 5 } }), run: { duration: "50ms", warmup: "10ms" } });
    expect(p.bandwidth?.egress).toBeUndefined();
    expect(p.drops.egressCap).toBeUndefined();
  });

  it("bad reply settings name their field", () => {
    const bad = (bandwidth: Record<string, unknown>): string => {
      try {
        scenarioFrom(doc(100, bandwidth));
      } catch (err) {
        return (err as Error).message;
      }
      return "accepted";
    };
    expect(bad({ egress: { mbps: 5 }, reply: { size: 20 } })).toMatch(/^bandwidth\.reply\.size: /);
    expect(bad({ egress: { mbps: 5 }, reply: { size: 1000, ratio: 0 } })).toMatch(/^bandwidth\.reply\.ratio: /);
    expect(bad({ egress: { mbps: 5 }, reply: { ratio: 1 } })).toMatch(/^bandwidth\.reply(\.size)?: /);
    expect(bad({ egress: { mbps: 5, burst: 500 }, reply: { size: 1000 } })).toMatch(/^bandwidth\.egress\.burst: 500 bytes is smaller than a reply/);
    expect(bad({ egress: { mbps: 5, latency: -1 }, reply: { size: 1000 } })).toMatch(/^bandwidth\.egress\.latency: /);
  });
});
