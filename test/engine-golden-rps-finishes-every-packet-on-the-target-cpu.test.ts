import { describe, expect, it } from "vitest";
import { runPoint } from "./engine-helpers.js";

/**
 * Golden: RPS from 1 queue (IRQ on CPU 0) with rps_cpus "4" = CPU set {2}, at 100,000 pps of
 * constant arrivals (99 packets at 10,000·k ns in 1 ms, each alone in the system), 2 GHz, cycles:
 * hardIrq 1000, pollOverhead 200, driverPerPacket 300, rpsEnqueue 100, ipi 2000,
 * stackPerPacket 1500, perByte 0.25 × 100-byte frames = 25.
 *
 * Path of each packet:
 *   CPU 0  hard IRQ 500 ns → NAPI poll 100 → driver + get_rps_cpu/enqueue 200 (into CPU 2's
 *          backlog; its NAPI gets scheduled by IPI) → ring empty, poll done, round over: the IPI
 *          goes out at +800 ns.
 *   CPU 2  takes the IPI 1000 → polls its backlog 100 → stack + bytes (1500 + 25) / 2 = 762.5.
 *   latency = 5325 cycles / 2 = 2662.5 ns → 2663 (rounded half up).
 * Counters: CPU 0 99 IRQs, 99 polls, 99 packets polled, 0 processed, busy 99 × 800 = 79,200 ns
 * (0.0792); CPU 2 99 IPIs received (receivedRps), 99 polls, 0 polled, 99 processed, busy
 * 99 × 1862.5 = 184,387.5 ns (0.1844). CPUs 1 and 3 idle.
 * Split like mpstat: CPU 0's hard IRQs 99 × 500 = 49,500 ns (0.0495), softirq 29,700 (0.0297),
 * idle 0.9208; CPU 2's IPIs 99 × 1000 = 99,000 ns (0.099), softirq 85,387.5 (0.0854), idle 0.8156.
 */
function rps(mask: string): Record<string, unknown> {
  return {
    profile: "none",
    host: { cpus: 4, ghz: 2 },
    nics: [{ name: "eth0", queues: 1, rps: { cpus: mask } }],
    traffic: { flows: 3, src: "192.0.2.0/24", dst: "10.0.0.1", size: 100, arrival: "constant", load: { pps: 100000 } },
    costs: { hardIrq: 1000, pollOverhead: 200, driverPerPacket: 300, stackPerPacket: 1500, perByte: 0.25, rpsEnqueue: 100, ipi: 2000 },
    run: { duration: "1ms" },
  };
}

const idle = (cpu: number) => ({
  cpu,
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

describe("golden: RPS finishes every packet on the target CPU", () => {
  it('mask "4": polled on CPU 0, processed on CPU 2 after one IPI each, 2663 ns', () => {
    const p = runPoint(rps("4"));
    expect(p.conservation).toEqual({ offered: 99, delivered: 99, dropped: 0, inFlight: 0, ok: true });
    expect(p.latencyUs).toEqual({ p50: 2.663, p90: 2.663, p99: 2.663, p999: 2.663, max: 2.663, mean: 2.663 });
    expect(p.perCpu).toEqual([
      {
        cpu: 0,
        utilization: 0.0792,
        irqs: 99,
        polls: 99,
        polled: 99,
        txCompletions: 0,
        packets: 0,
        softnet: { processed: 0, dropped: 0, timeSqueeze: 0, receivedRps: 0 },
        backlogPeak: 0,
        app: 0,
        time: { irq: 0.0495, softirq: 0.0297, ksoftirqd: 0, app: 0, idle: 0.9208 },
      },
      idle(1),
      {
        cpu: 2,
        utilization: 0.1844,
        irqs: 0,
        polls: 99,
        polled: 0,
        txCompletions: 0,
        packets: 99,
        softnet: { processed: 99, dropped: 0, timeSqueeze: 0, receivedRps: 99 },
        backlogPeak: 1,
        app: 0,
        time: { irq: 0.099, softirq: 0.0854, ksoftirqd: 0, app: 0, idle: 0.8156 },
      },
      idle(3),
    ]);
  });

  /**
   * Mask "1" selects CPU 0, the CPU that polls the ring: enqueue_to_backlog schedules CPU 0's own
   * backlog NAPI with no IPI, and the same net_rx_action round polls it right after the ring
   * ("goto start"): IRQ 500 + poll 100 + driver/enqueue 200 + backlog poll 100 + stack 762.5 =
   * 1662.5 ns → 1663; 2 polls per packet; busy 99 × 1662.5 = 164,587.5 ns (0.1646).
   */
  it('mask "1" (the IRQ CPU itself): no IPI, two polls per packet, 1663 ns', () => {
    const p = runPoint(rps("1"));
    expect(p.conservation).toEqual({ offered: 99, delivered: 99, dropped: 0, inFlight: 0, ok: true });
    expect(p.latencyUs?.max).toBe(1.663);
    expect(p.latencyUs?.mean).toBe(1.663);
    expect(p.perCpu[0]).toEqual({
      cpu: 0,
      utilization: 0.1646,
      irqs: 99,
      polls: 198,
      polled: 99,
      txCompletions: 0,
      packets: 99,
      softnet: { processed: 99, dropped: 0, timeSqueeze: 0, receivedRps: 0 },
      backlogPeak: 1,
      app: 0,
      // Hard IRQs 99 × 500 ns = 0.0495; softirq 99 × 1162.5 ns = 0.1151.
      time: { irq: 0.0495, softirq: 0.1151, ksoftirqd: 0, app: 0, idle: 0.8354 },
    });
    expect(p.perCpu.slice(1)).toEqual([idle(1), idle(2), idle(3)]);
  });
});
