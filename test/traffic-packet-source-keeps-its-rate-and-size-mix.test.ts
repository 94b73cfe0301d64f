import { describe, expect, it } from "vitest";
import { PacketSource, meanSize, offeredPps } from "../src/traffic/packet-source.js";
import { chiSquare, chiSquareCritical, probabilities, trafficOf } from "./traffic-helpers.js";

/**
 * The packet source emits the configured rate (Poisson or constant) over a long run, converts an
 * Mbps load through the mean frame size, and draws sizes and flows with their weights.
 */

interface Emitted {
  readonly time: Float64Array;
  readonly flow: Int32Array;
  readonly len: Uint16Array;
  readonly n: number;
}

/** Everything `source` emits before `endNs`, through `fill` in chunks, one bucket for all flows. */
function drain(source: PacketSource, flows: number, endNs: number, capacity: number): Emitted {
  const time = new Float64Array(capacity);
  const flow = new Int32Array(capacity);
  const len = new Uint16Array(capacity);
  const bucketOf = new Uint16Array(flows);
  const bucketEnd = new Int32Array(1);
  const chunk = 8192;
  let n = 0;
  for (;;) {
    bucketEnd[0] = n;
    const got = source.fill(time, flow, len, bucketOf, bucketEnd, Math.min(chunk, capacity - n), endNs);
    expect(bucketEnd[0]).toBe(n + got);
    n += got;
    if (got < chunk || n === capacity) break;
  }
  return { time, flow, len, n };
}

function counts(values: ArrayLike<number>, n: number, keys: readonly number[]): number[] {
  const c = new Array<number>(keys.length).fill(0);
  for (let i = 0; i < n; i++) c[keys.indexOf(values[i])]++;
  return c;
}

describe("the packet source keeps its rate and size mix", () => {
  it("Poisson: 10^6 pps for 1 s gives 10^6 packets within 1%, in time order, gaps with mean and sd 1 µs", () => {
    const traffic = trafficOf({ flows: 10, src: "192.0.2.0/24", dst: "10.0.0.1", arrival: "poisson", load: { pps: 1e6 } });
    const { time, n } = drain(new PacketSource(traffic, 1), 10, 1e9, 1_100_000);
    expect(Math.abs(n / 1e6 - 1)).toBeLessThan(0.01);
    let unordered = 0;
    let sum = 0;
    let ss = 0;
    for (let i = 1; i < n; i++) {
      const gap = time[i] - time[i - 1];
      if (!(gap >= 0)) unordered++;
      sum += gap;
      ss += gap * gap;
    }
    expect(unordered).toBe(0);
    expect(time[n - 1]).toBeLessThan(1e9);
    const mean = sum / (n - 1);
    const sd = Math.sqrt(ss / (n - 1) - mean * mean);
    expect(Math.abs(mean / 1000 - 1)).toBeLessThan(0.01);
    expect(Math.abs(sd / 1000 - 1)).toBeLessThan(0.01); // exponential gaps: sd = mean
  });

  it("constant: 10^6 pps for 1 s gives 999,999 packets, exactly 1 µs apart from 1 µs on", () => {
    const traffic = trafficOf({ flows: 10, src: "192.0.2.0/24", dst: "10.0.0.1", arrival: "constant", load: { pps: 1e6 } });
    const { time, n } = drain(new PacketSource(traffic, 1), 10, 1e9, 1_100_000);
    // Arrivals at 1000·k ns for k = 1.. while < 10^9.
    expect(n).toBe(999_999);
    let off = 0;
    for (let i = 0; i < n; i++) if (time[i] !== 1000 * (i + 1)) off++;
    expect(off).toBe(0);
  });

  it("an Mbps load converts through the mean IMIX size, 354.33 bytes", () => {
    const traffic = trafficOf({ flows: 10, src: "192.0.2.0/24", dst: "10.0.0.1", size: "imix", load: { mbps: 1000 } });
    expect(meanSize(traffic.size)).toBeCloseTo(4252 / 12, 10); // (7·64 + 4·576 + 1500) / 12
    expect(meanSize(traffic.size).toFixed(2)).toBe("354.33");
    const pps = offeredPps(traffic);
    expect(pps).toBeCloseTo(1e9 / (8 * (4252 / 12)), 6); // ≈ 352,775 pps
    const { len, n } = drain(new PacketSource(traffic, 2), 10, 1e9, 400_000);
    expect(Math.abs(n / pps - 1)).toBeLessThan(0.01);
    let bytes = 0;
    for (let i = 0; i < n; i++) bytes += len[i];
    expect(Math.abs((bytes * 8) / 1e9 - 1)).toBeLessThan(0.01); // 1000 Mbit in 1 s
  });

  it("IMIX sizes come 7:4:1 (chi-square)", () => {
    const traffic = trafficOf({ flows: 10, src: "192.0.2.0/24", dst: "10.0.0.1", size: "imix", load: { pps: 1e6 } });
    const { len, n } = drain(new PacketSource(traffic, 3), 10, 1e9, 1_100_000);
    expect(chiSquare(counts(len, n, [64, 576, 1500]), probabilities([7, 4, 1]))).toBeLessThan(chiSquareCritical(2));
  });

  it("uniform and Zipf flow weights (chi-square)", () => {
    const uniform = trafficOf({ flows: 50, src: "192.0.2.0/24", dst: "10.0.0.1", load: { pps: 1e6 } });
    const u = drain(new PacketSource(uniform, 4), 50, 2e8, 300_000);
    const keys = Array.from({ length: 50 }, (_, i) => i);
    expect(chiSquare(counts(u.flow, u.n, keys), keys.map(() => 1 / 50))).toBeLessThan(chiSquareCritical(49));
    const zipf = trafficOf({ flows: 50, src: "192.0.2.0/24", dst: "10.0.0.1", weights: { zipf: 1 }, load: { pps: 1e6 } });
    const z = drain(new PacketSource(zipf, 5), 50, 2e8, 300_000);
    expect(chiSquare(counts(z.flow, z.n, keys), probabilities(keys.map((k) => 1 / (k + 1))))).toBeLessThan(chiSquareCritical(49));
  });

  /**
   * Regression (see traffic-alias-table-draws-in-proportion-to-weights): a 2-size weighted mix
   * must come 3:1, not 50:50.
   */
  it("a weighted mix of two sizes comes 3:1", () => {
    const traffic = trafficOf({ flows: 10, src: "192.0.2.0/24", dst: "10.0.0.1", size: { bytes: [64, 1500], weights: [3, 1] }, load: { pps: 1e6 } });
    const { len, n } = drain(new PacketSource(traffic, 6), 10, 2e8, 300_000);
    expect(chiSquare(counts(len, n, [64, 1500]), [0.75, 0.25])).toBeLessThan(chiSquareCritical(1));
  });
});
