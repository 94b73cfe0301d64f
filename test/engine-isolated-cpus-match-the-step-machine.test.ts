import { describe, expect, it } from "vitest";
import { runJob } from "../src/engine/job.js";
import { compilePlan } from "../src/engine/plan.js";
import { Simulation } from "../src/engine/simulation.js";
import { encodeCounters } from "../src/pool/counters-codec.js";
import { PacketSource } from "../src/traffic/packet-source.js";
import { COALESCE_SETTINGS, ZERO_COSTS, loopsOf, scenarioFrom, seededChooser, withBulk } from "./engine-helpers.js";

/**
 * The engine's tight loop for CPUs that each serve one queue and finish its packets
 * (engine/isolated-cpus.ts) must compute exactly what the step machine computes for them
 * (`runJob(…, "generic")`): every counter, every busy nanosecond and every histogram bucket, byte
 * for byte (compared as the encoded counters the pool ships).
 */
function scenario(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    profile: "none",
    host: { cpus: 8, ghz: 2.5 },
    nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 8, queues: 4, ringSize: 256 }],
    irq: { policy: "round-robin" },
    traffic: { flows: 2000, src: "100.64.0.0/10", dst: "10.0.0.19", protocol: "udp", dstPort: 53, size: "imix", arrival: "poisson", load: { pps: 2_000_000 } },
    run: { duration: "20ms", warmup: "2ms", seed: 1 },
    ...overrides,
  };
}

const CASES: Record<string, Record<string, unknown>> = {
  "the default costs at 2 Mpps over 4 queues": {},
  "overload: 1 queue at 3 Mpps with a ring of 64 (ring drops)": {
    nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], queues: 1, ringSize: 64 }],
    traffic: { flows: 50, src: "100.64.0.0/10", dst: "10.0.0.19", size: "imix", arrival: "poisson", load: { pps: 3_000_000 } },
  },
  "exponential costs": { costs: { distribution: "exponential" } },
  "constant arrivals that tie with step ends (1 GHz, whole-ns costs)": {
    host: { cpus: 2, ghz: 1 },
    nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], queues: 2, ringSize: 8 }],
    traffic: { flows: 4, src: "192.0.2.0/30", dst: "10.0.0.19", size: 64, arrival: "constant", load: { pps: 25_000_000 } },
    costs: { ...ZERO_COSTS, hardIrq: 200, pollOverhead: 30, stackPerPacket: 40 },
    run: { duration: "200us", seed: 3 },
  },
  "SMT siblings on one core with constant arrivals that tie with step ends (each starts items while the other is busy)": {
    host: { cpus: 2, ghz: 1, topology: { sockets: 1, coresPerSocket: 1, threadsPerCore: 2, smtSpeed: 0.5 } },
    nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], queues: 2, ringSize: 8 }],
    traffic: { flows: 4, src: "192.0.2.0/30", dst: "10.0.0.19", size: 64, arrival: "constant", load: { pps: 25_000_000 } },
    costs: { ...ZERO_COSTS, hardIrq: 200, pollOverhead: 30, stackPerPacket: 40 },
    run: { duration: "200us", seed: 3 },
  },
  "SMT: 4 threads per core, light load (threads often idle while a sibling works)": {
    host: { cpus: 8, ghz: 2.5, topology: { sockets: 1, coresPerSocket: 2, threadsPerCore: 4 } },
    nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 8, queues: 8, ringSize: 256 }],
    traffic: { flows: 2000, src: "100.64.0.0/10", dst: "10.0.0.19", size: "imix", arrival: "poisson", load: { pps: 1_500_000 } },
  },
  "a budget below the weight and a 1 µs time limit (time squeeze every round)": {
    kernel: { netdevBudget: 16, netdevBudgetUsecs: 1 },
    traffic: { flows: 2000, src: "100.64.0.0/10", dst: "10.0.0.19", size: "imix", arrival: "poisson", load: { pps: 5_000_000 } },
  },
  "a budget equal to the weight: a full poll squeezes the round": {
    kernel: { netdevBudget: 64 },
    traffic: { flows: 2000, src: "100.64.0.0/10", dst: "10.0.0.19", size: "imix", arrival: "poisson", load: { pps: 5_000_000 } },
  },
  "Zipf flows on 8 queues of 16 CPUs, a small weight": {
    host: { cpus: 16, ghz: 2.5 },
    nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 8, queues: 8, ringSize: 128 }],
    kernel: { napiWeight: 8 },
    traffic: { flows: 500, weights: { zipf: 1.1 }, src: "100.64.0.0/10", dst: "10.0.0.19", size: 1500, arrival: "poisson", load: { pps: 4_000_000 } },
  },
  "no warm-up, arrivals run to the end": { run: { duration: "5ms", seed: 9 } },
};

describe("the isolated-CPU loop gives the step machine's results, byte for byte", () => {
  for (const [name, overrides] of Object.entries(CASES)) {
    it(name, () => {
      const s = scenarioFrom(scenario(overrides));
      for (const seed of [1, 2]) {
        expect(loopsOf(s, seed).isolated).toBe(compilePlan(s, seed).queues);
        const generic = Buffer.from(encodeCounters(runJob(s, seed, "generic")));
        const dedicated = Buffer.from(encodeCounters(runJob(s, seed, "auto")));
        expect(dedicated.equals(generic)).toBe(true);
      }
    });
  }

  it("on 24 seeded random configurations (ring sizes, loads, mixes, costs, batch sizes, NUMA nodes, SMT siblings, bulk TCP with GRO on or off)", () => {
    const { below: rand, pick } = seededChooser(0x2545f491);
    // Coalescing from a stream of its own, so the other draws stay those of the configurations before it.
    const coalescing = seededChooser(0x68e31da4).pick;
    for (let i = 0; i < 24; i++) {
      const queues = pick([1, 2, 3, 4, 8]);
      const raw = scenario({
          nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 8, queues, ringSize: pick([1, 2, 8, 64, 1024]) }],
          irq: { policy: pick(["round-robin", "driver-hint"]) },
          traffic: {
            flows: pick([1, 7, 500]),
            src: "100.64.0.0/10",
            dst: "10.0.0.19",
            size: pick([64, 1500, "imix"]),
            arrival: pick(["poisson", "constant"]),
            load: { pps: pick([100_000, 900_000, 2_000_000, 6_000_000]) },
          },
          costs: pick([{}, { distribution: "exponential" }, { hardIrq: 0, pollOverhead: 0 }]),
          run: { duration: pick(["3ms", "7ms"]), warmup: pick(["0ms", "1ms"]), seed: 1 },
          // Two NUMA nodes, the NIC on node 0: the queues on node 1 do more work per packet. SMT
          // siblings (CPU c and c + 4) that both take a queue slow each other: the isolated loop
          // runs a core's threads together, in the event heap's order.
          host: pick([
            { cpus: 8, ghz: 2.5 },
            { cpus: 8, ghz: 2.5, topology: { sockets: 2, coresPerSocket: 4, threadsPerCore: 1, nicNode: 0 } },
            { cpus: 8, ghz: 2.5, topology: { sockets: 1, coresPerSocket: 4, threadsPerCore: 2, smtSpeed: pick([0.5, 0.6, 0.85, 1]) } },
            { cpus: 8, ghz: 2.5, topology: { sockets: 2, coresPerSocket: 2, threadsPerCore: 2, nicNode: 0 } },
          ]),
        });
      const coalesce = coalescing(COALESCE_SETTINGS);
      if (coalesce !== null) (raw.nics as Record<string, unknown>[])[0].coalesce = coalesce;
      const seed = 1 + rand(1000);
      const chunk = pick([1, 5, 64, 8192]);
      // Bulk TCP bursts (traffic.bulk), GRO on or off: with GRO on every CPU stays on the step
      // machine (engine/cpu-loops.ts), with it off the isolated loop takes the bursts. (GRO with a
      // gro_flush_timeout is refused: not modelled.)
      const bulk = pick([null, null, { segment: 1448, train: 8 }, { segment: 536, train: 45, linkGbps: 10 }]);
      const gro = coalesce !== null && "groFlushTimeoutNs" in coalesce ? "off" : pick(["on", "off"]);
      const t = scenarioFrom(bulk === null ? raw : withBulk(raw, bulk, gro));
      const plan = compilePlan(t, seed);
      // A CPU whose queue coalesces keeps its deadlines on the step machine (engine/cpu-loops.ts).
      expect(loopsOf(t, seed).isolated, `configuration ${i}`).toBe(coalesce === null && plan.gro === null ? plan.queues : 0);
      const generic = Buffer.from(encodeCounters(runJob(t, seed, "generic")));
      const dedicated = Buffer.from(encodeCounters(new Simulation(plan, new PacketSource(t.traffic, seed), seed, chunk).run()));
      expect(dedicated.equals(generic), `configuration ${i}`).toBe(true);
    }
  });

  it("the arrival batch size does not change the results", () => {
    const s = scenarioFrom(scenario(CASES["overload: 1 queue at 3 Mpps with a ring of 64 (ring drops)"]));
    const run = (chunk: number): Buffer =>
      Buffer.from(encodeCounters(new Simulation(compilePlan(s, 4), new PacketSource(s.traffic, 4), 4, chunk).run()));
    const whole = run(8192);
    expect(run(97).equals(whole)).toBe(true);
    expect(run(1).equals(whole)).toBe(true);
  });

  it("a job run on arrival columns reused from other jobs computes what it computes on fresh ones", () => {
    // Columns are kept from job to job in a thread (engine/arrival-columns.ts); stale packets of
    // an earlier job — another seed, another load — must never show through.
    const s = scenarioFrom(scenario({}));
    const busier = scenarioFrom(scenario({ traffic: { flows: 300, src: "100.64.0.0/10", dst: "10.0.0.19", size: 64, load: { pps: 9_000_000 } } }));
    const run = (sc: typeof s, seed: number): Buffer => Buffer.from(encodeCounters(runJob(sc, seed)));
    const first = run(s, 7);
    run(busier, 8);
    run(s, 9);
    expect(run(s, 7).equals(first)).toBe(true);
    expect(first.equals(Buffer.from(encodeCounters(runJob(s, 7, "generic"))))).toBe(true);
  });

  it("a CPU with RPS, or with two queues, runs the step machine; the others stay isolated", () => {
    const rps = scenarioFrom(scenario({ nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], queues: 1, rps: { cpus: ["f"] } }] }));
    expect(loopsOf(rps, 1).isolated).toBe(0);
    const shared = scenarioFrom(scenario({ irq: { policy: "cpu0" } }));
    expect(loopsOf(shared, 1).isolated).toBe(0);
    // Queues 0 and 2 share CPU 0 (explicit affinity); queues 1 and 3 have a CPU each.
    const mixed = scenarioFrom(
      scenario({ irq: { policy: "explicit", affinity: [{ smp_affinity_list: "0" }, { smp_affinity_list: "1" }, { smp_affinity_list: "0" }, { smp_affinity_list: "2" }] } }),
    );
    expect(loopsOf(mixed, 1).isolated).toBe(2);
    for (const seed of [1, 2]) {
      expect(Buffer.from(encodeCounters(runJob(mixed, seed))).equals(Buffer.from(encodeCounters(runJob(mixed, seed, "generic"))))).toBe(true);
    }
  });
});
