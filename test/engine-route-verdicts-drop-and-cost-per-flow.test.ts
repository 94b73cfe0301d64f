/**
 * Route verdicts in the simulated path: with a `routing` section each flow's verdict is computed
 * once; a failure drops its packets under the verdict's cause (after the stack's work, on the
 * CPU that processed them), conservation counts those drops, delivered traffic is counted by the
 * NIC it leaves by, and every rule a packet's lookups evaluate adds `costs.routeRule` cycles.
 * With or without routing, the engine's fast loops give the step machine's results.
 */
import { describe, expect, it } from "vitest";
import { compilePlan } from "../src/engine/plan.js";
import { ZERO_COSTS, matchesStepMachine, runPoints, scenarioFrom } from "./engine-helpers.js";

const BATCH = `addr add 10.0.0.20/24 dev eth1
addr add 10.0.0.21/24 dev eth2
route add default via 10.0.0.253 dev eth1 metric 1001
route add default via 10.0.0.253 dev eth2 metric 1002
route add default via 10.0.0.253 dev eth1 table 1001
route add default via 10.0.0.253 dev eth2 table 1002
rule add from 10.0.0.20 lookup 1001
`;

function host(overrides: { dst?: string; batch?: string; rpFilter?: string; costs?: Record<string, unknown>; load?: number } = {}): Record<string, unknown> {
  return {
    profile: "none",
    host: { cpus: 4, ghz: 2.5 },
    nics: [
      { name: "eth1", addresses: ["10.0.0.20/24"], maxQueues: 2, queues: 1 },
      { name: "eth2", addresses: ["10.0.0.21/24"], maxQueues: 2, queues: 1 },
    ],
    traffic: { flows: 200, src: "198.51.100.0/24", dst: overrides.dst ?? "10.0.0.20", protocol: "tcp", dstPort: 443, size: 64, arrival: "constant", load: { pps: overrides.load ?? 20_000 } },
    costs: overrides.costs ?? {},
    run: { duration: "20ms", warmup: "2ms", seed: 3 },
    routing: { sysctls: { "net.ipv4.conf.all.rp_filter": overrides.rpFilter ?? "1" }, batch: overrides.batch ?? BATCH },
  };
}

describe("route verdicts in the simulated path", () => {
  it("a flow whose reverse path fails strict rp_filter is dropped as rpFilter, every packet, and conservation holds", () => {
    const [p] = runPoints(host({ dst: "10.0.0.21" }));
    expect(p.delivered.packets).toBe(0);
    expect(p.drops.route).toEqual({ noRoute: 0, unreachable: 0, prohibit: 0, blackhole: 0, martian: 0, rpFilter: p.offered.packets, notForwarding: 0 });
    expect(p.drops.total).toBe(p.offered.packets);
    expect(p.conservation.ok).toBe(true);
    // The drop happens in the stack: the CPU still did the packets' work.
    expect(p.cpuUtilization.max).toBeGreaterThan(0);
  });

  it("with loose rp_filter the same packets are delivered and every reply leaves by the other NIC", () => {
    const [p] = runPoints(host({ dst: "10.0.0.21", rpFilter: "2" }));
    expect(p.delivered.packets).toBe(p.offered.packets - p.conservation.inFlight);
    expect(p.routing).toEqual({ leavesBy: { eth1: p.delivered.packets, eth2: 0 }, replyUnroutable: 0 });
    expect(p.drops.total).toBe(0);
  });

  it("transit traffic: blackhole, prohibit and unreachable drop under their own causes, the rest is forwarded", () => {
    const transit = (forwarding: string): Record<string, unknown> => {
      const raw = host({
        dst: "203.0.113.0/24",
        rpFilter: "0",
        batch: `${BATCH}rule add pref 10 to 203.0.113.0/26 blackhole\nrule add pref 11 to 203.0.113.64/26 prohibit\nroute add unreachable 203.0.113.128/26\n`,
      });
      (raw.routing as { sysctls: Record<string, string> }).sysctls["net.ipv4.ip_forward"] = forwarding;
      return raw;
    };
    const [p] = runPoints(transit("1"));
    const route = p.drops.route ?? {};
    // 200 flows over four /26 quarters: every quarter gets flows, each its own verdict.
    for (const cause of ["blackhole", "prohibit", "unreachable"]) expect(route[cause]).toBeGreaterThan(0);
    expect(route.noRoute + route.martian + route.rpFilter + route.notForwarding).toBe(0);
    expect(p.delivered.packets).toBeGreaterThan(0);
    expect(p.routing?.leavesBy.eth1).toBe(p.delivered.packets);
    expect(p.conservation.ok).toBe(true);
    const [off] = runPoints(transit("0"));
    expect(off.delivered.packets).toBe(0);
    expect((off.drops.route ?? {}).notForwarding).toBeGreaterThan(0);
  });

  it("a reply with no route is delivered and counted as unroutable", () => {
    const noDefault = BATCH.split("\n").filter((l) => !l.includes("default via") || l.includes("table 1002")).join("\n");
    const [p] = runPoints(host({ batch: noDefault, rpFilter: "0" }));
    expect(p.delivered.packets).toBeGreaterThan(0);
    expect(p.routing?.replyUnroutable).toBe(p.delivered.packets);
  });

  it("every rule evaluated adds costs.routeRule cycles to each packet's stack time", () => {
    // One packet at a time (low constant load): latency = fixed costs + route lookups.
    const costs = { ...ZERO_COSTS, stackPerPacket: 1000 };
    const base = runPoints(host({ costs: { ...costs, routeRule: 0 } }))[0];
    const ruled = runPoints(host({ costs: { ...costs, routeRule: 250 } }))[0];
    // Input: local rule (1); reply: local, then `from 10.0.0.20 lookup 1001` (2) → 3 rules, 100 ns each.
    expect(base.latencyUs?.p50).toBeCloseTo(0.4, 6);
    expect(ruled.latencyUs?.p50).toBeCloseTo(0.7, 6);
    expect(ruled.latencyUs?.max).toBeCloseTo(0.7, 6);
  });

  it("plans with and without routing: the fast loops give the step machine's results", () => {
    const routed = scenarioFrom(host());
    const plain = scenarioFrom({ ...host(), routing: undefined });
    expect(compilePlan(plain, 1).plain).toBe(true);
    expect(matchesStepMachine(plain, 1)).toBe(true);
    expect(compilePlan(routed, 1).plain).toBe(false);
    expect(matchesStepMachine(routed, 1)).toBe(true);
  });

  it("routing must know the NIC the traffic arrives on", () => {
    const raw = host();
    (raw.routing as Record<string, unknown>).devices = [{ name: "eth2" }];
    expect(() => scenarioFrom(raw)).toThrow('routing.devices: has no device "eth1", the NIC the traffic arrives on (nics[0]); devices: eth2');
  });
});
