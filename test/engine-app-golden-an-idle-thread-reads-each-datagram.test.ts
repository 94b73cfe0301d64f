import { describe, expect, it } from "vitest";
import { runPoint } from "./engine-helpers.js";

/**
 * Golden: the receive path of engine-golden-an-idle-queue-serves-each-packet-alone (constant
 * 100 kpps of 100-byte frames on one queue of CPU 0, 2 GHz; each packet's stack work ends
 * (1000 + 200 + 300 + 1500 + 25) / 2 = 1512.5 ns after it arrives) with one application thread.
 * Each datagram finds the thread asleep, so it is woken, then reads it:
 *
 *   wake 1000 cycles = 500 ns; recvmsg 2000 + 0.5 × 100 bytes = 2050 cycles = 1025 ns
 *   recvmsg returns 1512.5 + 500 + 1025 = 3037.5 ns after the arrival → recorded as 3038 ns.
 *
 * On CPU 0 the thread runs once the softirq work is done; on CPU 1 the delivery wakes it at once
 * (that CPU is idle): the same latency either way. 99 datagrams (arrivals at 10 µs·k, k = 1..99,
 * in 1 ms) × 1525 ns = 150,975 ns of application time: 0.1510 of the window. CPU 0's hard IRQs:
 * 99 × 500 ns = 0.0495; its softirq time the rest of its 149,737.5 busy ns: 0.1002.
 */
function scenario(threads: string): Record<string, unknown> {
  return {
    profile: "none",
    host: { cpus: 2, ghz: 2 },
    nics: [{ name: "eth0", queues: 1, ringSize: 8 }],
    traffic: { flows: 3, src: "192.0.2.0/24", dst: "10.0.0.1", size: 100, arrival: "constant", load: { pps: 100000 } },
    costs: { hardIrq: 1000, pollOverhead: 200, driverPerPacket: 300, stackPerPacket: 1500, perByte: 0.25, rpsEnqueue: 0, ipi: 0 },
    app: { threads, wake: 1000, recv: 2000, copyPerByte: 0.5 },
    run: { duration: "1ms", warmup: "0s" },
  };
}

describe("golden: an idle thread reads each datagram as it comes", () => {
  it("on the interrupt CPU: stack 1512.5 ns, then wake 500 ns and recvmsg 1025 ns", () => {
    const p = runPoint(scenario("0"));
    expect(p.latencyUs?.max).toBe(1.513);
    expect(p.app).toEqual({
      threads: 1,
      perThread: [{ cpu: 0, read: 99 }],
      received: { pps: 99000, bps: 79200000, packets: 99 },
      latencyUs: { p50: 3.038, p90: 3.038, p99: 3.038, p999: 3.038, max: 3.038, mean: 3.038 },
      socketRcvbuf: 0,
      inSockets: 0,
      ok: true,
    });
    expect(p.perCpu[0].time).toEqual({ irq: 0.0495, softirq: 0.1002, ksoftirqd: 0, app: 0.151, idle: 0.6993 });
    expect(p.perCpu[1].time).toEqual({ irq: 0, softirq: 0, ksoftirqd: 0, app: 0, idle: 1 });
    expect(p.cpuUtilization.max).toBe(0.3007);
  });

  it("on another, idle CPU: woken at the delivery, the same latency", () => {
    const p = runPoint(scenario("1"));
    expect(p.app?.latencyUs?.max).toBe(3.038);
    expect(p.app?.latencyUs?.p50).toBe(3.038);
    expect(p.app?.received.packets).toBe(99);
    expect(p.perCpu[0].time).toEqual({ irq: 0.0495, softirq: 0.1002, ksoftirqd: 0, app: 0, idle: 0.8503 });
    expect(p.perCpu[1].time).toEqual({ irq: 0, softirq: 0, ksoftirqd: 0, app: 0.151, idle: 0.849 });
  });

  it("without an app section no application time is charged and no app block is written", () => {
    const { app: _, ...receiveOnly } = scenario("0");
    const p = runPoint(receiveOnly);
    expect(p.app).toBeUndefined();
    expect(p.perCpu.every((c) => c.app === 0)).toBe(true);
  });
});
