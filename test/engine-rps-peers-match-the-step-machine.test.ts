import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../src/config/load.js";
import { ZERO_COSTS, loopsOf, matchesStepMachine, scenarioFrom, seededChooser } from "./engine-helpers.js";

/**
 * Interrupt CPUs that steer packets to each other with RPS (peers: engine/peer-mail.ts) take their
 * hand-offs by mail and run the tight loop of engine/peer-loop.ts, each up to the earliest time
 * another could post it one. They must compute exactly what the event-ordered engine computes with
 * every CPU on the step machine (`runJob(…, "generic")`): every counter, busy nanosecond and
 * histogram bucket, byte for byte — hand-offs into their own backlog racing the mail, IPIs that
 * wake an idle peer, backlog and ring drops, time_squeeze, and messages that tie in time.
 */
function scenario(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    profile: "none",
    host: { cpus: 8, ghz: 2.5 },
    nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 8, queues: 4, ringSize: 256, rps: { cpus: "ff" } }],
    irq: { policy: "round-robin" },
    traffic: { flows: 2000, src: "100.64.0.0/10", dst: "10.0.0.19", protocol: "udp", dstPort: 53, size: "imix", arrival: "poisson", load: { pps: 2_000_000 } },
    run: { duration: "10ms", warmup: "1ms", seed: 1 },
    ...overrides,
  };
}

const same = (raw: Record<string, unknown>, seed: number): boolean => matchesStepMachine(scenarioFrom(raw), seed);

/** Whole-ns costs and constant arrivals: hand-offs, IPIs and a peer's own steps tie in time. */
const TIED = {
  host: { cpus: 4, ghz: 1 },
  traffic: { flows: 16, src: "192.0.2.0/28", dst: "10.0.0.19", size: 64, arrival: "constant", load: { pps: 10_000_000 } },
  costs: { ...ZERO_COSTS, hardIrq: 100, pollOverhead: 20, driverPerPacket: 20, rpsEnqueue: 10, ipi: 50, stackPerPacket: 100 },
  run: { duration: "300us", seed: 2 },
};

describe("RPS peers run their tight loop exactly as the event-ordered engine runs them", () => {
  it("four queues steering to all eight CPUs (four peers, four sinks)", () => {
    const raw = scenario({});
    expect(loopsOf(scenarioFrom(raw), 3)).toMatchObject({ peers: 4, peerLoops: 4, sinks: 4, sinkLoops: 4 });
    expect(same(raw, 3)).toBe(true);
  });

  it("exponential costs, and an overload with backlog and ring drops and time_squeeze", () => {
    expect(same(scenario({ costs: { distribution: "exponential" } }), 4)).toBe(true);
    const overload = scenario({
      nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 8, queues: 2, ringSize: 32, rps: { cpus: "3" } }],
      kernel: { maxBacklog: 4, netdevBudget: 16 },
      traffic: { flows: 300, src: "100.64.0.0/10", dst: "10.0.0.19", size: 64, arrival: "poisson", load: { pps: 8_000_000 } },
    });
    expect(loopsOf(scenarioFrom(overload), 5)).toMatchObject({ peers: 2, sinks: 0 });
    expect(same(overload, 5)).toBe(true);
  });

  it("a single queue steering to its own CPU and to sinks runs the peer loop too, ahead of the heap", () => {
    for (const costs of [{}, { distribution: "exponential" }]) {
      const raw = scenario({ nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 1, queues: 1, ringSize: 256, rps: { cpus: "f" } }], costs });
      expect(loopsOf(scenarioFrom(raw), 6)).toMatchObject({ peers: 0, peerLoops: 1, sinks: 3, aheadSenders: 1 });
      expect(same(raw, 6)).toBe(true);
    }
  });

  it("ties in time, with the peers' CPU numbers above and below each other's, behind a backlog of one packet", () => {
    // IRQs on CPUs 0 and 1, then 2 and 1: two peers; on 3 and 1: CPU 1 never steers to CPU 3, which
    // takes nothing and so runs ahead (a sender to a peer, bounding the peer's horizon).
    for (const [affinity, peers] of [[["0", "1"], 2], [["2", "1"], 2], [["3", "1"], 1]] as const) {
      const raw = scenario({
        ...TIED,
        nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], queues: 2, ringSize: 8, rps: { cpus: "f" } }],
        irq: { policy: "explicit", affinity: affinity.map((cpu) => ({ smp_affinity_list: cpu })) },
        kernel: { maxBacklog: 1 },
      });
      expect(loopsOf(scenarioFrom(raw), 2)).toMatchObject({ peers, peerLoops: 2, sinks: 2 });
      expect(same(raw, 2), `IRQs on CPUs ${affinity.join(", ")}`).toBe(true);
    }
  });

  it("with policy routing and bandwidth caps (route verdicts, replies through the shapers): the example hosts with RPS on the receiving NIC", () => {
    // routing-two-enis.yaml's traffic goes to eth2, cloud-nic-caps.yaml's to eth1 (policed, with replies).
    for (const [file, nic, pps] of [["routing-two-enis.yaml", 1, 400_000], ["cloud-nic-caps.yaml", 0, 400_000]] as const) {
      const raw = structuredClone(loadScenarioFile(`examples/${file}`).raw) as Record<string, unknown>;
      const nics = raw.nics as Record<string, unknown>[];
      nics[nic] = { ...nics[nic], rps: { cpus: "ff" } };
      raw.traffic = { ...(raw.traffic as Record<string, unknown>), load: { pps } };
      raw.run = { duration: "5ms", warmup: "1ms", seed: 1 };
      expect(loopsOf(scenarioFrom(raw), 3).peers, file).toBe(2);
      expect(same(raw, 3), file).toBe(true);
    }
  });

  it("on 16 seeded random configurations, most with peers (masks, queues, rings, backlogs, budgets, costs, loads, NUMA nodes)", () => {
    const { below: rand, pick } = seededChooser(0x2545f491);
    let withPeers = 0;
    for (let i = 0; i < 16; i++) {
      const raw = scenario({
        nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 8, queues: pick([2, 3, 4]), ringSize: pick([4, 64, 1024]), rps: { cpus: pick(["ff", "f", "3f", "cf"]) } }],
        irq: { policy: pick(["round-robin", "driver-hint"]) },
        kernel: { maxBacklog: pick([1, 50, 1000]), devWeight: pick([4, 64]), netdevBudget: pick([16, 300]) },
        traffic: {
          flows: pick([9, 500]),
          src: "100.64.0.0/10",
          dst: "10.0.0.19",
          size: pick([64, 1500, "imix"]),
          arrival: pick(["poisson", "constant"]),
          load: { pps: pick([300_000, 2_000_000, 6_000_000]) },
        },
        costs: pick([{}, { distribution: "exponential" }, { ipi: 0, rpsEnqueue: 0 }, { ...ZERO_COSTS, hardIrq: 100, pollOverhead: 20, driverPerPacket: 20, rpsEnqueue: 10, ipi: 50, stackPerPacket: 100 }]),
        run: { duration: pick(["2ms", "5ms"]), warmup: pick(["0ms", "1ms"]), seed: 1 },
        host: pick([
          { cpus: 8, ghz: 2.5 },
          { cpus: 8, ghz: 2.5, topology: { sockets: 2, coresPerSocket: 4, threadsPerCore: 1, nicNode: 0 } },
        ]),
      });
      const seed = 1 + rand(1000);
      if (loopsOf(scenarioFrom(raw), seed).peers > 0) withPeers++;
      expect(same(raw, seed), `configuration ${i}: ${JSON.stringify(raw)}`).toBe(true);
    }
    expect(withPeers).toBeGreaterThanOrEqual(12);
  });
});
