import { describe, expect, it } from "vitest";
import { ZERO_COSTS, runPoint } from "./engine-helpers.js";

/**
 * Golden: two SMT siblings of one core (1 socket × 1 core × 2 threads: CPUs 0 and 1), each taking
 * one rx queue's interrupt (explicit affinity), offered far more than they can serve.
 *
 *   host 1 GHz; every cost zero but stackPerPacket 1000 cycles: S = 1000 ns per packet solo
 *   host.topology.smtSpeed f = 0.6: a packet started while the sibling is busy takes
 *   S / f = 1666.67 ns.
 *   Constant arrivals at 100 Mpps over 64 flows (one every 10 ns from t = 10 ns): both rings fill
 *   at once and stay full, so each CPU serves packet after packet (interrupt and poll cost 0).
 *
 * One thread alone (its sibling has a queue that gets no traffic, or no queue at all): packets
 * end at 10 + 1000·k ns; in 1 ms, k = 1..999 → 999 delivered; in 2 ms → 1999. Its extra
 * millisecond delivers 1000 (1 / S).
 *
 * Both threads: the first packet of the run (t = 10 ns, on CPU a) starts while the sibling is
 * idle: it ends at 1010 ns. Every later packet on either CPU starts while the other is busy (the
 * other's first packet arrives within ten arrivals, long before 1010 ns): 1666.67 ns each.
 *   CPU a: ends at 1010 + 1666.67·m ≤ 10^6 → m = 0..599 → 600 (2 ms: m ≤ 1199.39 → 1200)
 *   CPU b: starts at 10·j (j ≥ 2, small) and ends at 10·j + 1666.67·k ≤ 10^6 → k = 1..599 → 599
 *          (2 ms: 1199)
 *   → 1199 in 1 ms and 2399 in 2 ms: the extra millisecond delivers 1200 = 2 × 0.6 × 1000,
 *     exactly 2f × what one thread delivers alone.
 */
function scenario(options: { queues: number; indir?: string; smtSpeed?: number; duration: string }): Record<string, unknown> {
  const affinity = [{ smp_affinity_list: "0" }, { smp_affinity_list: "1" }].slice(0, options.queues);
  return {
    profile: "none",
    host: { cpus: 2, ghz: 1, topology: { sockets: 1, coresPerSocket: 1, threadsPerCore: 2, ...(options.smtSpeed === undefined ? {} : { smtSpeed: options.smtSpeed }) } },
    nics: [{ name: "eth0", maxQueues: 2, queues: options.queues, ringSize: 64, ...(options.indir === undefined ? {} : { rss: { indir: options.indir } }) }],
    irq: { policy: "explicit", affinity },
    traffic: { flows: 64, src: "192.0.2.0/24", dst: "10.0.0.1", size: 64, arrival: "constant", load: { pps: 100e6 } },
    costs: { ...ZERO_COSTS, stackPerPacket: 1000 },
    run: { duration: options.duration, warmup: "0s" },
  };
}

const delivered = (raw: Record<string, unknown>): readonly number[] => runPoint(raw).perCpu.map((c) => c.packets);

describe("golden: SMT siblings share one core", () => {
  it("one thread alone delivers its solo rate, whether its sibling has an idle queue or none", () => {
    expect(delivered(scenario({ queues: 1, duration: "1ms" }))).toEqual([999, 0]);
    expect(delivered(scenario({ queues: 1, duration: "2ms" }))).toEqual([1999, 0]);
    // Queue 1 on CPU 1 gets no traffic (ethtool -X equal 1): CPU 1 works, but is never busy.
    expect(delivered(scenario({ queues: 2, indir: "equal 1", duration: "1ms" }))).toEqual([999, 0]);
  });

  it("two saturated siblings deliver 2 × smtSpeed of one thread: 1200 more per extra ms against 1000", () => {
    const oneMs = delivered(scenario({ queues: 2, duration: "1ms" }));
    const twoMs = delivered(scenario({ queues: 2, duration: "2ms" }));
    expect([...oneMs].sort()).toEqual([599, 600]);
    expect([...twoMs].sort()).toEqual([1199, 1200]);
    const pair = twoMs[0] + twoMs[1] - (oneMs[0] + oneMs[1]);
    expect(pair).toBe(2 * 0.6 * 1000);
  });

  it("each saturated sibling is busy the whole run: a slowed thread shows its slowed time as busy", () => {
    const p = runPoint(scenario({ queues: 2, duration: "1ms" }));
    // Busy from its first packet (10 or 10·j ns) to the end: utilization rounds to 1.
    expect(p.perCpu.map((c) => c.utilization)).toEqual([1, 1]);
  });

  it("smtSpeed 1: siblings do not slow each other (each delivers its solo 999)", () => {
    // CPU b's packets end at 10·j + 1000·k ≤ 10^6: k = 1..999 too (j < 100).
    expect(delivered(scenario({ queues: 2, smtSpeed: 1, duration: "1ms" }))).toEqual([999, 999]);
  });
});
