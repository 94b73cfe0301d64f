import { describe, expect, it } from "vitest";
import { runJob } from "../src/engine/job.js";
import { compilePlan } from "../src/engine/plan.js";
import { Simulation } from "../src/engine/simulation.js";
import { PacketSource } from "../src/traffic/packet-source.js";
import { encodeCounters } from "../src/pool/counters-codec.js";
import { COALESCE_SETTINGS, ZERO_COSTS, loopsOf, scenarioFrom, seededChooser, withBulk } from "./engine-helpers.js";

/**
 * CPUs that only receive RPS hand-offs leave the event heap and replay their hand-offs and IPIs
 * from their channels (engine/hand-off-channels.ts). They must compute exactly what the event-ordered
 * engine computes with every CPU on the heap (`runJob(…, "generic")`): every counter, busy
 * nanosecond and histogram bucket, byte for byte — including backlog drops, IPIs that wake an
 * idle CPU, and hand-offs that tie in time with a CPU's own step.
 */
function scenario(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    profile: "none",
    host: { cpus: 8, ghz: 2.5 },
    nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 8, queues: 2, ringSize: 256, rps: { cpus: "fc" } }],
    irq: { policy: "round-robin" },
    traffic: { flows: 2000, src: "100.64.0.0/10", dst: "10.0.0.19", protocol: "udp", dstPort: 53, size: "imix", arrival: "poisson", load: { pps: 2_000_000 } },
    run: { duration: "10ms", warmup: "1ms", seed: 1 },
    ...overrides,
  };
}

/** The counters of a job run with arrival batches of `chunk` packets (the horizons of the sinks' replay), on the fast loops or the step machine. */
function withBatches(raw: Record<string, unknown>, seed: number, chunk: number, fast: boolean): Buffer {
  const s = scenarioFrom(raw);
  return Buffer.from(encodeCounters(new Simulation(compilePlan(s, seed), new PacketSource(s.traffic, seed), seed, chunk, { fast }).run()));
}

function same(raw: Record<string, unknown>, seed: number): boolean {
  const s = scenarioFrom(raw);
  const replayed = Buffer.from(encodeCounters(runJob(s, seed, "auto")));
  const ordered = Buffer.from(encodeCounters(runJob(s, seed, "generic")));
  return replayed.equals(ordered);
}

describe("RPS sinks replay their hand-offs exactly as the event-ordered engine runs them", () => {
  it("two queues steering to six other CPUs", () => {
    expect(same(scenario({}), 3)).toBe(true);
  });

  it("a backlog limit of 4 under overload (backlog drops on the sinks)", () => {
    expect(
      same(
        scenario({
          nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], queues: 1, ringSize: 512, rps: { cpus: "6" } }],
          kernel: { maxBacklog: 4 },
          traffic: { flows: 300, src: "100.64.0.0/10", dst: "10.0.0.19", size: 64, arrival: "poisson", load: { pps: 6_000_000 } },
        }),
        5,
      ),
    ).toBe(true);
  });

  it("constant arrivals and whole-ns costs, so hand-offs tie with the sinks' own steps", () => {
    expect(
      same(
        scenario({
          host: { cpus: 4, ghz: 1 },
          nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], queues: 2, ringSize: 8, rps: { cpus: ["c", "e"] } }],
          traffic: { flows: 16, src: "192.0.2.0/28", dst: "10.0.0.19", size: 64, arrival: "constant", load: { pps: 10_000_000 } },
          costs: { ...ZERO_COSTS, hardIrq: 100, pollOverhead: 20, driverPerPacket: 20, rpsEnqueue: 10, ipi: 50, stackPerPacket: 100 },
          run: { duration: "300us", seed: 2 },
        }),
        2,
      ),
    ).toBe(true);
  });

  it("the same ties when the sinks have smaller CPU numbers than the CPUs steering to them", () => {
    expect(
      same(
        scenario({
          host: { cpus: 4, ghz: 1 },
          nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], queues: 2, ringSize: 8, rps: { cpus: ["3", "3"] } }],
          irq: { policy: "explicit", affinity: [{ smp_affinity_list: "2" }, { smp_affinity_list: "3" }] },
          traffic: { flows: 16, src: "192.0.2.0/28", dst: "10.0.0.19", size: 64, arrival: "constant", load: { pps: 10_000_000 } },
          costs: { ...ZERO_COSTS, hardIrq: 100, pollOverhead: 20, driverPerPacket: 20, rpsEnqueue: 10, ipi: 50, stackPerPacket: 100 },
          run: { duration: "300us", seed: 2 },
        }),
        2,
      ),
    ).toBe(true);
  });

  it("CPUs that only steer to sinks run ahead of the heap: their hand-offs to one sink tie in time and are merged in heap order", () => {
    // Three queues on CPUs 0-2 (each runs the isolated loop), steering to sinks 3 and 4 only (each runs the sink loop). Constant arrivals and
    // whole-ns costs make the senders' hand-offs and IPIs to a sink tie in time, and a backlog
    // of one packet makes their order matter (the smaller CPU's goes first, as on the heap).
    const raw = scenario({
      host: { cpus: 5, ghz: 1 },
      nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 4, queues: 3, ringSize: 8, rps: { cpus: "18" } }],
      kernel: { maxBacklog: 1 },
      traffic: { flows: 24, src: "192.0.2.0/27", dst: "10.0.0.19", size: 64, arrival: "constant", load: { pps: 20_000_000 } },
      costs: { ...ZERO_COSTS, hardIrq: 60, pollOverhead: 20, driverPerPacket: 40, rpsEnqueue: 10, ipi: 50, stackPerPacket: 100 },
      run: { duration: "300us", seed: 2 },
    });
    expect(loopsOf(scenarioFrom(raw), 1)).toMatchObject({ sinks: 2, sinkLoops: 2, aheadSenders: 3, isolated: 3 });
    expect(same(raw, 1)).toBe(true);
    // The same at a light Poisson load with random costs, over many arrival batches.
    const light = scenario({ nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 8, queues: 4, ringSize: 256, rps: { cpus: "f0" } }], costs: { distribution: "exponential" } });
    expect(loopsOf(scenarioFrom(light), 7)).toMatchObject({ aheadSenders: 4, isolated: 4, sinkLoops: 4 });
    expect(same(light, 7)).toBe(true);
  });

  it("an idle sink wakes only on mail from before its horizon, so arrival batches of one packet change nothing", () => {
    // Each packet its own batch: the sinks replay up to every arrival. A hand-off posted past the
    // horizon may yet be preceded by one another sender has not posted: an idle sink that woke
    // on it took the two in the wrong order (backlog of two, the IPI owed to the wrong sender).
    const configurations: [Record<string, unknown>, number][] = [
      [
        scenario({
          host: { cpus: 8, ghz: 1 },
          nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 8, queues: 2, ringSize: 64, rps: { cpus: "8" } }],
          kernel: { maxBacklog: 2, devWeight: 64 },
          traffic: { flows: 64, src: "192.0.2.0/26", dst: "10.0.0.19", size: 64, arrival: "poisson", load: { pps: 10_000_000 } },
          costs: { distribution: "exponential" },
          run: { duration: "300us", seed: 2 },
        }),
        89,
      ],
      [
        scenario({
          host: { cpus: 8, ghz: 1 },
          nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 8, queues: 2, ringSize: 8, rps: { cpus: "38" } }],
          kernel: { maxBacklog: 1, devWeight: 2 },
          traffic: { flows: 64, src: "192.0.2.0/26", dst: "10.0.0.19", size: 64, arrival: "poisson", load: { pps: 20_000_000 } },
          costs: { distribution: "exponential" },
          run: { duration: "300us", seed: 2 },
        }),
        16,
      ],
    ];
    for (const [raw, seed] of configurations) {
      expect(loopsOf(scenarioFrom(raw), seed)).toMatchObject({ sinkLoops: (raw.nics as { rps: { cpus: string } }[])[0].rps.cpus === "8" ? 1 : 3 });
      const ordered = withBatches(raw, seed, 4096, false);
      for (const chunk of [1, 2, 4096]) expect(withBatches(raw, seed, chunk, true).equals(ordered), `batches of ${chunk}`).toBe(true);
    }
  });

  it("on 24 seeded random configurations (masks, queues, rings, backlogs, costs, loads, NUMA nodes, SMT siblings, bulk TCP with GRO on or off)", () => {
    const { below: rand, pick } = seededChooser(0x1b873593);
    // Coalescing from a stream of its own, so the other draws stay those of the configurations before it.
    const coalescing = seededChooser(0x3c6ef372).pick;
    for (let i = 0; i < 24; i++) {
      const queues = pick([1, 2, 4]);
      const raw = scenario({
        nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 8, queues, ringSize: pick([4, 64, 1024]), rps: { cpus: pick(["ff", "fe", "f0", "f", "3c"]) } }],
        irq: { policy: pick(["round-robin", "cpu0", "driver-hint"]) },
        kernel: { maxBacklog: pick([2, 50, 1000]), devWeight: pick([4, 64]), netdevBudget: pick([16, 300]) },
        traffic: {
          flows: pick([1, 9, 500]),
          src: "100.64.0.0/10",
          dst: "10.0.0.19",
          size: pick([64, 1500, "imix"]),
          arrival: pick(["poisson", "constant"]),
          load: { pps: pick([200_000, 1_500_000, 5_000_000]) },
        },
        costs: pick([{}, { distribution: "exponential" }, { ipi: 0, rpsEnqueue: 0 }]),
        run: { duration: pick(["2ms", "5ms"]), warmup: pick(["0ms", "1ms"]), seed: 1 },
        // Two NUMA nodes, the NIC on node 0: remote CPUs' work and hand-offs between nodes cost more.
        // SMT siblings (CPU c and c + 4, or c and c + 2 on two sockets): a sibling pair that both
        // work leaves the sink replay and steps coupled, slowing each other.
        host: pick([
          { cpus: 8, ghz: 2.5 },
          { cpus: 8, ghz: 2.5, topology: { sockets: 2, coresPerSocket: 4, threadsPerCore: 1, nicNode: 0 } },
          { cpus: 8, ghz: 2.5, topology: { sockets: 1, coresPerSocket: 4, threadsPerCore: 2, smtSpeed: pick([0.5, 0.6, 0.85]) } },
          { cpus: 8, ghz: 2.5, topology: { sockets: 2, coresPerSocket: 2, threadsPerCore: 2, nicNode: 0 } },
        ]),
      });
      const coalesce = coalescing(COALESCE_SETTINGS);
      if (coalesce !== null) (raw.nics as Record<string, unknown>[])[0].coalesce = coalesce;
      const seed = 1 + rand(1000);
      // Bulk TCP bursts (traffic.bulk), GRO on or off: with GRO on the RPS targets step on the
      // event heap (no sinks), and each aggregate is one hand-off. (GRO with a gro_flush_timeout
      // is refused: not modelled.)
      const bulk = pick([null, null, { segment: 1448, train: 8 }, { segment: 536, train: 45, linkGbps: 10 }]);
      const gro = coalesce !== null && "groFlushTimeoutNs" in coalesce ? "off" : pick(["on", "off"]);
      const run = bulk === null ? raw : withBulk(raw, bulk, gro);
      expect(same(run, seed), `configuration ${i}: ${JSON.stringify(run)}`).toBe(true);
    }
  });
});
