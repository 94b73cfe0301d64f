import { describe, expect, it } from "vitest";
import { matchesStepMachine, runPoint, scenarioFrom } from "./engine-helpers.js";

/**
 * Golden: interrupt coalescing (nics[].coalesce) at light load, with periodic arrivals, derived
 * by hand from the rule (include/uapi/linux/ethtool.h, struct ethtool_coalesce): an unmasked
 * queue interrupts rx-usecs after the first packet since it was unmasked, or when rx-frames
 * packets have arrived, whichever comes first.
 *
 * The scenario of engine-golden-an-idle-queue-serves-each-packet-alone: 2 GHz; hard IRQ 1000
 * cycles = 500 ns, poll 200 = 100 ns, per packet 300 + 1500 + 0.25 × 100 = 1825 cycles = 912.5 ns.
 * One packet every 10,000 ns, at 10,000·k ns for k = 1..99. Without coalescing each packet takes
 * 500 + 100 + 912.5 = 1512.5 ns (1.513 µs) and raises its own interrupt: 99 interrupts.
 */
function scenario(coalesce: Record<string, unknown>): Record<string, unknown> {
  return {
    profile: "none",
    host: { cpus: 2, ghz: 2 },
    nics: [{ name: "eth0", queues: 1, ringSize: 8, coalesce }],
    traffic: { flows: 3, src: "192.0.2.0/24", dst: "10.0.0.1", size: 100, arrival: "constant", load: { pps: 100000 } },
    costs: { hardIrq: 1000, pollOverhead: 200, driverPerPacket: 300, stackPerPacket: 1500, perByte: 0.25, rpsEnqueue: 0, ipi: 0 },
    run: { duration: "1ms", warmup: "0s" },
  };
}

describe("golden: coalescing trades latency for interrupts", () => {
  /**
   * rx-frames 4 with rx-usecs 1000 (a limit far beyond the group's 30 µs): the 4th packet of a
   * group raises the interrupt; the poll then
   * takes 600 + 4 × 912.5 = 4250 ns, done before the next arrival. 99 packets = 24 groups and 3
   * packets still waiting at the end (their timer, at 1,970,000, is past it): 24 interrupts = 96 / 4. Latencies in a group (the j-th
   * packet waits for the 4th's arrival, (4 − j) × 10,000 ns, then for the IRQ, the poll and the
   * first j packets, polled in arrival order): 30,000 + 600 + 912.5 = 31,512.5;
   * 20,000 + 600 + 1825 = 22,425; 10,000 + 600 + 2737.5 = 13,337.5; 600 + 3650 = 4250 —
   * mean 71,525 / 4 = 17,881.25 ns (1512.5 without coalescing).
   */
  it("rx-frames 4: one interrupt per 4 packets, the first of each group waits for the 4th", () => {
    const p = runPoint(scenario({ rxUsecs: 1000, rxFrames: 4 }));
    expect(p.conservation).toEqual({ offered: 99, delivered: 96, dropped: 0, inFlight: 3, ok: true });
    expect(p.perCpu[0].irqs).toBe(24);
    expect(p.perCpu[0].polls).toBe(24);
    expect(p.latencyUs?.max).toBe(31.513);
    expect(p.latencyUs?.mean).toBeCloseTo(17.881, 2);
    // Busy: 24 × (600 + 4 × 912.5) = 102,000 ns of 10^6.
    expect(p.perCpu[0].utilization).toBe(0.102);
  });

  /**
   * rx-usecs 25, no packet limit: the first packet of a window arms a 25,000 ns timer; the 2nd
   * and 3rd arrive before it (+10,000, +20,000), the 4th after (+30,000). The interrupt at +25,000
   * polls 3 packets (600 + 3 × 912.5 = 3337.5 ns). 99 packets = 33 windows, the last one's timer
   * at 995,000 < 10^6: 33 interrupts, one per rx-usecs window. Latencies: 25,000 + 600 + 912.5 =
   * 26,512.5; 15,000 + 600 + 1825 = 17,425; 5,000 + 600 + 2737.5 = 8,337.5 — mean 17,425 ns:
   * each packet waits rx-usecs less the time since its window's first packet. (The p50 is the
   * histogram's bucket of 17,425 ns: within 0.1 %.)
   */
  it("rx-usecs 25: one interrupt per 25 µs window, packets wait out the rest of the window", () => {
    const p = runPoint(scenario({ rxUsecs: 25, rxFrames: 0 }));
    expect(p.conservation).toEqual({ offered: 99, delivered: 99, dropped: 0, inFlight: 0, ok: true });
    expect(p.perCpu[0].irqs).toBe(33);
    expect(p.latencyUs?.max).toBe(26.513);
    expect(p.latencyUs?.p50).toBeCloseTo(17.425, 1);
    expect(p.latencyUs?.mean).toBeCloseTo(17.425, 2);
  });

  /**
   * rx-usecs 25 and rx-frames 2: whichever first — the 2nd packet (+10,000) comes before the
   * timer (+25,000). 99 packets = 49 pairs and one left (its timer, at 1,015,000, is past the
   * end): 49 interrupts. Latencies 10,000 + 600 + 912.5 = 11,512.5 and 600 + 1825 = 2425.
   */
  it("rx-usecs 25 with rx-frames 2: the frame limit comes first", () => {
    const p = runPoint(scenario({ rxUsecs: 25, rxFrames: 2 }));
    expect(p.conservation).toEqual({ offered: 99, delivered: 98, dropped: 0, inFlight: 1, ok: true });
    expect(p.perCpu[0].irqs).toBe(49);
    expect(p.latencyUs?.max).toBe(11.513);
  });

  /**
   * rx-usecs 15 and rx-frames 3: the timer comes first — the 2nd packet (+10,000) counts 2, the
   * timer fires at +15,000, before the 3rd (+20,000), which opens the next window. 99 packets =
   * 49 pairs and one left (its timer, at 1,005,000, is past the end): 49 interrupts. Latencies
   * 15,000 + 600 + 912.5 = 16,512.5 and 5,000 + 600 + 1825 = 7425.
   */
  it("rx-usecs 15 with rx-frames 3: the timer comes first", () => {
    const p = runPoint(scenario({ rxUsecs: 15, rxFrames: 3 }));
    expect(p.conservation).toEqual({ offered: 99, delivered: 98, dropped: 0, inFlight: 1, ok: true });
    expect(p.perCpu[0].irqs).toBe(49);
    expect(p.latencyUs?.max).toBe(16.513);
  });

  /**
   * napi_defer_hard_irqs 2, gro_flush_timeout 2,000 ns, no coalescing: each packet raises an
   * interrupt and is done at +1512.5; that poll found work, so the interrupt stays masked and the
   * timer repolls at +3512.5 (500 + 100 ns: an empty poll), again at +6112.5 (the 2nd empty
   * poll), after which the interrupt is unmasked (napi_complete_done). Per packet: 1 interrupt, 3
   * polls, busy 1512.5 + 2 × 600 = 2712.5 ns; latency unchanged. Busy 99 × 2712.5 = 268,537.5 ns.
   */
  it("deferred interrupts: up to napi_defer_hard_irqs empty polls, then the interrupt is unmasked", () => {
    const p = runPoint(scenario({ deferHardIrqs: 2, groFlushTimeoutNs: 2000 }));
    expect(p.conservation).toEqual({ offered: 99, delivered: 99, dropped: 0, inFlight: 0, ok: true });
    expect(p.perCpu[0].irqs).toBe(99);
    expect(p.perCpu[0].polls).toBe(297);
    expect(p.latencyUs?.max).toBe(1.513);
    expect(p.perCpu[0].utilization).toBe(0.2685);
  });

  it("rx-usecs 0 (the default) and rx-frames 1 are no coalescing: 99 interrupts, 1.513 µs each", () => {
    for (const c of [{}, { rxUsecs: 0, rxFrames: 0 }, { rxUsecs: 0, rxFrames: 1 }, { rxUsecs: 50, rxFrames: 1 }]) {
      const p = runPoint(scenario(c));
      expect(p.perCpu[0].irqs).toBe(99);
      expect(p.latencyUs?.max).toBe(1.513);
    }
  });

  it("refuses adaptive-rx (net DIM is not modelled) and a frame limit without rx-usecs, with one line each", () => {
    expect(() => scenarioFrom(scenario({ adaptiveRx: true }))).toThrow(
      "nics[0].coalesce.adaptiveRx: true is not modelled (net DIM retunes rx-usecs/rx-frames from measured rates); set it false and give the rxUsecs and rxFrames `ethtool -c` shows",
    );
    expect(() => scenarioFrom(scenario({ rxUsecs: 0, rxFrames: 8 }))).toThrow(
      "nics[0].coalesce.rxFrames: 8 with rxUsecs 0 is not modelled (ethtool.h reads it as a frame limit alone, timer-only drivers as no coalescing); give rxUsecs > 0, or rxFrames 0 for none",
    );
  });

  it("the step machine's fast inner loop gives the oracle's results with each setting", () => {
    for (const c of [{ rxFrames: 4, rxUsecs: 1000 }, { rxUsecs: 25, rxFrames: 0 }, { rxUsecs: 25, rxFrames: 2 }, { rxUsecs: 15, rxFrames: 3 }, { deferHardIrqs: 2, groFlushTimeoutNs: 2000 }]) {
      expect(matchesStepMachine(scenarioFrom(scenario(c)), 1)).toBe(true);
    }
  });
});
