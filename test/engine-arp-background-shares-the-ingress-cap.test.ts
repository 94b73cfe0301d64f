/**
 * The subnet's ARP broadcast background (issue 5, docs/cloud-profile.md: ~200 Kbps an instance
 * receives even when idle) is policed with the traffic, in time order, by the ingress cap: the
 * engine's drops equal a hand-run policer on the merged sequence of the same arrivals and the same
 * ARP frames. It is on by default under profile ecs, off under none and with arpBackground: false.
 */
import { describe, expect, it } from "vitest";
import { runJob } from "../src/engine/job.js";
import { POLICE_EXCEED, Policer, policerProfile } from "../src/shaping/policer.js";
import { PacketSource } from "../src/traffic/packet-source.js";
import { Prng } from "../src/traffic/prng.js";
import { ZERO_COSTS, runPoint, scenarioFrom } from "./engine-helpers.js";

function doc(bandwidth: Record<string, unknown>, profile = "ecs"): Record<string, unknown> {
  return {
    profile,
    host: { cpus: 4, ghz: 2.5 },
    nics: [{ name: "eth0", queues: 4, ringSize: 4096 }],
    traffic: { flows: 64, src: "198.51.100.0/24", dst: "10.0.0.1", size: 1000, arrival: "poisson", load: { pps: 12_600 } },
    costs: { ...ZERO_COSTS, stackPerPacket: 500 },
    run: { duration: "400ms", warmup: "50ms", seed: 9 },
    bandwidth,
  };
}

describe("ARP background on the ingress cap", () => {
  it("takes the policer's tokens in time order with the traffic, exactly as a hand-run policer does", () => {
    // 12.6 kpps of 1000-byte frames ≈ 99.4 Mbps charged (986 bytes each) against 100 Mbps:
    // the ARP frames' 0.2 Mbps tip the bucket over now and then.
    const scenario = scenarioFrom(doc({ egress: { mbps: 5 }, ingress: { burst: 4000 } }));
    const { seed, warmupNs, durationNs } = scenario.run;
    const counters = runJob(scenario, seed);

    const source = new PacketSource(scenario.traffic, seed);
    const max = 1 << 16;
    const time = new Float64Array(max);
    const len = new Uint16Array(max);
    const n = source.fill(time, new Int32Array(max), len, new Uint16Array(scenario.traffic.flows), new Int32Array(1), max, durationNs);
    const policer = new Policer(policerProfile({ rateBps: 100e6, burstBytes: 4000, mtuBytes: 65535, exceed: "drop" }));
    const arpRng = new Prng(seed, 2);
    const arpGap = (8e9 * 60) / 200_000;
    let arp = arpRng.nextExp() * arpGap;
    const expected = { drops: 0, arp: 0, arpDropped: 0 };
    const policeArpUpTo = (t: number): void => {
      for (; arp <= t && arp < durationNs; arp += arpRng.nextExp() * arpGap) {
        const exceeds = policer.check(arp, 60) === POLICE_EXCEED;
        if (arp >= warmupNs) {
          expected.arp++;
          if (exceeds) expected.arpDropped++;
        }
      }
    };
    for (let i = 0; i < n; i++) {
      policeArpUpTo(time[i]);
      if (policer.check(time[i], len[i]) === POLICE_EXCEED && time[i] >= warmupNs) expected.drops++;
    }
    policeArpUpTo(durationNs);

    expect(expected.arp).toBeGreaterThan(100);
    expect(counters.arpPackets).toBe(expected.arp);
    expect(counters.arpDropped).toBe(expected.arpDropped);
    expect(counters.dropsIngressCap).toBe(expected.drops);
    // The frames are ~417 per second of the window.
    expect(Math.abs(expected.arp / 0.35 - 200_000 / 480) / (200_000 / 480)).toBeLessThan(0.15);
    // Without them, the same traffic loses fewer packets.
    const quiet = runJob(scenarioFrom(doc({ egress: { mbps: 5 }, ingress: { burst: 4000 }, arpBackground: false })), seed);
    expect(quiet.arpPackets).toBe(0);
    expect(quiet.dropsIngressCap).toBeLessThan(counters.dropsIngressCap);
  });

  it("is on under ecs, off under profile none unless asked for, and reported with its rate", () => {
    expect(runPoint(doc({ egress: { mbps: 5 } })).bandwidth?.arpBackground).toEqual(expect.objectContaining({ bps: 200_000 }));
    expect(runPoint(doc({ egress: { mbps: 5 } })).bandwidth?.arpBackground.packets).toBeGreaterThan(100);
    expect(runPoint(doc({ ingress: { mbps: 100 } }, "none")).bandwidth?.arpBackground).toEqual({ bps: 0, packets: 0, dropped: 0 });
    expect(runPoint(doc({ ingress: { mbps: 100 }, arpBackground: true }, "none")).bandwidth?.arpBackground.bps).toBe(200_000);
  });
});
