import { describe, expect, it } from "vitest";
import { TokenBucketShaper, tbfProfile, type TbfParams } from "../src/shaping/index.js";
import { Prng } from "../src/traffic/prng.js";

/**
 * A tbf offered Poisson traffic at twice its rate stays backlogged, so in the long run it sends at
 * exactly `rate` (in charged bytes: length + overhead, at least mpu) and drops the rest at `limit`.
 */
describe("a saturated shaper sends at its configured rate", () => {
  const SIZES = [64, 576, 1500];

  interface Run {
    rateBps: number;
    offered: number;
    accepted: number;
    dropped: number;
    offeredBytes: number;
    droppedBytes: number;
  }

  function run(params: TbfParams, seed: number): Run {
    const shaper = new TokenBucketShaper(tbfProfile(params));
    const rng = new Prng(seed, 7);
    const overhead = params.overheadBytes ?? 0;
    const mpu = params.mpuBytes ?? 0;
    const charged = (len: number): number => Math.max(len + overhead, mpu);
    const meanCharged = SIZES.reduce((s, len) => s + charged(len), 0) / SIZES.length;
    const pps = (2 * params.rateBps) / (8 * meanCharged);
    const meanGapNs = 1e9 / pps;
    const endNs = 3e9;
    const fromNs = 0.5e9; // skip the initial full bucket
    const toNs = 2.5e9; // arrivals continue to endNs, so the queue is never empty in the window
    let t = 0;
    let offered = 0;
    let offeredBytes = 0;
    let bytesInWindow = 0;
    while (t < endNs) {
      const len = SIZES[rng.nextBelow(SIZES.length)];
      const d = shaper.enqueue(t, len);
      offered++;
      offeredBytes += len;
      if (d > fromNs && d <= toNs) bytesInWindow += charged(len);
      t += rng.nextExp() * meanGapNs;
    }
    const c = shaper.counterRecord();
    return {
      rateBps: (bytesInWindow * 8 * 1e9) / (toNs - fromNs),
      offered,
      accepted: c.accepted,
      dropped: c.droppedLimit + c.droppedOversize,
      offeredBytes,
      droppedBytes: c.droppedBytes,
    };
  }

  it("150 Mbit/s (53⅓ ns per byte: costs round down), IMIX-like sizes, 20 ms latency", () => {
    const rateBps = 150e6;
    const r = run({ rateBps, burstBytes: 20_000, latencyNs: 20e6 }, 1);
    expect(Math.abs(r.rateBps / rateBps - 1)).toBeLessThan(0.005);
    expect(r.accepted + r.dropped).toBe(r.offered);
    // Offered at 2x: about half the bytes are dropped (more large packets than small ones, as a
    // small packet fits under the limit more often).
    expect(r.droppedBytes / r.offeredBytes).toBeGreaterThan(0.45);
    expect(r.droppedBytes / r.offeredBytes).toBeLessThan(0.55);
  });

  it("5 Mbit/s with overhead 24 and mpu 84 (Ethernet wire framing): the rate holds in charged bytes", () => {
    const rateBps = 5e6;
    const r = run({ rateBps, burstBytes: 3000, limitBytes: 30_000, overheadBytes: 24, mpuBytes: 84 }, 2);
    expect(Math.abs(r.rateBps / rateBps - 1)).toBeLessThan(0.005);
    expect(r.accepted + r.dropped).toBe(r.offered);
  });

  it("200 Mbit/s with a peak bucket (peakrate 1 Gbit/s, mtu 1514): peakrate changes bursts, not the long-run rate", () => {
    const rateBps = 200e6;
    const r = run({ rateBps, burstBytes: 25_000, latencyNs: 10e6, peakrateBps: 1e9, mtuBytes: 1514 }, 3);
    expect(Math.abs(r.rateBps / rateBps - 1)).toBeLessThan(0.005);
  });
});
