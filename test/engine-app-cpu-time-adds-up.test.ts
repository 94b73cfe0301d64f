import { describe, expect, it } from "vitest";
import { runJob } from "../src/engine/job.js";
import { runPoint, matchesStepMachine, scenarioFrom, seededChooser } from "./engine-helpers.js";

/**
 * A CPU's time adds up: the receive path (hard IRQs and softirq: `cpuBusyNs`), the application
 * threads (`cpuAppNs`) and idle make the window, never more — a conservation check like the
 * packet one. Where the thread always has a datagram to read, the CPU is never idle: softirq work
 * preempts the thread and the thread takes every moment left, so busy + app = window exactly (up
 * to float rounding).
 */
function scenario(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    profile: "none",
    host: { cpus: 4, ghz: 2.5 },
    nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 4, queues: 2, ringSize: 256 }],
    irq: { policy: "round-robin" },
    traffic: { flows: 500, src: "100.64.0.0/10", dst: "10.0.0.19", size: "imix", arrival: "poisson", load: { pps: 1_000_000 } },
    app: { threads: "0-3", work: 2000 },
    run: { duration: "10ms", warmup: "1ms", seed: 1 },
    ...overrides,
  };
}

describe("a CPU's time adds up: receive path + application + idle = the window", () => {
  it("a saturated thread on an interrupt CPU takes every moment the softirq leaves", () => {
    const job = runJob(scenarioFrom(scenario({ app: { threads: "0", work: 50_000 } })), 1);
    expect(job.dropsSocketRcvbuf).toBeGreaterThan(0);
    const total = job.cpuBusyNs[0] + job.cpuAppNs[0];
    expect(Math.abs(total / job.windowNs - 1)).toBeLessThan(1e-9);
    expect(job.cpuBusyNs[0]).toBeGreaterThan(0.1 * job.windowNs);
  });

  it("in the report: irq + softirq + app + idle = 1 on every CPU, and the counts add up", () => {
    const p = runPoint(scenario({ nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 4, queues: 2, ringSize: 256, rps: { cpus: "f" } }] }));
    expect(p.perCpu.some((c) => c.softnet.receivedRps > 0)).toBe(true);
    for (const c of p.perCpu) {
      const t = c.time;
      expect(t).toBeDefined();
      if (t === undefined) continue;
      expect(Math.abs(t.irq + t.softirq + t.ksoftirqd + t.app + t.idle - 1)).toBeLessThan(2e-4);
      expect(t.idle).toBeGreaterThanOrEqual(0);
    }
    expect(p.conservation.ok).toBe(true);
    expect(p.app?.ok).toBe(true);
  });

  it("on 12 seeded random configurations (RPS, RFS, XPS, replies, shared and separate CPUs, exponential work): never more than the window, every count adds up, the fast engine equals the step machine", () => {
    const { below, pick } = seededChooser(0x5eed);
    for (let i = 0; i < 12; i++) {
      const queues = pick([1, 2, 4]);
      const rps = pick(["", "f", "e", "3"]);
      const raw = scenario({
        nics: [
          {
            name: "eth0",
            addresses: ["10.0.0.19/24"],
            maxQueues: 4,
            queues,
            ringSize: pick([64, 256]),
            ...(rps === "" ? {} : { rps: { cpus: rps, flowCnt: pick([0, 256]) } }),
            ...(below(2) === 0 ? {} : { xps: pick(["f", "1", "c"]) }),
          },
        ],
        kernel: { rpsSockFlowEntries: pick([0, 4096]) },
        traffic: {
          flows: pick([3, 500]),
          src: "100.64.0.0/10",
          dst: "10.0.0.19",
          size: pick([64, "imix"]),
          arrival: "poisson",
          socket: pick(["connected", "unconnected"]),
          load: { pps: pick([100_000, 600_000, 1_500_000]) },
        },
        app: {
          threads: pick(["0", "1", "0-3", "2-3"]),
          work: pick([0, 1000, 5000]),
          workDistribution: pick(["fixed", "exponential"]),
          rcvbuf: pick([20_000, 212_992]),
          ...(below(2) === 0 ? {} : { reply: { size: pick([64, 300]) } }),
        },
        run: { duration: "4ms", warmup: pick(["0s", "1ms"]), seed: 1 + below(100) },
      });
      const s = scenarioFrom(raw);
      const job = runJob(s, 1);
      for (let c = 0; c < 4; c++) expect(job.cpuBusyNs[c] + job.cpuAppNs[c]).toBeLessThanOrEqual(job.windowNs * (1 + 1e-9));
      expect(job.deliveredPackets).toBe(job.appReceived + job.dropsSocketRcvbuf + job.inSockets);
      const p = runPoint(raw);
      expect(p.conservation.ok).toBe(true);
      expect(matchesStepMachine(s, 1)).toBe(true);
    }
  });
});
