import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../src/config/load.js";
import { compilePlan } from "../src/engine/plan.js";
import { Simulation } from "../src/engine/simulation.js";
import { decodeCounters, encodeCounters } from "../src/pool/counters-codec.js";
import { PacketSource } from "../src/traffic/packet-source.js";
import { COALESCE_SETTINGS, ZERO_COSTS, scenarioFrom, seededChooser, withBulk } from "./engine-helpers.js";

/**
 * The engine generates arrivals in batches of `chunk` packets (the `Simulation` constructor's
 * fourth argument, 4096 in a job), and the fast loops — the isolated loop, the sink loop, the peer
 * loop, senders ahead of the heap, the mail channels — use each batch's first arrival as a
 * horizon. None of that may show in the results: with batches of 1, 3 or 61 packets the fast
 * engine, and the step machine itself (`fast: false`), must give the counters the step machine
 * gives with batches of 4096, byte for byte (encoded as the pool ships them). Batches of one
 * packet make every arrival a horizon, so every hand-off, mail message and IPI that a fast loop
 * may take early or late is exercised.
 */

type Raw = Record<string, unknown>;

type Loops = Simulation["loops"];

/**
 * The encoded counters of a job run with arrival batches of `chunk` packets, on the fast loops or
 * on the step machine, and the loops its CPUs ran (how many of each kind).
 */
function countersOf(raw: Raw, seed: number, chunk: number, fast: boolean): { readonly counters: Buffer; readonly loops: Loops } {
  const s = scenarioFrom(structuredClone(raw));
  const simulation = new Simulation(compilePlan(s, seed), new PacketSource(s.traffic, seed), seed, chunk, { fast });
  const loops = simulation.loops;
  return { counters: Buffer.from(encodeCounters(simulation.run())), loops };
}

/** The names of the counters that differ between two encoded counter sets (for the failure message). */
function differing(a: Buffer, b: Buffer): string[] {
  const x = decodeCounters(new Uint8Array(a).buffer) as unknown as Record<string, unknown>;
  const y = decodeCounters(new Uint8Array(b).buffer) as unknown as Record<string, unknown>;
  const text = (v: unknown): string => JSON.stringify(v, (_, w: unknown) => (ArrayBuffer.isView(w) ? Array.from(w as Float64Array) : w));
  return Object.keys(x).filter((k) => text(x[k]) !== text(y[k]));
}

/**
 * Which runs differ from the step machine with batches of 4096: the fast engine with batches of
 * `fastChunks`, the step machine with batches of `genericChunks` (e.g. "fast/1: latency,cpuBusyNs");
 * and the loops the fast engine ran.
 */
function batchRuns(raw: Raw, seed: number, fastChunks: readonly number[], genericChunks: readonly number[]): { readonly differences: string[]; readonly loops: Loops | null } {
  const reference = countersOf(raw, seed, 4096, false).counters;
  const differences: string[] = [];
  let loops: Loops | null = null;
  for (const [fast, chunks] of [[true, fastChunks], [false, genericChunks]] as const) {
    for (const chunk of chunks) {
      const got = countersOf(raw, seed, chunk, fast);
      if (fast) loops ??= got.loops;
      if (!got.counters.equals(reference)) differences.push(`${fast ? "fast" : "generic"}/${chunk}: ${differing(got.counters, reference).join(",")}`);
    }
  }
  return { differences, loops };
}

const batchDifferences = (raw: Raw, seed: number, fastChunks: readonly number[], genericChunks: readonly number[]): string[] =>
  batchRuns(raw, seed, fastChunks, genericChunks).differences;

const ADDRESS = { addresses: ["10.0.0.19/24"], maxQueues: 8 };
const TRAFFIC = { src: "100.64.0.0/10", dst: "10.0.0.19", protocol: "udp", dstPort: 53 };
/** Whole-ns costs at 1 GHz with constant arrivals: hand-offs, IPIs, mail and a CPU's own steps tie in time. */
const TIED_COSTS = { ...ZERO_COSTS, hardIrq: 100, pollOverhead: 20, driverPerPacket: 20, rpsEnqueue: 10, ipi: 50, stackPerPacket: 100 };
const EXAMPLES = {
  "routing-two-enis.yaml": loadScenarioFile("examples/routing-two-enis.yaml").raw as Raw,
  "cloud-nic-caps.yaml": loadScenarioFile("examples/cloud-nic-caps.yaml").raw as Raw,
};

/** The kinds of configuration the sample draws, in turn. */
const FAMILIES = ["sinks", "peers", "rps", "ahead", "tied", "peers", "rfs", "app", "examples", "sinks", "tied", "ingress", "isolated", "peers"] as const;

/**
 * Configuration i of the sample (raw scenario and seed), from a seeded chooser of its own:
 * - sinks: queues steering to CPUs that take no interrupt (the sink loop, senders ahead of the heap), small backlogs, high loads;
 * - rps: any mask — sinks, peers (masks that include interrupt CPUs, vendor-default), a CPU's own backlog — with coalescing;
 * - peers: interrupt CPUs steering to each other (the peer loop, peer mail), explicit IRQ placements;
 * - ahead: a single queue steering to its own CPU and to sinks (the peer loop ahead of the heap);
 * - tied: constant arrivals and whole-ns costs at 1 GHz, so messages tie in time with steps;
 * - rfs: RFS flow tables, connected sockets, application CPUs;
 * - app: application threads (every CPU on the step machine), replies, XPS;
 * - examples: routing-two-enis.yaml and cloud-nic-caps.yaml (route verdicts, caps, replies) with RPS on the receiving NIC;
 * - ingress: ingress policing (drop or pass), ARP background, replies through the egress shaper;
 * - isolated: no RPS (the isolated loop), or coalescing (the step machine's deadlines);
 * each on a plain, NUMA or SMT host, some with bulk TCP bursts and GRO on or off.
 */
function configuration(i: number): { readonly family: string; readonly raw: Raw; readonly seed: number } {
  const { below, pick } = seededChooser(0x7f4a7c15 ^ Math.imul(i + 1, 0x9e3779b1));
  const family = FAMILIES[i % FAMILIES.length];
  const cpus = pick([4, 8]);
  const host: Raw = pick<Raw>([
    { cpus, ghz: 2.5 },
    { cpus, ghz: 1 },
    { cpus, ghz: 2.5, topology: { sockets: 2, coresPerSocket: cpus / 2, threadsPerCore: 1, nicNode: 0 } },
    { cpus, ghz: 2.5, topology: { sockets: 1, coresPerSocket: cpus / 2, threadsPerCore: 2, smtSpeed: pick([0.5, 0.85, 1]) } },
  ]);
  const all = cpus === 8 ? "ff" : "f";
  const masks = cpus === 8 ? ["fc", "f0", "fe", "8", "38", "ff", "f", "3", "3f", "cf", "c0", "vendor-default"] : ["c", "e", "8", "f", "3", "6", "vendor-default"];
  const nic: Raw = { name: "eth0", ...ADDRESS, queues: pick(cpus === 8 ? [1, 2, 3, 4] : [1, 2, 3]), ringSize: pick([2, 8, 64, 256, 1024]) };
  const kernel: Raw = { maxBacklog: pick([1, 2, 4, 50, 1000]), devWeight: pick([2, 4, 64]), netdevBudget: pick([16, 300]) };
  if (below(4) === 0) kernel.netdevBudgetUsecs = pick([1, 5]);
  const traffic: Raw = {
    ...TRAFFIC,
    flows: pick([1, 9, 64, 500]),
    size: pick([64, 1500, "imix"]),
    arrival: pick(["poisson", "constant"]),
    load: { pps: pick([300_000, 1_000_000, 3_000_000, 8_000_000]) },
  };
  let costs: Raw = pick<Raw>([{}, { distribution: "exponential" }, { ipi: 0, rpsEnqueue: 0 }, TIED_COSTS]);
  const run = { duration: pick(["300us", "600us", "1ms"]), warmup: pick(["0ms", "100us"]), seed: 1 };
  const irq: Raw = { policy: pick(["round-robin", "round-robin", "cpu0", "driver-hint"]) };
  let coalesce: Raw | null = null;
  let raw: Raw | undefined;
  const explicitIrqs = (queues: number, distinct: boolean): void => {
    const order = [...Array(cpus).keys()];
    for (let k = order.length - 1; k > 0; k--) {
      const j = below(k + 1);
      [order[k], order[j]] = [order[j], order[k]];
    }
    irq.policy = "explicit";
    irq.affinity = Array.from({ length: queues }, (_, q) => ({ smp_affinity_list: String(distinct ? order[q] : below(cpus)) }));
  };
  switch (family) {
    case "sinks":
      Object.assign(host, { cpus: 8, ghz: pick([1, 2.5]) });
      delete host.topology;
      Object.assign(nic, { queues: pick([2, 3, 4]), ringSize: pick([8, 64, 256]), rps: { cpus: pick(["8", "38", "c0", "f0", "80", "18", "fc", "e0"]) } });
      irq.policy = pick(["round-robin", "driver-hint"]);
      kernel.maxBacklog = pick([1, 2, 4, 16]);
      Object.assign(traffic, { flows: pick([16, 64, 500]), load: { pps: pick([2_000_000, 5_000_000, 10_000_000]) } });
      run.duration = pick(["300us", "600us"]);
      costs = pick<Raw>([{ distribution: "exponential" }, {}, TIED_COSTS]);
      if (below(4) === 0) coalesce = pick(COALESCE_SETTINGS);
      break;
    case "peers":
    case "ahead":
      Object.assign(host, { cpus: 8, ghz: pick([1, 2.5]) });
      if (host.topology !== undefined) host.topology = { sockets: 2, coresPerSocket: 4, threadsPerCore: 1, nicNode: 0 };
      nic.queues = family === "ahead" ? 1 : pick([2, 3, 4]);
      nic.ringSize = pick([8, 64, 256]);
      nic.rps = { cpus: family === "ahead" ? pick(["f", "3", "ff", "11", "f1"]) : pick(["ff", "f", "3", "3f", "cf", "vendor-default", "f3"]) };
      if (below(3) === 0) explicitIrqs(nic.queues as number, true);
      else irq.policy = pick(["round-robin", "driver-hint"]);
      kernel.maxBacklog = pick([1, 2, 4, 16, 1000]);
      Object.assign(traffic, { flows: pick([16, 64, 500]), load: { pps: pick([1_000_000, 3_000_000, 6_000_000, 10_000_000]) } });
      run.duration = pick(["300us", "600us"]);
      costs = pick<Raw>([{ distribution: "exponential" }, {}, TIED_COSTS]);
      if (below(4) === 0) coalesce = pick(COALESCE_SETTINGS);
      break;
    case "rps":
      nic.rps = { cpus: pick([...masks, all]) };
      coalesce = pick(COALESCE_SETTINGS);
      break;
    case "tied":
      Object.assign(host, { ghz: 1 });
      if (below(2) === 0) delete host.topology;
      nic.rps = { cpus: pick([...masks, all, all]) };
      nic.ringSize = pick([2, 8, 32]);
      kernel.maxBacklog = pick([1, 2, 1000]);
      Object.assign(traffic, { flows: pick([4, 16, 24]), src: "192.0.2.0/27", size: 64, arrival: "constant", load: { pps: pick([5_000_000, 10_000_000, 20_000_000]) } });
      costs = TIED_COSTS;
      run.duration = pick(["300us", "600us"]);
      if (below(2) === 0) explicitIrqs(nic.queues as number, below(2) === 0);
      coalesce = pick([null, null, ...COALESCE_SETTINGS]);
      break;
    case "rfs":
      nic.rps = { cpus: pick(masks), flowCnt: pick([0, 256, 4096]) };
      kernel.rpsSockFlowEntries = pick([0, 4096, 32768]);
      traffic.protocol = pick(["udp", "tcp"]);
      traffic.socket = traffic.protocol === "tcp" ? pick(["connected", "auto"]) : pick(["connected", "unconnected", "auto"]);
      if (below(3) !== 0) traffic.appCpus = pick(cpus === 8 ? ["4-7", "0-7", "2", "1,5"] : ["2-3", "0-3", "1"]);
      coalesce = pick(COALESCE_SETTINGS);
      break;
    case "app": {
      if (below(2) === 0) nic.rps = { cpus: pick(masks), flowCnt: pick([0, 256]) };
      if (below(2) === 0) nic.xps = pick(["f", "1", "c"]);
      kernel.rpsSockFlowEntries = pick([0, 4096]);
      traffic.socket = pick(["connected", "unconnected"]);
      traffic.load = { pps: pick([100_000, 600_000, 1_500_000]) };
      const app: Raw = {
        threads: pick(cpus === 8 ? ["0", "1", "0-3", "2-7", "4-7"] : ["0", "1", "0-3", "2-3"]),
        work: pick([0, 1000, 5000]),
        workDistribution: pick(["fixed", "exponential"]),
        rcvbuf: pick([20_000, 212_992]),
      };
      if (below(3) === 0) app.threadsPerCpu = 2;
      if (below(2) === 0) app.reply = { size: pick([64, 300]) };
      raw = { profile: "none", host, nics: [nic], irq, kernel, traffic, costs, app, run };
      break;
    }
    case "examples": {
      const file = pick(Object.keys(EXAMPLES) as (keyof typeof EXAMPLES)[]);
      raw = structuredClone(EXAMPLES[file]);
      delete raw.sweep;
      // routing-two-enis.yaml's traffic goes to eth2, cloud-nic-caps.yaml's to eth1 (unless redirected).
      const nics = raw.nics as Raw[];
      const k = file === "routing-two-enis.yaml" ? 1 : 0;
      nics[k] = { ...nics[k], ringSize: pick([64, 1024]), ...(below(5) === 0 ? {} : { rps: { cpus: pick(["ff", "fc", "f0", "vendor-default", "3", "f"]) } }) };
      if (below(3) === 0) (raw.traffic as Raw).dst = pick(["10.0.0.20", "10.0.0.21"]);
      raw.traffic = { ...(raw.traffic as Raw), load: { pps: pick([50_000, 400_000, 2_000_000]) }, arrival: pick(["poisson", "constant"]) };
      raw.run = { duration: pick(["500us", "1ms", "2ms"]), warmup: pick(["0ms", "100us"]), seed: 1 };
      raw.costs = pick<Raw>([{}, { distribution: "exponential" }]);
      if (below(3) === 0) raw.kernel = kernel;
      const c = pick([null, null, ...COALESCE_SETTINGS]);
      if (c !== null) nics[k].coalesce = c;
      return { family: `${family} ${file}`, raw, seed: 1 + below(1000) };
    }
    case "ingress": {
      if (below(4) !== 0) nic.rps = { cpus: pick(masks) };
      traffic.src = pick(["198.51.100.0/24", "100.64.0.0/10"]);
      traffic.size = pick([1000, 64, "imix"]);
      traffic.load = { pps: pick([20_000, 200_000, 2_000_000]) };
      const ingress: Raw = { mbps: pick([10, 50, 100]), burst: pick([3000, 20_000]) };
      if (below(3) === 0) ingress.exceed = "pass";
      const bandwidth: Raw = { egress: { mbps: pick([5, 100]) }, ingress };
      if (below(2) === 0) bandwidth.reply = { size: pick([64, 500]) };
      if (below(2) === 0) bandwidth.arpBackground = pick([true, false]);
      raw = { profile: pick(["none", "ecs"]), host, nics: [nic], irq, kernel, traffic, costs, bandwidth, run: { ...run, duration: pick(["1ms", "2ms"]) } };
      coalesce = pick(COALESCE_SETTINGS);
      break;
    }
    case "isolated":
      if (irq.policy === "cpu0") irq.policy = "round-robin";
      coalesce = pick([null, null, null, ...COALESCE_SETTINGS]);
      break;
  }
  raw ??= { profile: "none", host, nics: [nic], irq, kernel, traffic, costs, run };
  if (coalesce !== null) (raw.nics as Raw[])[0].coalesce = coalesce;
  if (family !== "app" && family !== "ingress" && below(4) === 0) {
    // Bulk TCP bursts, GRO on or off (GRO with a gro_flush_timeout is refused: not modelled).
    const bulk = pick([{ segment: 1448, train: 8 }, { segment: 536, train: 45, linkGbps: 10 }]);
    raw = withBulk(raw, bulk, coalesce !== null && "groFlushTimeoutNs" in coalesce ? "off" : pick(["on", "off"]));
    // (A TCP socket that receives data is connected.)
    const bulkTraffic = raw.traffic as Raw;
    if (bulkTraffic.socket === "unconnected") bulkTraffic.socket = "connected";
  }
  return { family, raw, seed: 1 + below(1000) };
}

describe("the arrival batch size changes no result", () => {
  it("on 60 seeded random configurations (sinks, peers, single queues, RFS, applications, routing and caps, ingress policing, coalescing, GRO, SMT and NUMA hosts, ties, overload): batches of 1, 3 and 61 packets give the step machine's counters at 4096", () => {
    const loops = { isolated: 0, sinks: 0, sinkLoops: 0, aheadSenders: 0, peers: 0, peerLoops: 0 };
    for (let i = 0; i < 60; i++) {
      const { family, raw, seed } = configuration(i);
      // The step machine with small batches too, one size per configuration in turn.
      const { differences, loops: l } = batchRuns(raw, seed, [1, 3, 61], [[1, 3, 61][i % 3]]);
      for (const k of Object.keys(loops) as (keyof typeof loops)[]) if (l !== null && l[k] > 0) loops[k]++;
      expect(differences, `configuration ${i} (${family}), seed ${seed}: ${JSON.stringify(raw)}`).toEqual([]);
    }
    // The sample keeps exercising every fast loop (configurations with at least one CPU on it).
    // (Today: 35, 23, 11, 15 and 12 of the 60.)
    expect(loops.sinkLoops).toBeGreaterThanOrEqual(28);
    expect(loops.aheadSenders).toBeGreaterThanOrEqual(16);
    expect(loops.peers).toBeGreaterThanOrEqual(9);
    expect(loops.peerLoops).toBeGreaterThanOrEqual(12);
    expect(loops.isolated).toBeGreaterThanOrEqual(10);
  });

  it("irqbalance rescans during the run (a batch ends at each scan; a moved queue's arrivals go to its new CPU)", () => {
    // examples/irqbalance-rebalances.yaml's host at a light load for 1.01 s: the scan at 1 s moves a queue.
    for (const [rps, seed] of [[null, 1], ["c", 3]] as const) {
      const raw: Raw = {
        profile: "none",
        host: { cpus: 4, ghz: 2.5, topology: { sockets: 1, coresPerSocket: 4, threadsPerCore: 1, nicNode: 0 } },
        nics: [{ name: "eth0", ...ADDRESS, queues: 5, rss: { indir: "weight 1 1 1 1 8" }, ...(rps === null ? {} : { rps: { cpus: rps } }) }],
        traffic: { ...TRAFFIC, flows: 2000, size: 576, load: { pps: 10_000 } },
        irq: { policy: "irqbalance", irqbalance: { interval: 1, listing: "ascending" } },
        run: { duration: "1.01s", warmup: "0s", seed: 1 },
      };
      expect(batchDifferences(raw, seed, [1, 61], [3]), `rps ${rps}`).toEqual([]);
    }
  });

  it("an idle sink takes only the mail from before its horizon (batches of one packet: every arrival a horizon)", () => {
    // Two queues steering to one sink behind a backlog of two packets: a hand-off posted past the
    // horizon may yet be preceded by one the other sender has not posted (the sinks' test's case).
    const raw: Raw = {
      profile: "none",
      host: { cpus: 8, ghz: 1 },
      nics: [{ name: "eth0", ...ADDRESS, queues: 2, ringSize: 64, rps: { cpus: "8" } }],
      irq: { policy: "round-robin" },
      kernel: { maxBacklog: 2, devWeight: 64 },
      traffic: { ...TRAFFIC, flows: 64, src: "192.0.2.0/26", size: 64, arrival: "poisson", load: { pps: 10_000_000 } },
      costs: { distribution: "exponential" },
      run: { duration: "300us", seed: 2 },
    };
    expect(batchDifferences(raw, 89, [1, 2, 3, 61], [1])).toEqual([]);
  });

  // Found by this search: when the next batch is generated (`Simulation#generate`), the previous
  // batch's arrivals that came while CPU 0 (all three queues) was in the middle of a step enter
  // their rings at once. Their interrupts used to fire then too; meanwhile the application thread
  // on CPU 1 completes a reply whose tx completion raises another queue's interrupt on CPU 0
  // (app-steps.ts `postTxCompletion` → `interruptFrom`). With batches of 4096 (no batch end there)
  // CPU 0 takes the arrival at its step boundary, after the tx completion: the two interrupts, and
  // so the polls, came in the other order with batches of one packet. Their interrupts now wait for
  // CPU 0's boundary (engine/deferred-raises.ts).
  it("an arrival mid-step and a reply's tx completion from another CPU raise their interrupts in the same order whatever the batch", () => {
    const raw: Raw = {
      host: { cpus: 2 },
      nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], queues: 3, ringSize: 64 }],
      irq: { policy: "cpu0" },
      traffic: { flows: 8, src: "100.64.0.0/10", dst: "10.0.0.19", load: { pps: 600_000 } },
      app: { threads: "1", work: 1000, reply: { size: 64 } },
      run: { duration: "1ms" },
    };
    expect(batchDifferences(raw, 492, [1], [1])).toEqual([]);
    // Two threads a CPU on both CPUs: it failed at batches of three packets too.
    const two: Raw = { ...raw, host: { cpus: 2, ghz: 2.5 }, traffic: { flows: 16, src: "100.64.0.0/10", dst: "10.0.0.19", size: 64, load: { pps: 600_000 } }, app: { threads: "0-1", work: 1000, reply: { size: 64 }, threadsPerCpu: 2 } };
    expect(batchDifferences(two, 379, [1, 3], [1, 3])).toEqual([]);
  });
});
