import { describe, expect, it } from "vitest";
import { compilePlan } from "../src/engine/plan.js";
import { parseCpuMask } from "../src/rps/cpumask.js";
import { rpsTargetCpu } from "../src/rps/rps-map.js";
import { softwareFlowHashes } from "../src/rps/skb-hash.js";
import { runPoint, scenarioFrom } from "./engine-helpers.js";

/**
 * RPS steers by skb_get_hash() (include/linux/skbuff.h): the NIC's RSS hash only when the driver
 * reported it as an L4 hash; otherwise the stack's software hash of the 4-tuple
 * (__skb_get_hash, net/core/flow_dissector.c).
 *
 * The probe: 4 clients send UDP to one address, the NIC hashes UDP on addresses only ("sd"), one
 * queue, rps_cpus fe (CPUs 1-7). The NIC hash has only 4 distinct values (one per client), so
 * reusing it puts all the stack work on at most 4 of the 7 CPUs. The kernel does not reuse it:
 * an "sd" hash is an L3 hash, so it hashes each flow's 4-tuple, and 1000 flows (4 clients ×
 * many source ports) spread over all 7 CPUs — each near 1/7 of them.
 */
function probe(rss: Record<string, unknown>, driver = "rx-only"): Record<string, unknown> {
  return {
    profile: "none",
    host: { cpus: 8, ghz: 2.5 },
    nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], queues: 1, driver, rss: { fields: { udp4: "sd" }, ...rss }, rps: { cpus: "fe" } }],
    traffic: { flows: 1000, src: "198.51.100.0/30", dst: "10.0.0.19", protocol: "udp", size: 64, load: { pps: 200_000 } },
    run: { duration: "20ms", warmup: "2ms", seed: 1 },
  };
}

const processed = (raw: Record<string, unknown>): number[] => runPoint(raw).perCpu.map((c) => c.softnet.processed);

describe("RPS steers by skb_get_hash()", () => {
  it("an L3 ('sd') NIC hash is not reused: the software 4-tuple hash spreads 4 clients over all 7 RPS CPUs", () => {
    const counts = processed(probe({}));
    const total = counts.reduce((a, b) => a + b, 0);
    expect(counts[0]).toBe(0);
    // 1000 flows over 7 CPUs: each gets 1/7 ≈ 14% of the packets, give or take the flow mix.
    for (let c = 1; c <= 7; c++) expect(counts[c] / total).toBeGreaterThan(0.08);
  });

  it("reported as l3 or absent (virtio-net's default), the same spread; with the ports hashed and an l4 report, the NIC's hash", () => {
    for (const raw of [probe({ hashReport: "l3", fields: { udp4: "sdfn" } }), probe({ fields: { udp4: "sdfn" } }, "virtio-net")]) {
      const s = scenarioFrom(raw);
      const plan = compilePlan(s, 1);
      expect(plan.flowRpsHash).toEqual(softwareFlowHashes(plan.flows, 17, 1));
      expect(plan.flowRpsHash).not.toEqual(plan.flowHash);
    }
    const l4 = compilePlan(scenarioFrom(probe({ fields: { udp4: "sdfn" } })), 1);
    expect(l4.flowRpsHash).toBe(l4.flowHash);
    const map = parseCpuMask("fe", 8);
    for (let f = 0; f < l4.flows.count; f++) expect(l4.flowMapCpu[f]).toBe(rpsTargetCpu(map, l4.flowHash[f]));
  });

  it("the software hash is never 0, the same for both directions, and drawn from the seed", () => {
    const plan = compilePlan(scenarioFrom(probe({})), 1);
    const hashes = softwareFlowHashes(plan.flows, 17, 1);
    expect(hashes.every((h) => h !== 0)).toBe(true);
    const reversed = { ...plan.flows, src: plan.flows.dst, dst: plan.flows.src, sport: plan.flows.dport, dport: plan.flows.sport };
    expect(softwareFlowHashes(reversed, 17, 1)).toEqual(hashes);
    expect(softwareFlowHashes(plan.flows, 17, 2)).not.toEqual(hashes);
  });
});
