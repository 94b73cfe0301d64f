import { describe, expect, it } from "vitest";
import { GOING_LEFT, GOING_RIGHT, NetDim, PARKING_ON_TOP } from "../src/engine/net-dim.js";
import { matchesStepMachine, runPoint, scenarioFrom } from "./engine-helpers.js";

/**
 * adaptive-rx: net DIM's rules (lib/dim/net_dim.c net_dim, net_dim_decision, net_dim_step,
 * net_dim_stats_compare; lib/dim/dim.c), first on hand-made samples, then in the engine with
 * periodic arrivals, every expected value derived by hand from those rules.
 *
 * A decision needs DIM_NEVENTS = 64 interrupts since the window's start sample; rates per ms are
 * rounded up; "significant" is more than 10 %; bytes per ms decide first, then packets per ms,
 * then interrupts per ms (fewer is better). The state starts zeroed: parking on top, profile 0,
 * no previous rates — so the first decision always finds "better" and steps right.
 */

/** Feed queue 0 one window: `events` interrupts, `pkts` packets of 100 bytes over `us` µs; returns the new rx-usecs or null. */
function windowOf(dim: NetDim, at: { t: number }, events: number, pkts: number, us: number): number | null {
  dim.events[0] += events;
  dim.pkts[0] += pkts;
  dim.bytes[0] += pkts * 100;
  at.t += us * 1000;
  return dim.sample(0, at.t)?.usec ?? null;
}

describe("net DIM on hand-made windows (EQE table: 1, 8, 64, 128, 256 µs)", () => {
  it("steps right while the rates improve, turns on a drop, parks on top after coming back one step, leaves on a change", () => {
    const dim = new NetDim(["eqe"]);
    const at = { t: 0 };
    expect(dim.sample(0, 0)).toBeNull(); // DIM_START_MEASURE: the window's start sample
    // 63 interrupts: no decision yet, and the window keeps its start.
    expect(windowOf(dim, at, 63, 6300, 990)).toBeNull();
    // 64th: 6400 packets in 1000 µs: 6400 ppms, 640,000 bpms, 64 epms, against nothing: better,
    // so DIM leaves "parking on top" going right: profile 1 (8 µs).
    expect(windowOf(dim, at, 1, 100, 10)).toBe(8);
    expect(dim.tuneState[0]).toBe(GOING_RIGHT);
    // The new profile applied, the next call opens a window (DIM_START_MEASURE).
    expect(dim.sample(0, at.t)).toBeNull();
    // Same bytes and packets per ms, half the interrupts per ms (32 < 64): better, right again: 64 µs.
    expect(windowOf(dim, at, 64, 12800, 2000)).toBe(64);
    dim.sample(0, at.t);
    // The rate halves (320,000 bpms against 640,000): worse, DIM turns left: back to 8 µs.
    expect(windowOf(dim, at, 64, 6400, 2000)).toBe(8);
    expect(dim.tuneState[0]).toBe(GOING_LEFT);
    dim.sample(0, at.t);
    // 400,000 bpms (+25 %): better; having gone right twice and left once, DIM is on top: it
    // parks at 8 µs (no change) and this same call opens the next window.
    expect(windowOf(dim, at, 64, 8000, 2000)).toBeNull();
    expect(dim.tuneState[0]).toBe(PARKING_ON_TOP);
    // Parked: the same rates keep it there...
    expect(windowOf(dim, at, 64, 8000, 2000)).toBeNull();
    expect(windowOf(dim, at, 64, 8400, 2000)).toBeNull(); // +5 %: not significant
    // ...a significant change (+50 % on the rates it parked with) sends it away from the edge
    // it is off: left, to 1 µs.
    expect(windowOf(dim, at, 64, 12000, 2000)).toBe(1);
    expect(dim.tuneState[0]).toBe(GOING_LEFT);
  });

  it("a window of 0 µs makes no decision (dim_calc_stats), nor does one without traffic; queues without adaptive-rx never change", () => {
    const dim = new NetDim(["cqe", null]);
    dim.sample(0, 5000);
    dim.events[0] += 64;
    dim.pkts[0] += 10;
    dim.bytes[0] += 1000;
    expect(dim.sample(0, 5400)).toBeNull(); // 0.4 µs: ktime_us_delta 0
    expect(dim.sample(0, 6000)?.usec).toBe(8); // CQE profile 1: 8 µs, 128 frames
    // No bytes nor packets against a previous window without any: "same", DIM stays parked.
    const idle = new NetDim(["eqe"]);
    idle.sample(0, 0);
    idle.events[0] += 64;
    expect(idle.sample(0, 1e6)).toBeNull();
    expect(idle.tuneState[0]).toBe(PARKING_ON_TOP);
    dim.events[1] += 1000;
    expect(dim.sample(1, 1e9)).toBeNull();
  });
});

/**
 * In the engine: the scenario of the coalescing golden (2 GHz; hard IRQ 500 ns, poll 100 ns, per
 * packet 912.5 ns: a packet alone takes 1512.5 ns), one queue, 100-byte packets every g ns from
 * g. DIM samples at each completed poll, with the queue's interrupt count.
 */
function scenario(pps: number, duration: string, coalesce: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    profile: "none",
    host: { cpus: 2, ghz: 2 },
    nics: [{ name: "eth0", queues: 1, ringSize: 512, coalesce: { adaptiveRx: true, ...coalesce } }],
    traffic: { flows: 3, src: "192.0.2.0/24", dst: "10.0.0.1", size: 100, arrival: "constant", load: { pps } },
    costs: { hardIrq: 1000, pollOverhead: 200, driverPerPacket: 300, stackPerPacket: 1500, perByte: 0.25, rpsEnqueue: 0, ipi: 0 },
    run: { duration, warmup: "0s" },
  };
}

describe("net DIM in the engine (EQE table, the default for virtio-net)", () => {
  /**
   * g = 10 µs, more than 8 µs: whatever DIM picks (1 or 8 µs), every packet gets its own
   * interrupt and poll, so every window has the same rates and DIM can never find "better".
   * Completion k (of packet k, at 10,000·k) comes 1512.5 ns after it with rx-usecs 0 (the
   * configured value, until DIM's first change), 2512.5 with 1 µs, 9512.5 with 8 µs.
   * - Completion 1 opens the first window; completion 65 (64 interrupts later) decides: better
   *   than nothing, right to profile 1 (8 µs), at 650,000 + 1512.5.
   * - Completion 66 opens the next window; 130 decides: same, so DIM turns left, to profile 0
   *   (1 µs), at 1,300,000 + 9512.5. Then 195: same, turn right to 8 µs, at 1,950,000 + 2512.5.
   * - It swings so every 65 completions, each step adding one to `tired`, until the 10th change
   *   (completion 650, tired = 10 = 2 × 5 profiles). At completion 715 net_dim_step is "too
   *   tired": DIM parks at 1 µs for 10 windows (the same call opens the first of them), to leave
   *   at completion 715 + 640 = 1355 — after this 10 ms run (999 packets).
   */
  it("a rate it cannot improve: swings between 8 and 1 µs ten times, then parks tired", () => {
    const p = runPoint(scenario(100_000, "10ms"));
    const changes = p.adaptiveRx?.changes ?? [];
    const expected = Array.from({ length: 10 }, (_, i) => {
      const k = i + 1;
      const under = k === 1 ? 1512.5 : k % 2 === 1 ? 2512.5 : 9512.5; // the profile in force during the window
      return { timeNs: 650_000 * k + under, rxUsecs: k % 2 === 1 ? 8 : 1, profile: k % 2 };
    });
    expect(changes.map((c) => ({ timeNs: c.timeNs, rxUsecs: c.rxUsecs, profile: c.profile }))).toEqual(expected);
    expect(changes.every((c) => c.rxFrames === 256)).toBe(true);
    // One interrupt per packet throughout: the 999 packets all delivered, 999 interrupts.
    expect(p.perCpu[0].irqs).toBe(999);
    expect(p.conservation.delivered).toBe(999);
  });

  /**
   * g = 2 µs: at rx-usecs 0 each packet (1512.5 ns of work) still gets its own interrupt, and
   * completion 65 decides at 130,000 + 1512.5: right to 8 µs. From then on each longer timer
   * gathers more packets per interrupt: the same bytes and packets per ms with fewer interrupts
   * per ms (at most 1000 / rx-usecs) is "better", so DIM keeps stepping right — 64, 128, then 256
   * µs (128 packets per window, under the 256-frame limit). At the right edge net_dim_step finds
   * no further profile: DIM parks on top at 256 µs, and with a steady rate stays there.
   */
  it("a steady rate that coalescing helps: steps right to the last profile and parks there", () => {
    const p = runPoint(scenario(500_000, "60ms"));
    const changes = p.adaptiveRx?.changes ?? [];
    expect(changes.map((c) => c.rxUsecs)).toEqual([8, 64, 128, 256]);
    expect(changes[0].timeNs).toBe(131_512.5);
    expect(p.conservation.ok).toBe(true);
  });

  it("CQE table (mlx5's default): profile 1 is 8 µs with 128 frames", () => {
    const p = runPoint({ ...scenario(100_000, "1ms"), nics: [{ name: "eth0", queues: 1, ringSize: 512, driver: "mlx5", coalesce: { adaptiveRx: true } }] });
    expect(p.adaptiveRx?.changes.map((c) => [c.rxUsecs, c.rxFrames])).toEqual([[8, 128]]);
  });

  it("the step machine's fast paths give the oracle's results with adaptive-rx", () => {
    for (const c of [{}, { rxUsecs: 25, rxFrames: 0 }, { dimProfiles: "cqe" }, { deferHardIrqs: 2, groFlushTimeoutNs: 2000 }]) {
      expect(matchesStepMachine(scenarioFrom(scenario(500_000, "2ms", c)), 1)).toBe(true);
    }
  });
});
