import { describe, expect, it } from "vitest";
import { ZERO_COSTS, runPoint } from "./engine-helpers.js";

/**
 * Two threads pinned to CPU 1 (threadsPerCpu 2), each behind its own SO_REUSEPORT socket, both
 * always with datagrams to read (1 Mpps of 2 µs requests is far more than CPU 1 can answer; large
 * receive buffers keep both sockets from emptying). The receive path costs nothing, so CPU 1 does
 * nothing but run the two threads, which take turns of the scheduler's slice (1.5 ms on 2 CPUs):
 * over 60 ms (no warm-up: a warm-up's backlog would be read, uncounted, in the window) each reads
 * half of what CPU 1 reads, to within a slice (1.5 ms of 60: 2.5%), and CPU 1 is never idle.
 */
describe("threads pinned to one CPU share it fairly", () => {
  it("each of two saturated threads on CPU 1 reads half, within a slice", () => {
    const p = runPoint({
      profile: "none",
      host: { cpus: 2, ghz: 1 },
      nics: [{ name: "eth0", queues: 1, ringSize: 65536 }],
      traffic: { flows: 1000, src: "100.64.0.0/16", dst: "10.0.0.1", size: 64, load: { pps: 1_000_000 } },
      costs: ZERO_COSTS,
      app: { threads: "1", threadsPerCpu: 2, wake: 0, recv: 0, copyPerByte: 0, work: 2000, rcvbuf: 1e9 },
      run: { duration: "60ms", warmup: "0s" },
    });
    const perThread = p.app?.perThread ?? [];
    expect(perThread.map((t) => t.cpu)).toEqual([1, 1]);
    const total = perThread[0].read + perThread[1].read;
    // 2 µs per datagram from the first arrival (within a µs of the start) to the end: 30,000 reads.
    expect(Math.abs(total - 30_000)).toBeLessThanOrEqual(2);
    expect(Math.abs(perThread[0].read / total - 0.5)).toBeLessThan(0.025);
    expect(p.perCpu[1].time?.app).toBe(1);
  });
});
