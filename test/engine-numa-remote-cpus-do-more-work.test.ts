import { describe, expect, it } from "vitest";
import { runPoint } from "./engine-helpers.js";

/**
 * Golden: NUMA costs. Two sockets of two single-thread cores, the NIC on node 0 (CPUs 0-1);
 * CPUs 2-3 are node 1. Constant arrivals far below capacity on one queue, so each packet is
 * served alone (see engine-golden-an-idle-queue-serves-each-packet-alone):
 *
 *   host 2 GHz; cycles: hardIrq 1000, pollOverhead 200, driverPerPacket 300, stackPerPacket 1500,
 *   perByte 0.25 × 100-byte frames = 25; numaRemotePercent 25 (the default)
 *   IRQ on CPU 0 (local):  (1000 + 200 + (300 + 1500 + 25)) / 2         = 1512.5 ns → 1513
 *   IRQ on CPU 2 (remote): (1000 + 200 + (300 + 1500 + 25) × 1.25) / 2 = 1740.625 ns → 1741
 *
 * With RPS from CPU 0 to CPU 1 (same node) or to CPU 2 (node 1), the packet's path differs only
 * by the hand-off between nodes (rpsCrossNode 400 cycles = 200 ns on CPU 0) and the stack work on
 * the remote CPU ((1500 + 25) × 0.25 = 381.25 cycles = 190.625 ns more): 390.625 ns in all.
 */
function scenario(extra: { irqCpu: number; rps?: string; nicNode?: number; costs?: Record<string, number> }): Record<string, unknown> {
  return {
    profile: "none",
    host: { cpus: 4, ghz: 2, topology: { sockets: 2, coresPerSocket: 2, threadsPerCore: 1, nicNode: extra.nicNode ?? 0 } },
    nics: [{ name: "eth0", queues: 1, ringSize: 8, ...(extra.rps === undefined ? {} : { rps: { cpus: extra.rps } }) }],
    irq: { policy: "explicit", affinity: [{ smp_affinity_list: String(extra.irqCpu) }] },
    traffic: { flows: 3, src: "192.0.2.0/24", dst: "10.0.0.1", size: 100, arrival: "constant", load: { pps: 100000 } },
    costs: { hardIrq: 1000, pollOverhead: 200, driverPerPacket: 300, stackPerPacket: 1500, perByte: 0.25, rpsEnqueue: 100, ipi: 500, ...extra.costs },
    run: { duration: "1ms", warmup: "0s" },
  };
}

describe("golden: a CPU of another NUMA node than the NIC's does more work per packet", () => {
  it("the packet work on a remote CPU costs numaRemotePercent more; fixed costs do not change", () => {
    const local = runPoint(scenario({ irqCpu: 0 }));
    const remote = runPoint(scenario({ irqCpu: 2 }));
    expect(local.latencyUs.p50).toBe(1.513);
    expect(remote.latencyUs).toMatchObject({ p50: 1.741, max: 1.741 });
    expect(remote.perQueue[0].cpu).toBe(2);
    expect(remote.delivered.packets).toBe(99);
  });

  it("costs nothing extra when the NIC's node is unknown, or with numaRemotePercent 0", () => {
    expect(runPoint(scenario({ irqCpu: 2, nicNode: -1 })).latencyUs.p50).toBe(1.513);
    expect(runPoint(scenario({ irqCpu: 2, costs: { numaRemotePercent: 0 } })).latencyUs.p50).toBe(1.513);
  });

  it("an RPS hand-off to another node adds rpsCrossNode on the steering CPU and the remote stack work", () => {
    const sameNode = runPoint(scenario({ irqCpu: 0, rps: "2" }));
    const otherNode = runPoint(scenario({ irqCpu: 0, rps: "4" }));
    expect(sameNode.perCpu[1].packets).toBe(99);
    expect(otherNode.perCpu[2].packets).toBe(99);
    // 390.625 ns more, each latency rounded to whole ns.
    const more = otherNode.latencyUs.p50 * 1000 - sameNode.latencyUs.p50 * 1000;
    expect(Math.abs(more - 390.625)).toBeLessThanOrEqual(1);
    // The steering CPU pays the 200 ns per hand-off: 99 × 200 ns more busy time in 1 ms.
    expect(otherNode.perCpu[0].utilization - sameNode.perCpu[0].utilization).toBeCloseTo((99 * 200) / 1e6, 4);
    // Without a known NIC node the hand-off still crosses nodes, the stack work is not remote.
    const unknown = runPoint(scenario({ irqCpu: 0, rps: "4", nicNode: -1 }));
    expect(Math.abs(unknown.latencyUs.p50 * 1000 - sameNode.latencyUs.p50 * 1000 - 200)).toBeLessThanOrEqual(1);
  });
});
