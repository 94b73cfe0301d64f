/**
 * Caps per NIC (issue 5, `bandwidth.nics`): the instance's caps hold whatever the NICs are, and a
 * NIC's own cap limits what passes through that NIC further, in series. Ingress: the receiving
 * NIC's policer before the instance's. Egress: replies leave by the NIC routing picks and meet
 * its shaper, then the instance's — so the cap that binds is the one of the NIC the replies
 * actually use.
 */
import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/config/errors.js";
import { runJob } from "../src/engine/job.js";
import { ZERO_COSTS, runPoint, scenarioFrom } from "./engine-helpers.js";

const TWO_NICS = [
  { name: "eth1", addresses: ["10.0.0.20/24"], queues: 2, ringSize: 4096 },
  { name: "eth2", addresses: ["10.0.0.21/24"], queues: 2, ringSize: 4096 },
];

function doc(options: { pps: number; dst?: string; size?: number; bandwidth: Record<string, unknown>; routing?: Record<string, unknown> }): Record<string, unknown> {
  return {
    profile: "ecs",
    host: { cpus: 4, ghz: 2.5 },
    nics: TWO_NICS,
    traffic: { flows: 64, src: "198.51.100.0/24", dst: options.dst ?? "10.0.0.20", size: options.size ?? 1000, arrival: "constant", load: { pps: options.pps } },
    costs: { ...ZERO_COSTS, stackPerPacket: 500 },
    run: { duration: "2s", warmup: "0.5s", seed: 3 },
    bandwidth: options.bandwidth,
    ...(options.routing === undefined ? {} : { routing: options.routing }),
  };
}

/** The two-ENI setup of docs/cloud-profile.md, with or without eth2's `from` rule. */
function twoEnis(withEth2Rule: boolean): Record<string, unknown> {
  return {
    family: "inet",
    sysctls: { "net.ipv4.conf.all.rp_filter": "0" },
    batch: [
      "addr add 10.0.0.20/24 dev eth1",
      "addr add 10.0.0.21/24 dev eth2",
      "ip -4 route add default via 10.0.0.253 dev eth1 metric 1001",
      "ip -4 route add default via 10.0.0.253 dev eth2 metric 1002",
      "ip -4 route add default via 10.0.0.253 dev eth1 table 1001",
      "ip -4 route add default via 10.0.0.253 dev eth2 table 1002",
      "ip -4 rule add from 10.0.0.20 lookup 1001",
      ...(withEth2Rule ? ["ip -4 rule add from 10.0.0.21 lookup 1002"] : []),
    ].join("\n"),
  };
}

const within = (x: number, target: number, tolerance: number): boolean => Math.abs(x - target) / target < tolerance;

describe("caps per NIC", () => {
  it("the receiving NIC's ingress cap, below the instance's, holds its traffic to its rate (within 0.5 %)", () => {
    // 10 kpps of 1000-byte frames = 80 Mbps; the instance allows 100 Mbps, eth1 30 Mbps.
    const p = runPoint(doc({ pps: 10_000, bandwidth: { egress: { mbps: 5 }, arpBackground: false, nics: { eth1: { ingress: { mbps: 30, burst: 3000 } } } } }));
    const capPps = 30e6 / (8 * 986); // charged without the 14-byte MAC header
    expect(within(p.delivered.pps, capPps, 0.005)).toBe(true);
    expect(p.bandwidth?.nicIngress).toEqual({ nic: "eth1", capBps: 30e6, dropped: p.drops.ingressCap });
    expect(p.bottleneck).toBe("ingressCap");
    // A cap on the other NIC does nothing to this traffic.
    const other = runPoint(doc({ pps: 10_000, bandwidth: { egress: { mbps: 5 }, arpBackground: false, nics: { eth2: { ingress: { mbps: 30 } } } } }));
    expect(other.drops.ingressCap).toBe(0);
    expect(other.bandwidth?.nicIngress).toBeUndefined();
  });

  it("a NIC's egress cap below the instance's holds the replies leaving by it to its rate (within 0.5 %)", () => {
    // 2000 replies/s of 1000 bytes = 16 Mbps; the instance allows 20 Mbps of egress, eth1 8 Mbps.
    const bandwidth = { egress: { mbps: 20 }, reply: { size: 1000 }, nics: { eth1: { egress: { mbps: 8 } } } };
    const e = runPoint(doc({ pps: 2000, size: 200, bandwidth })).bandwidth?.egress;
    expect(e?.byNic).toHaveLength(1);
    expect(e?.byNic[0]).toEqual(expect.objectContaining({ nic: "eth1", capBps: 8e6 }));
    expect(within(e?.sentBps ?? 0, 8e6, 0.005)).toBe(true);
    expect(e?.byNic[0].dropped).toBe(e?.dropped);
    expect(e?.dropped).toBeGreaterThan(0);
  });

  it("replies meet the cap of the NIC routing sends them by, not of the NIC they came in on", () => {
    // Traffic to 10.0.0.21 arrives on eth2. With eth2's rule its replies leave by eth2; without
    // it, by eth1 (the main table's default route), and then eth1's 4 Mbps cap binds.
    const bandwidth = { egress: { mbps: 20 }, reply: { size: 1000 }, nics: { eth1: { egress: { mbps: 4 } } } };
    const symmetric = runPoint(doc({ pps: 1000, dst: "10.0.0.21", size: 200, bandwidth, routing: twoEnis(true) })).bandwidth?.egress;
    const asymmetric = runPoint(doc({ pps: 1000, dst: "10.0.0.21", size: 200, bandwidth, routing: twoEnis(false) })).bandwidth?.egress;
    const by = (e: typeof symmetric, nic: string) => e?.byNic.find((n) => n.nic === nic);
    expect(by(symmetric, "eth2")?.replies).toBe(symmetric?.replies);
    expect(by(symmetric, "eth1")?.replies).toBe(0);
    expect(symmetric?.dropped).toBe(0);
    expect(within(symmetric?.sentBps ?? 0, 8e6, 0.02)).toBe(true);
    expect(by(asymmetric, "eth1")?.replies).toBe(asymmetric?.replies);
    expect(within(asymmetric?.sentBps ?? 0, 4e6, 0.005)).toBe(true);
    expect(by(asymmetric, "eth1")?.dropped).toBeGreaterThan(0);
  });

  it("without NIC caps the results are the instance's alone, to the byte", () => {
    const base = { egress: { mbps: 5 }, reply: { size: 1000 } };
    const a = runJob(scenarioFrom(doc({ pps: 2000, size: 200, bandwidth: base })), 3);
    const b = runJob(scenarioFrom(doc({ pps: 2000, size: 200, bandwidth: { ...base, nics: { eth2: { egress: { mbps: 1 }, ingress: { mbps: 1 } } } } })), 3);
    expect(b.dropsEgressCap).toBe(a.dropsEgressCap);
    expect(b.egressBytes).toBe(a.egressBytes);
    expect(b.egressDelay.toJSON()).toEqual(a.egressDelay.toJSON());
  });

  it("refuses a NIC that does not exist, and a NIC egress cap without the instance's", () => {
    expect(() => scenarioFrom(doc({ pps: 1000, bandwidth: { egress: { mbps: 5 }, nics: { eth9: { egress: { mbps: 1 } } } } }))).toThrow(
      new ConfigError("bandwidth.nics.eth9", "is not a NIC; NICs: eth1, eth2"),
    );
    const none = { ...doc({ pps: 1000, bandwidth: { ingress: { mbps: 50 }, reply: { size: 100 }, nics: { eth1: { egress: { mbps: 1 } } } } }), profile: "none" };
    expect(() => scenarioFrom(none)).toThrow(
      new ConfigError("bandwidth.nics.eth1.egress.mbps", "needs the instance's egress cap (bandwidth.egress.mbps): a NIC's shaper sits in series with it"),
    );
  });
});
