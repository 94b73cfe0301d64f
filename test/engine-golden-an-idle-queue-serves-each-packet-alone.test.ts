import { describe, expect, it } from "vitest";
import { runPoint } from "./engine-helpers.js";

/**
 * Golden: constant arrivals far below capacity on 1 queue. Each packet finds the CPU idle and the
 * ring empty, so it raises its own interrupt, gets its own NAPI poll, and its latency is exactly
 * the sum of the stages on its path:
 *
 *   host 2 GHz; cycles: hardIrq 1000, pollOverhead 200, driverPerPacket 300, stackPerPacket 1500,
 *   perByte 0.25 × 100-byte frames = 25
 *   latency = (1000 + 200 + 300 + 1500 + 25) / 2 = 3025 / 2 = 1512.5 ns → recorded as 1513
 *   (the histogram rounds half up to whole ns; every stage time here is exact in binary).
 *
 * 100,000 pps = one packet every 10,000 ns, the first at 10,000 ns (PacketSource starts one gap
 * in); in a 1 ms run, packets arrive at 10,000·k ns for k = 1..99 (10^6 is not < the end), and
 * the last is done at 990,000 + 1512.5 < 10^6. So: 99 offered, 99 delivered, 99 IRQs, 99 polls,
 * 99 packets polled, nothing dropped, nothing in flight. CPU 0 is busy 99 × 1512.5 ns =
 * 149,737.5 ns of 10^6: utilization 0.149738 → 0.1497 (4 decimals); of it, the hard IRQs
 * 99 × 1000 / 2 = 49,500 ns (0.0495), softirq the other 100,237.5 ns (0.1002), idle the rest
 * (1 − 0.0495 − 0.1002 = 0.8503). CPU 1 does nothing.
 */
function scenario(warmup: string): Record<string, unknown> {
  return {
    profile: "none",
    host: { cpus: 2, ghz: 2 },
    nics: [{ name: "eth0", queues: 1, ringSize: 8 }],
    traffic: { flows: 3, src: "192.0.2.0/24", dst: "10.0.0.1", size: 100, arrival: "constant", load: { pps: 100000 } },
    costs: { hardIrq: 1000, pollOverhead: 200, driverPerPacket: 300, stackPerPacket: 1500, perByte: 0.25, rpsEnqueue: 0, ipi: 0 },
    run: { duration: "1ms", warmup },
  };
}

describe("golden: an idle queue serves each packet alone", () => {
  it("99 packets, each with one IRQ and one poll, each 1513 ns", () => {
    const p = runPoint(scenario("0s"));
    expect(p.offered.packets).toBe(99);
    expect(p.delivered.packets).toBe(99);
    expect(p.drops).toEqual({ rxRing: 0, backlog: 0, total: 0 });
    expect(p.conservation).toEqual({ offered: 99, delivered: 99, dropped: 0, inFlight: 0, ok: true });
    expect(p.latencyUs).toEqual({ p50: 1.513, p90: 1.513, p99: 1.513, p999: 1.513, max: 1.513, mean: 1.513 });
    expect(p.perQueue).toEqual([{ nic: "eth0", queue: 0, cpu: 0, irq: 32, packets: 99, drops: 0 }]);
    expect(p.perCpu[0]).toEqual({
      cpu: 0,
      utilization: 0.1497,
      irqs: 99,
      polls: 99,
      polled: 99,
      txCompletions: 0,
      packets: 99,
      softnet: { processed: 99, dropped: 0, timeSqueeze: 0, receivedRps: 0 },
      backlogPeak: 0,
      app: 0,
      time: { irq: 0.0495, softirq: 0.1002, ksoftirqd: 0, app: 0, idle: 0.8503 },
    });
    expect(p.perCpu[1]).toEqual({
      cpu: 1,
      utilization: 0,
      irqs: 0,
      polls: 0,
      polled: 0,
      txCompletions: 0,
      packets: 0,
      softnet: { processed: 0, dropped: 0, timeSqueeze: 0, receivedRps: 0 },
      backlogPeak: 0,
      app: 0,
      time: { irq: 0, softirq: 0, ksoftirqd: 0, app: 0, idle: 1 },
    });
    // 99 packets × 100 bytes × 8 bits over 1 ms.
    expect(p.offered).toEqual({ pps: 99000, bps: 79200000, packets: 99 });
  });

  /**
   * With a 0.5 ms warm-up the window is [500,000, 10^6): packets k = 50..99 are measured (50 of
   * them, 500,000 itself included), busy 50 × 1512.5 = 75,625 ns of 500,000 = 0.15125 → 0.1513
   * (4 decimals, Math.round). Every IRQ, poll and packet poll of those 50 packets happens inside
   * the window, so the window counts 50 of each.
   */
  it("a warm-up leaves exactly the packets that arrive after it", () => {
    const p = runPoint(scenario("0.5ms"));
    expect(p.conservation).toEqual({ offered: 50, delivered: 50, dropped: 0, inFlight: 0, ok: true });
    expect(p.latencyUs?.mean).toBe(1.513);
    expect(p.perQueue[0].packets).toBe(50);
    expect(p.perCpu[0].utilization).toBe(0.1513);
    expect(p.perCpu[0].softnet.processed).toBe(50);
  });

  /**
   * Regression: the per-CPU event counters (irqs, receivedRps, polled, polls, timeSqueeze) count
   * the measurement window only, like busy time, processed and dropped: 99 packets arrive, 50 of
   * them after the warm-up, so 50 IRQs, 50 polls and 50 packets polled.
   */
  it("per-CPU IRQs, polls and packets polled count the window only", () => {
    const p = runPoint(scenario("0.5ms"));
    expect({ irqs: p.perCpu[0].irqs, polls: p.perCpu[0].polls, polled: p.perCpu[0].polled }).toEqual({ irqs: 50, polls: 50, polled: 50 });
  });
});
