import { describe, expect, it } from "vitest";
import { reciprocalScale } from "../src/app/reuseport.js";
import { compilePlan } from "../src/engine/plan.js";
import { softwareFlowHashes } from "../src/rps/skb-hash.js";
import { deriveSeed } from "../src/traffic/prng.js";
import { runPoint, scenarioFrom } from "./engine-helpers.js";

/**
 * Golden: request/response on 2 combined queues (interrupts on CPUs 0 and 1), one thread on
 * CPU 2, one flow at a constant 100 kpps of 100-byte requests (99 in 1 ms), each alone. 2 GHz:
 *   stack on the rx queue's CPU (1000 + 200 + 300 + 1500 + 25) / 2 = 1512.5 ns, then on CPU 2
 *   wake 1000 / 2 = 500, recvmsg (2000 + 0.5 × 100) / 2 = 1025, sendmsg of a 100-byte reply
 *   (3000 + 0.5 × 100) / 2 = 1525: the reply reaches the driver 4562.5 ns after the request
 *   arrived (recorded as 4563).
 * The reply leaves by the tx queue XPS gives CPU 2 and its completion is reaped by that queue's
 * NAPI poll on its interrupt CPU: a hard IRQ 500 + poll 100 + completion 400 / 2 = 200 = 800 ns
 * per reply there (the rx poll of the same request ended long before: each reply raises the
 * interrupt again). So that CPU reaps 99 completions and takes 99 interrupts more.
 */
function scenario(xps: readonly string[] | undefined): Record<string, unknown> {
  return {
    profile: "none",
    host: { cpus: 4, ghz: 2 },
    nics: [{ name: "eth0", queues: 2, ringSize: 8, ...(xps === undefined ? {} : { xps }) }],
    irq: { policy: "round-robin" },
    traffic: { flows: 1, src: "192.0.2.7", dst: "10.0.0.1", size: 100, arrival: "constant", load: { pps: 100000 } },
    costs: { hardIrq: 1000, pollOverhead: 200, driverPerPacket: 300, stackPerPacket: 1500, perByte: 0.25, rpsEnqueue: 0, ipi: 0, txCompletion: 400 },
    app: { threads: "2", wake: 1000, recv: 2000, copyPerByte: 0.5, send: 3000, reply: { size: 100 } },
    run: { duration: "1ms", warmup: "0s" },
  };
}

function expectRepliesOn(txCpu: number, raw: Record<string, unknown>): void {
  const p = runPoint(raw);
  const rxCpu = p.perQueue.find((q) => q.packets > 0)?.cpu ?? -1;
  expect(p.app?.replies).toEqual({ pps: 99000, bps: 79200000, packets: 99 });
  expect(p.app?.responseUs).toEqual({ p50: 4.563, p90: 4.563, p99: 4.563, p999: 4.563, max: 4.563, mean: 4.563 });
  expect(p.perCpu[txCpu].txCompletions).toBe(99);
  expect(p.perCpu[1 - txCpu].txCompletions).toBe(0);
  expect(p.perCpu[txCpu].irqs).toBe(rxCpu === txCpu ? 198 : 99);
  // 99 × (800 ns of completions + the rx path's 1512.5 ns when the request came in on this CPU too).
  expect(p.perCpu[txCpu].utilization).toBe(rxCpu === txCpu ? 0.2289 : 0.0792);
}

describe("golden: a reply's completion is reaped on its tx queue's interrupt CPU, chosen by XPS", () => {
  it('xps_cpus tx-0 "4" (CPU 2): completions on CPU 0', () => expectRepliesOn(0, scenario(["4", "8"])));
  it('xps_cpus tx-1 "4": completions on CPU 1', () => expectRepliesOn(1, scenario(["8", "4"])));
  it("without XPS, the flow hash picks the tx queue (skb_tx_hash)", () => {
    const raw = scenario(undefined);
    // The point's only job runs with seed deriveSeed(run.seed, point 0, replication 0).
    const seed = deriveSeed(scenarioFrom(raw).run.seed, 0, 0);
    const plan = compilePlan(scenarioFrom(raw), seed);
    const queue = reciprocalScale(softwareFlowHashes(plan.flows, 17, seed)[0], 2);
    expect(plan.app?.flowTxQueue[0]).toBe(queue);
    expectRepliesOn(queue, raw);
  });
});
