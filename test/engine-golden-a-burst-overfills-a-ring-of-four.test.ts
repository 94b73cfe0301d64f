import { describe, expect, it } from "vitest";
import { runJob } from "../src/engine/job.js";
import { ZERO_COSTS, runPoint, scenarioFrom } from "./engine-helpers.js";

/**
 * Golden: a ring of 4 descriptors meets 10 packets per 100 ns (constant arrivals, 10^8 pps: one
 * every 10 ns, the first at 10 ns) on a 1 GHz CPU that spends 200 ns in the hard IRQ and 40 ns on
 * each packet (everything else zero).
 *
 *   t = 10     p@10 enters the empty ring (1/4) and raises the IRQ; the CPU is in it until 210.
 *   t = 210    the CPU takes the 20 arrivals at 20..210: 3 fit (@20, @30, @40), 17 are dropped.
 *              It polls (0 ns) and starts p@10 (ring 3/4): done at 250.
 *   t = 250    4 arrivals (220..250): 1 fits, 3 dropped; p@20 starts (ring back to 3/4).
 *   t = 290 …  the same every 40 ns: 4 arrive, 1 fits, 3 dropped, 1 delivered.
 *
 * In 615 ns, 61 packets arrive (10..610). The CPU finishes 10 packets (at 250, 290, …, 610) and
 * starts an 11th; after each finish it admitted 1 of 4 arrivals. So:
 *   delivered 10; ring drops 17 + 3 × 10 = 47; accepted into the ring 4 + 10 = 14;
 *   in flight 14 − 10 = 4 (3 in the ring, 1 on the CPU); 10 + 47 + 4 = 61.
 *   Latencies: p@10 240, p@20 270, p@30 300, p@40 330; then p@220, p@260, p@300, …: a packet
 *   admitted at finish time T arrived at T − 30 and waits for the packet just started and the 2
 *   ahead of it, so it is done at T + 4 × 40: 190 ns each. Min 190, max 330,
 *   mean (240 + 270 + 300 + 330 + 6 × 190) / 10 = 228 ns.
 *   One IRQ (the queue stays masked while polled), one poll, 11 packets polled.
 */
function burst(duration: string): Record<string, unknown> {
  return {
    profile: "none",
    host: { cpus: 1, ghz: 1 },
    nics: [{ name: "eth0", queues: 1, ringSize: 4 }],
    traffic: { flows: 1, src: "192.0.2.1", dst: "10.0.0.1", arrival: "constant", load: { pps: 1e8 } },
    costs: { ...ZERO_COSTS, hardIrq: 200, stackPerPacket: 40 },
    run: { duration },
  };
}

describe("golden: a burst overfills a ring of four", () => {
  it("while the first IRQ runs, 3 of 20 arrivals fit and 17 are dropped (215 ns)", () => {
    // 21 arrivals (10..210); at 210 the CPU admits 3 and drops 17, then starts p@10, due at 250.
    const p = runPoint(burst("215ns"));
    expect(p.conservation).toEqual({ offered: 21, delivered: 0, dropped: 17, inFlight: 4, ok: true });
    expect(p.perQueue[0]).toMatchObject({ packets: 4, drops: 17 });
  });

  it("then 1 in 4 fits for every packet served (615 ns)", () => {
    const p = runPoint(burst("615ns"));
    expect(p.conservation).toEqual({ offered: 61, delivered: 10, dropped: 47, inFlight: 4, ok: true });
    expect(p.drops).toEqual({ rxRing: 47, backlog: 0, total: 47 });
    expect(p.perQueue[0]).toMatchObject({ packets: 14, drops: 47 });
    expect(p.perCpu[0]).toMatchObject({ irqs: 1, polls: 1, polled: 11, packets: 10 });
    expect(p.latencyUs).toMatchObject({ max: 0.33, mean: 0.228 });
    const job = runJob(scenarioFrom(burst("615ns")), 1);
    expect([job.latency.min, job.latency.max, job.latency.sum]).toEqual([190, 330, 2280]);
  });

  /**
   * Regression (see engine-conserves-packets-on-every-run): end the same burst at 205 ns, while the
   * CPU is still in the IRQ (until 210). The 19 packets arriving at 20..200 meet the ring at their
   * arrival: 3 fit (ring 4/4) and 16 are dropped, so the end state is 16 ring drops and 4 packets
   * in flight (all in the ring).
   */
  it("a run that ends inside the IRQ still drops what the full ring cannot take (205 ns)", () => {
    const p = runPoint(burst("205ns"));
    expect(p.conservation).toEqual({ offered: 20, delivered: 0, dropped: 16, inFlight: 4, ok: true });
    expect(p.perQueue[0]).toMatchObject({ packets: 4, drops: 16 });
  });
});
