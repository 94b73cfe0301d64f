import { describe, expect, it } from "vitest";
import { ZERO_COSTS, runPoint } from "./engine-helpers.js";

/**
 * SMT with application threads: one core of two threads (CPUs 0 and 1 are siblings), the
 * receive path free, 2 Mpps of requests of 2 µs of work each (1 GHz, 2000 cycles) spread over a
 * thread per CPU: both threads are always busy. A thread's stretch started while its sibling is
 * busy runs at smtSpeed 0.6 (engine/smt-cores.ts), so over 10 ms the core reads
 * 2 × 0.6 × 10 ms / 2 µs = 6,000 requests; one thread alone on the core reads 10 ms / 2 µs = 5,000.
 */
function scenario(threads: string): Record<string, unknown> {
  return {
    profile: "none",
    host: { cpus: 2, ghz: 1, topology: { sockets: 1, coresPerSocket: 1, threadsPerCore: 2 } },
    nics: [{ name: "eth0", queues: 1, ringSize: 65536 }],
    traffic: { flows: 1000, src: "100.64.0.0/16", dst: "10.0.0.1", size: 64, load: { pps: 2_000_000 } },
    costs: ZERO_COSTS,
    app: { threads, wake: 0, recv: 0, copyPerByte: 0, work: 2000, rcvbuf: 1e9 },
    run: { duration: "10ms", warmup: "0s" },
  };
}

describe("SMT siblings slow each other's application threads", () => {
  it("two busy threads of one core read 2 × 0.6 of what one alone reads", () => {
    const both = runPoint(scenario("0-1")).app?.received.packets ?? 0;
    const alone = runPoint(scenario("0")).app?.received.packets ?? 0;
    expect(Math.abs(alone - 5000)).toBeLessThanOrEqual(1);
    expect(Math.abs(both - 6000)).toBeLessThanOrEqual(2);
  });
});
