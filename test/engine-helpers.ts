/**
 * Shared by the engine-* tests: tiny scenario documents, run as one job (runJob) or as the point
 * results `nicsim run` reports (runScenario over the sweep points).
 */
import { expandSweep } from "../src/config/sweep.js";
import type { Scenario } from "../src/config/scenario.js";
import { validateScenario } from "../src/config/validate.js";
import { runScenario } from "../src/pool/run-scenario.js";
import { encodeCounters } from "../src/pool/counters-codec.js";
import { runJob } from "../src/engine/job.js";
import { compilePlan } from "../src/engine/plan.js";
import { Simulation } from "../src/engine/simulation.js";
import { PacketSource } from "../src/traffic/packet-source.js";
import type { PointResult } from "../src/report/result-model.js";

/** Every cost zero: add back the stages a test is about. */
export const ZERO_COSTS = {
  hardIrq: 0,
  pollOverhead: 0,
  driverPerPacket: 0,
  stackPerPacket: 0,
  perByte: 0,
  rpsEnqueue: 0,
  ipi: 0,
} as const;

/** A validated scenario from a raw document (throws the ConfigError of a bad one). */
export function scenarioFrom(raw: Record<string, unknown>): Scenario {
  return validateScenario(raw);
}

/** The point results of a raw document, one per sweep point, as `nicsim run` computes them. */
export function runPoints(raw: Record<string, unknown>, options: { seed?: number } = {}): readonly PointResult[] {
  return runScenario({ source: "test", raw, points: expandSweep(raw) }, options).points;
}

/** The only point of a document without a sweep. */
export function runPoint(raw: Record<string, unknown>): PointResult {
  const points = runPoints(raw);
  if (points.length !== 1) throw new Error(`expected one point, got ${points.length}`);
  return points[0];
}

/**
 * A single-server queue: 1 CPU, 1 queue with a ring too large to fill, one flow of 64-byte frames,
 * Poisson arrivals at `rho` / S, and a per-packet cost of S = 1000 cycles at 1 GHz = 1000 ns with
 * every other cost zero, so the CPU is a FIFO server with service time S (fixed or exponential).
 */
export function singleServer(rho: number, distribution: "fixed" | "exponential", duration: string): Scenario {
  return scenarioFrom({
    profile: "none",
    host: { cpus: 1, ghz: 1 },
    nics: [{ name: "eth0", queues: 1, ringSize: 65536 }],
    traffic: { flows: 1, src: "192.0.2.1", dst: "10.0.0.1", size: 64, arrival: "poisson", load: { pps: rho / (SERVICE_NS * 1e-9) } },
    costs: { ...ZERO_COSTS, stackPerPacket: SERVICE_NS, distribution },
    run: { duration, warmup: "10ms" },
  });
}

/** Service time of `singleServer`, ns. */
export const SERVICE_NS = 1000;

/** How the engine runs a scenario's CPUs for a seed: isolated tight loops, RPS sinks, senders ahead of the heap (engine/simulation.ts `loops`). */
export function loopsOf(
  scenario: Scenario,
  seed: number,
): { readonly isolated: number; readonly sinks: number; readonly sinkLoops: number; readonly aheadSenders: number; readonly peers: number; readonly peerLoops: number } {
  return new Simulation(compilePlan(scenario, seed), new PacketSource(scenario.traffic, seed), seed).loops;
}

/** Whether the engine's fast loops give the step machine's counters byte for byte (encoded as the pool ships them). */
export function matchesStepMachine(scenario: Scenario, seed: number): boolean {
  const fast = Buffer.from(encodeCounters(runJob(scenario, seed, "auto")));
  return fast.equals(Buffer.from(encodeCounters(runJob(scenario, seed, "generic"))));
}

/**
 * A small seeded chooser of its own (xorshift32), for tests that draw random configurations: the
 * cases do not move when the engine's PRNG use does.
 */
export function seededChooser(seed: number): { readonly below: (n: number) => number; readonly pick: <T>(xs: readonly T[]) => T } {
  let x = seed | 0;
  const below = (n: number): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
  return { below, pick: <T,>(xs: readonly T[]): T => xs[below(xs.length)] };
}

/**
 * A raw scenario's traffic made TCP bulk bursts (traffic.bulk) with the receiving NIC's GRO on or
 * off (for the equivalence tests' random configurations).
 */
export function withBulk(raw: Record<string, unknown>, bulk: Readonly<Record<string, number | undefined>>, gro: string): Record<string, unknown> {
  const traffic: Record<string, unknown> = { ...(raw.traffic as Record<string, unknown>), protocol: "tcp", bulk };
  delete traffic.dstPort;
  delete traffic.size;
  const nics = (raw.nics as Record<string, unknown>[]).map((nic) => ({ ...nic, gro }));
  return { ...raw, traffic, nics };
}

/** Interrupt coalescing settings the random configurations draw from (null: the default, none). */
export const COALESCE_SETTINGS = [
  null,
  null,
  { rxUsecs: 8, rxFrames: 0 },
  { rxUsecs: 50, rxFrames: 32 },
  { rxUsecs: 1000, rxFrames: 4 },
  { deferHardIrqs: 2, groFlushTimeoutNs: 20_000 },
  { rxUsecs: 20, rxFrames: 16, deferHardIrqs: 1, groFlushTimeoutNs: 5000 },
  // adaptive-rx (net DIM, engine/net-dim.ts): from no coalescing, and from fixed values with CQE profiles.
  { adaptiveRx: true },
  { adaptiveRx: true, dimProfiles: "cqe", rxUsecs: 8, rxFrames: 0 },
] as const;

