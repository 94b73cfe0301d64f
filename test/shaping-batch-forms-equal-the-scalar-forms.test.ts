import { describe, expect, it } from "vitest";
import { Policer, SHAPER_ACCEPTED, TokenBucketShaper, policerProfile, tbfProfile } from "../src/shaping/index.js";
import { Prng } from "../src/traffic/prng.js";

/** The column passes give what calling the scalar form packet by packet gives, counters included. */
describe("the batch forms (and offer) equal the scalar forms", () => {
  const N = 20_000;
  const rng = new Prng(42, 1);
  const time = new Float64Array(N);
  const len = new Uint16Array(N);
  let t = 0;
  for (let i = 0; i < N; i++) {
    time[i] = t;
    len[i] = [60, 64, 576, 1500, 1514, 2000][rng.nextBelow(6)];
    t += rng.nextExp() * 20_000; // 50 kpps of mean ~950 B ≈ 380 Mbit/s against 100-200 Mbit/s caps
  }

  it("shaper: departures and counters", () => {
    const profile = tbfProfile({ rateBps: 200e6, burstBytes: 1514, latencyNs: 5e6, peakrateBps: 1e9, mtuBytes: 1514 });
    const scalar = new TokenBucketShaper(profile);
    const batch = new TokenBucketShaper(profile);
    const expected = Array.from(time, (ti, i) => scalar.enqueue(ti, len[i]));
    const out = new Float64Array(N);
    let accepted = 0;
    for (let lo = 0; lo < N; lo += 256) {
      const n = Math.min(256, N - lo);
      accepted += batch.enqueueBatch(time.subarray(lo, lo + n), len.subarray(lo, lo + n), n, out.subarray(lo, lo + n));
    }
    expect(Array.from(out)).toEqual(expected);
    expect(accepted).toBe(expected.filter((d) => d >= 0).length);
    expect(batch.counterRecord()).toEqual(scalar.counterRecord());
    // offer: the verdict, with the departure in lastDepartureNs.
    const viaOffer = new TokenBucketShaper(profile);
    const offered = Array.from(time, (ti, i) => {
      const verdict = viaOffer.offer(ti, len[i]);
      return verdict === SHAPER_ACCEPTED ? viaOffer.lastDepartureNs : verdict;
    });
    expect(offered).toEqual(expected);
    expect(viaOffer.counterRecord()).toEqual(scalar.counterRecord());
    // All three outcomes occur in this run.
    const c = scalar.counterRecord();
    expect(c.droppedOversize).toBeGreaterThan(0);
    expect(c.droppedLimit).toBeGreaterThan(0);
    expect(c.delayed).toBeGreaterThan(0);
    // Departures are in arrival order (FIFO) and never before arrival.
    let last = 0;
    for (let i = 0; i < N; i++) {
      if (expected[i] < 0) continue;
      expect(expected[i]).toBeGreaterThanOrEqual(Math.max(time[i], last));
      last = expected[i];
    }
  });

  it("policer: verdicts and counters", () => {
    const profile = policerProfile({ rateBps: 100e6, burstBytes: 12_500, exceed: "drop" });
    const scalar = new Policer(profile);
    const batch = new Policer(profile);
    const expected = Array.from(time, (ti, i): number => (scalar.check(ti, len[i]) === 0 ? 1 : 0));
    const pass = new Uint8Array(N);
    expect(batch.checkBatch(time, len, N, pass)).toBe(expected.reduce((a, b) => a + b, 0));
    expect(Array.from(pass)).toEqual(expected);
    expect(batch.counterRecord()).toEqual(scalar.counterRecord());
    const c = scalar.counterRecord();
    expect(c.conform).toBeGreaterThan(0);
    expect(c.exceed).toBeGreaterThan(0);
  });
});
