import { describe, expect, it } from "vitest";
import { runPoint } from "./engine-helpers.js";

/**
 * Overload on one CPU that also runs the application's thread: 3 Mpps on one queue, far more
 * than CPU 0 can process. NAPI never completes, so net_rx_action keeps re-raising; __do_softirq
 * restarts at most 10 rounds or 2 ms (or less when it wakes the thread: need_resched), then hands
 * the rest to ksoftirqd (kernel/softirq.c). ksoftirqd and the thread, both ordinary tasks, then
 * take turns of the scheduler's slice (1.5 ms on 2 CPUs): the thread gets about half the CPU
 * instead of starving behind softirq work, and ksoftirqd the other half. (Its 10 MB receive
 * buffer keeps it from running out of datagrams in its turn: with the default 208 KiB it empties
 * its socket within each turn and sleeps, leaving ksoftirqd the rest: 0.42 of the CPU.)
 */
describe("ksoftirqd shares an overloaded CPU with the application thread", () => {
  it("the thread gets about half of CPU 0, ksoftirqd the rest", () => {
    const p = runPoint({
      profile: "none",
      host: { cpus: 2, ghz: 2.5 },
      nics: [{ name: "eth0", queues: 1, ringSize: 1024 }],
      traffic: { flows: 100, src: "192.0.2.0/24", dst: "10.0.0.1", size: 64, load: { pps: 3_000_000 } },
      app: { threads: "0", work: 2500, rcvbuf: 10_000_000 },
      run: { duration: "40ms", warmup: "10ms" },
    });
    const t = p.perCpu[0].time;
    expect(t).toBeDefined();
    expect(t?.app ?? 0).toBeGreaterThan(0.45);
    expect(t?.app ?? 1).toBeLessThan(0.55);
    expect(t?.ksoftirqd ?? 0).toBeGreaterThan(0.4);
    expect((t?.irq ?? 1) + (t?.softirq ?? 1)).toBeLessThan(0.05);
    expect(p.app?.received.packets ?? 0).toBeGreaterThan(0);
    expect(p.drops.rxRing).toBeGreaterThan(0);
    expect(p.app?.ok).toBe(true);
  });

  it("at light load the softirq work ends before its limits: no ksoftirqd", () => {
    const p = runPoint({
      profile: "none",
      host: { cpus: 2, ghz: 2.5 },
      nics: [{ name: "eth0", queues: 1, ringSize: 1024 }],
      traffic: { flows: 100, src: "192.0.2.0/24", dst: "10.0.0.1", size: 64, load: { pps: 100_000 } },
      app: { threads: "0", work: 2500 },
      run: { duration: "20ms", warmup: "5ms" },
    });
    expect(p.perCpu[0].time?.ksoftirqd).toBe(0);
    expect(p.perCpu[0].time?.app).toBeGreaterThan(0.1);
  });
});
