import { describe, expect, it } from "vitest";
import { ZERO_COSTS, runPoint } from "./engine-helpers.js";

/**
 * Golden: netdev_max_backlog. enqueue_to_backlog drops a packet when the target CPU's
 * input_pkt_queue already holds more than netdev_max_backlog packets, so it holds at most
 * maxBacklog + 1. process_backlog works from process_queue and splices the whole input_pkt_queue
 * into it only when process_queue is empty — so the input queue refills while the spliced
 * packets are processed.
 *
 * Setup: 2 CPUs at 1 GHz, 1 queue (IRQ on CPU 0), rps_cpus "2" = CPU 1, constant arrivals every
 * 10 ns (10^8 pps; first at 10 ns). CPU 0 spends 5 ns per packet (driverPerPacket 5, every other
 * cost zero): it hands packet k (arrived at 10k) to CPU 1 at 10k + 5 and is idle again. CPU 1
 * spends 1002 ns per packet (stackPerPacket 1002), so its events fall at 15 + 1002·n ns and never
 * tie with a hand-off. maxBacklog 3, run 4100 ns: packets 1..409 arrive, the last handed off at
 * 4095.
 *
 *   15     p1 enqueued (input 1); CPU 1's backlog NAPI scheduled, IPI at once (CPU 0's round
 *          ends); CPU 1 splices [p1] (input 0) and processes p1 until 1017.
 *   25–55  p2..p5 enqueued (input 1..4); 65–1015: input 4 > 3, p6..p101 dropped (96).
 *   1017   p1 done; process_queue empty: splice [p2..p5] (input 0); p2 until 2019.
 *   1025–1055 p102..p105 enqueued (input 4); 1065–4095: p106..p409 dropped (304).
 *   2019, 3021, 4023  p2, p3, p4 done; process_queue not empty, no splice; p5 runs until 5025.
 *
 * So: offered 409, backlog drops 96 + 304 = 400, delivered 4 (p1..p4), in flight 5 (p5 on CPU 1,
 * p102..p105 in its backlog): 4 + 400 + 5 = 409. No ring drops. One IPI (the backlog NAPI stays
 * scheduled from 15 on), one backlog poll. Latencies p1 1007, p2 1999, p3 2991, p4 3983 ns:
 * mean 2495, max 3983. CPU 1's input_pkt_queue peaked at 4 packets (maxBacklog + 1); CPU 0's
 * backlog was never used.
 */
function backlog(maxBacklog: number): Record<string, unknown> {
  return {
    profile: "none",
    host: { cpus: 2, ghz: 1 },
    nics: [{ name: "eth0", queues: 1, rps: { cpus: "2" } }],
    traffic: { flows: 1, src: "192.0.2.1", dst: "10.0.0.1", arrival: "constant", load: { pps: 1e8 } },
    costs: { ...ZERO_COSTS, driverPerPacket: 5, stackPerPacket: 1002 },
    kernel: { maxBacklog },
    run: { duration: "4100ns" },
  };
}

describe("golden: a backlog holds maxBacklog + 1 packets", () => {
  it("maxBacklog 3: 9 of 409 packets get into CPU 1's backlog, 400 are dropped", () => {
    const p = runPoint(backlog(3));
    expect(p.conservation).toEqual({ offered: 409, delivered: 4, dropped: 400, inFlight: 5, ok: true });
    expect(p.drops).toEqual({ rxRing: 0, backlog: 400, total: 400 });
    expect(p.perCpu[0]).toMatchObject({ irqs: 409, polls: 409, polled: 409, packets: 0, backlogPeak: 0 });
    expect(p.perCpu[1]).toMatchObject({
      irqs: 0,
      polls: 1,
      polled: 0,
      packets: 4,
      softnet: { processed: 4, dropped: 400, timeSqueeze: 0, receivedRps: 1 },
      backlogPeak: 4,
    });
    expect(p.latencyUs).toMatchObject({ max: 3.983, mean: 2.495 });
  });

  /**
   * maxBacklog 0: the input queue holds one packet. p1 (15) and p2 (25) get in, p3..p101 are
   * dropped; each time CPU 1 finishes (1017, 2019, 3021, 4023) process_queue is empty, so it
   * splices the one waiting packet and the next hand-off (p102 at 1025, p203 at 2025, p304 at
   * 3025, p405 at 4025) takes its place. Accepted p1, p2, p102, p203, p304, p405 (6); delivered
   * p1, p2, p102, p203 (4); in flight p304 (on CPU 1) and p405 (2); dropped 409 − 6 = 403.
   */
  it("maxBacklog 0: one packet waits at a time, 403 dropped", () => {
    const p = runPoint(backlog(0));
    expect(p.conservation).toEqual({ offered: 409, delivered: 4, dropped: 403, inFlight: 2, ok: true });
    expect(p.perCpu[1].softnet).toEqual({ processed: 4, dropped: 403, timeSqueeze: 0, receivedRps: 1 });
    expect(p.perCpu[1].backlogPeak).toBe(1);
  });
});
