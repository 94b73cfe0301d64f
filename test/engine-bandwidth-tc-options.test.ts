/**
 * The tc options of the `bandwidth` section: the ingress policer's mtu and
 * conform-exceed action, and the egress shaper's limit, peakrate/mtu, mpu and overhead — each
 * checked in the simulated path, and each bad combination refused with the key that is wrong.
 */
import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/config/errors.js";
import { runJob } from "../src/engine/job.js";
import { ZERO_COSTS, runPoint, scenarioFrom } from "./engine-helpers.js";

function doc(pps: number, bandwidth: Record<string, unknown>, size = 1000): Record<string, unknown> {
  return {
    profile: "ecs",
    host: { cpus: 4, ghz: 2.5 },
    nics: [{ name: "eth0", queues: 4, ringSize: 4096 }],
    traffic: { flows: 64, src: "198.51.100.0/24", dst: "10.0.0.1", size, arrival: "poisson", load: { pps } },
    costs: { ...ZERO_COSTS, stackPerPacket: 500 },
    run: { duration: "1s", warmup: "0.2s", seed: 5 },
    bandwidth,
  };
}

describe("ingress policer options", () => {
  it("ingress.exceed pass drops nothing and counts exactly the packets drop would have dropped", () => {
    // 20 kpps of 1000-byte frames = 160 Mbps against the derived 100 Mbps cap.
    const bandwidth = { egress: { mbps: 5 }, ingress: { burst: 20_000 } };
    const passing = { ...bandwidth, ingress: { burst: 20_000, exceed: "pass" } };
    const dropped = runJob(scenarioFrom(doc(20_000, bandwidth)), 5);
    const passed = runJob(scenarioFrom(doc(20_000, passing)), 5);
    expect(dropped.dropsIngressCap).toBeGreaterThan(0);
    expect(dropped.ingressExceeded).toBe(dropped.dropsIngressCap);
    // An exceeding packet takes no tokens either way, so the verdicts are the same.
    expect(passed.ingressExceeded).toBe(dropped.dropsIngressCap);
    expect(passed.dropsIngressCap).toBe(0);
    expect(passed.deliveredPackets).toBe(dropped.deliveredPackets + dropped.dropsIngressCap);
    const p = runPoint(doc(20_000, passing));
    expect(p.bandwidth).toEqual(expect.objectContaining({ ingressExceed: "pass", ingressExceeded: p.bandwidth?.ingressExceeded }));
    expect(p.bandwidth?.ingressExceeded).toBeGreaterThan(0);
    expect(p.drops.ingressCap).toBe(0);
  });

  it("ingress.mtu: frames longer than the mtu exceed whatever the tokens", () => {
    // 1 kpps of 1000-byte frames is far under 100 Mbps, but an mtu of 500 bytes lets none through.
    const p = runPoint(doc(1000, { egress: { mbps: 5 }, ingress: { mtu: 500 } }));
    expect(p.delivered.packets).toBe(0);
    expect(p.drops.ingressCap).toBe(p.offered.packets);
    expect(runPoint(doc(1000, { egress: { mbps: 5 }, ingress: { mtu: 500 } }, 400)).drops.ingressCap).toBe(0);
  });
});

describe("egress shaper options", () => {
  const reply = { size: 1000 };

  it("egress.overhead is charged: 1000 bytes added to 1000-byte replies halve the reply bits sent", () => {
    const plain = runPoint(doc(2000, { egress: { mbps: 5 }, reply })).bandwidth?.egress;
    const charged = runPoint(doc(2000, { egress: { mbps: 5, overhead: 1000 }, reply })).bandwidth?.egress;
    expect(Math.abs((plain?.sentBps ?? 0) - 5e6) / 5e6).toBeLessThan(0.005);
    expect(Math.abs((charged?.sentBps ?? 0) - 2.5e6) / 2.5e6).toBeLessThan(0.005);
  });

  it("egress.mpu charges small replies as mpu bytes", () => {
    const p = runPoint(doc(4000, { egress: { mbps: 5, mpu: 500 }, reply: { size: 100 } })).bandwidth?.egress;
    // 4000 replies/s × 500 charged bytes = 16 Mbps offered: the cap passes 5e6 / (8 × 500) = 1250/s.
    expect(Math.abs((p?.sentBps ?? 0) - 1250 * 100 * 8) / (1250 * 100 * 8)).toBeLessThan(0.005);
  });

  it("egress.peakrate paces bursts the bucket would let through at once", () => {
    // 550 replies/s of 1000 bytes = 4.4 Mbps, under the 5 Mbps cap; a 1 MB bucket absorbs every
    // burst, so replies wait for nothing — unless a 5.2 Mbps peak rate paces them (1.54 ms each).
    const egress = { mbps: 5, burst: 1_000_000 };
    const free = runPoint(doc(550, { egress, reply })).bandwidth?.egress?.delayUs;
    const paced = runPoint(doc(550, { egress: { ...egress, peakrate: 5.2, mtu: 1514 }, reply })).bandwidth?.egress?.delayUs;
    expect(free?.p99).toBeLessThan(1);
    expect(paced?.p99).toBeGreaterThan(1540);
  });

  it("egress.limit bounds the queue in bytes instead of egress.latency", () => {
    // limit 20000 bytes: 20 replies of 1000 bytes wait at most, 20 × 1.6 ms = 32 ms at 5 Mbps.
    const e = runPoint(doc(2000, { egress: { mbps: 5, burst: 16384, limit: 20_000 }, reply })).bandwidth?.egress;
    expect(e?.dropped).toBeGreaterThan(0);
    expect(e?.delayUs.max).toBeLessThan(33_000);
    expect(e?.delayUs.p50).toBeGreaterThan(25_000);
  });

  it("refuses impossible combinations, naming the key", () => {
    const bad = (egress: Record<string, unknown>, more: Record<string, unknown> = {}): unknown =>
      scenarioFrom(doc(1000, { egress: { mbps: 5, ...egress }, reply, ...more }));
    expect(() => bad({ limit: 20_000, latency: 10 })).toThrow(
      new ConfigError("bandwidth.egress.limit", "give egress.limit or egress.latency, not both (tc tbf takes one of limit and latency)"),
    );
    expect(() => bad({ peakrate: 10 })).toThrow(
      new ConfigError("bandwidth.egress.mtu", "is required with egress.peakrate (tc tbf's peak bucket needs both peakrate and mtu)"),
    );
    expect(() => bad({ peakrate: 4, mtu: 1514 })).toThrow(/^bandwidth\.egress\.peakrate: the egress shaper cannot be built: 4000000 bit\/s must exceed rate 5000000 bit\/s/);
    expect(() => bad({}, { ingress: { exceed: "reclassify" } })).toThrow('bandwidth.ingress.exceed: "reclassify" must be one of "drop", "pass"');
    // A flat key of the first format and a nested one for the same setting, or for the two
    // settings tc takes only one of, are refused with the keys as written.
    expect(() => bad({}, { egressMbps: 5 })).toThrow(
      new ConfigError("bandwidth.egressMbps", "and bandwidth.egress.mbps set the same thing; keep bandwidth.egress.mbps (the flat key is deprecated)"),
    );
    expect(() => bad({ latency: 10 }, { egressLimit: 20_000 })).toThrow(
      new ConfigError("bandwidth.egressLimit", "give egressLimit or egress.latency, not both (tc tbf takes one of limit and latency)"),
    );
  });
});
