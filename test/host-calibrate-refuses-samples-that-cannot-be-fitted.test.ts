import { describe, expect, it } from "vitest";
import { CalibrationRefusal, fitCosts, leastSquares } from "../src/host/index.js";
import type { Interval } from "../src/host/index.js";

/** An interval of two CPUs at `pps` each, with busy time from known costs (ns). */
function interval(pps: number, opts: { irqRatio?: (pps: number) => number; dropped?: number; squeezed?: number; seconds?: number } = {}): Interval {
  const seconds = opts.seconds ?? 10;
  const ratio = opts.irqRatio ?? ((p: number) => 1 / (1 + p / 20000));
  const cpus = [0, 1].map((cpu) => {
    const packets = pps * seconds;
    const interrupts = Math.round(packets * ratio(pps));
    const busyNs = interrupts * 1500 + packets * 900;
    return { cpu, busyNs, busyTicks: Math.floor(busyNs / 1e7), packets, interrupts, dropped: cpu === 1 ? (opts.dropped ?? 0) : 0, squeezed: cpu === 1 ? (opts.squeezed ?? 0) : 0 };
  });
  return { name: `snap-${pps} samples 0→1`, seconds, cpus, pps: 2 * pps, meanBytes: null };
}

describe("calibrate refuses what it cannot fit, saying what to measure", () => {
  it("fits clean samples (the control)", () => {
    const fit = fitCosts([10000, 20000, 40000, 80000].map((p) => interval(p)));
    expect(fit.nsPerPacket).toBeCloseTo(900, 6);
    expect(fit.nsPerInterrupt).toBeCloseTo(1500, 6);
    expect(fit.r2).toBeCloseTo(1, 9);
  });
  it("drops or time squeezes: the path was saturated", () => {
    const run = () => fitCosts([interval(10000), interval(20000, { dropped: 120, squeezed: 4 }), interval(40000)]);
    expect(run).toThrow(CalibrationRefusal);
    expect(run).toThrow("snap-20000 samples 0→1: CPU 1 dropped 120 and squeezed 4 times (softnet_stat columns 2 and 3): the receive path was saturated");
  });
  it("too little load for /proc/stat's ticks", () => {
    expect(() => fitCosts([interval(5, { seconds: 1 }), interval(20000), interval(40000)])).toThrow(/snap-5 samples 0→1: too little load: 0 ticks .* offer more packets or measure longer/);
  });
  it("too few distinct rates", () => {
    expect(() => fitCosts([interval(20000), interval(20500), interval(40000)])).toThrow(
      "only 2 distinct packet rates (40,000 pps, 80,000 pps); the fit needs at least 3 more than 10% apart: snapshot again with --measure at other offered rates",
    );
  });
  it("interrupts a fixed multiple of packets: one cost per packet, interrupts folded in", () => {
    const fit = fitCosts([10000, 20000, 40000].map((p) => interval(p, { irqRatio: () => 0.5 })));
    expect(fit.interruptsFolded).toBe(true);
    expect(fit.nsPerInterrupt).toBe(0);
    expect(fit.nsPerPacket).toBeCloseTo(900 + 0.5 * 1500, 6);
  });
  it("no intervals at all", () => {
    expect(() => fitCosts([])).toThrow(/take snapshots with --measure SECONDS/);
  });
});

describe("least squares", () => {
  it("recovers exact coefficients and reports R² 1, and null for a rank-deficient design", () => {
    const x = [[1, 2, 1], [2, 1, 1], [3, 5, 1], [4, 4, 1]];
    const y = x.map(([a, b, c]) => 3 * a + 7 * b + 11 * c);
    const fit = leastSquares(x, y);
    expect(fit?.coefficients.map((v) => Number(v.toFixed(9)))).toEqual([3, 7, 11]);
    expect(fit?.r2).toBeCloseTo(1, 12);
    expect(leastSquares([[1, 2], [2, 4], [3, 6]], [1, 2, 3])).toBeNull();
  });
});
