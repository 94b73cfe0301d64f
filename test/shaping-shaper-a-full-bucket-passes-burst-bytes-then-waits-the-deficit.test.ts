import { describe, expect, it } from "vitest";
import { TokenBucketShaper, tbfProfile, transmitNs, transmitRate } from "../src/shaping/index.js";

/**
 * Hand-computed departures. At 8 Mbit/s one byte costs 8 bits / 8e6 bit/s = 1000 ns, so the
 * 3000-byte bucket holds 3,000,000 ns of tokens.
 */
describe("a full bucket passes exactly `burst` bytes back-to-back, then each packet waits its token deficit", () => {
  const profile = tbfProfile({ rateBps: 8e6, burstBytes: 3000, limitBytes: 100_000 });

  it("the bucket as time", () => {
    expect(profile.bucketNs).toBe(3_000_000);
    expect(profile.maxSizeBytes).toBe(3000);
  });

  it("three 1000-byte packets at t=0 leave at 0; the fourth waits 1000 B × 1000 ns = 1 ms", () => {
    const s = new TokenBucketShaper(profile);
    expect([s.enqueue(0, 1000), s.enqueue(0, 1000), s.enqueue(0, 1000)]).toEqual([0, 0, 0]);
    // Bucket empty: 1000 bytes of tokens take 1,000,000 ns to accrue.
    expect(s.enqueue(0, 1000)).toBe(1_000_000);
    // Behind it (FIFO), a 500-byte packet starts at 1,000,000 with 0 tokens: +500,000 ns.
    expect(s.enqueue(0, 500)).toBe(1_500_000);
    // At 2,000,000 the queue is empty and 500,000 ns of tokens have accrued since 1,500,000:
    // a 200-byte packet (200,000 ns) leaves at once, leaving 300,000 ns.
    expect(s.enqueue(2_000_000, 200)).toBe(2_000_000);
    // At 2,100,000: 300,000 + 100,000 = 400,000 ns of tokens; 1000 bytes need 1,000,000:
    // deficit 600,000 → leaves at 2,700,000.
    expect(s.enqueue(2_100_000, 1000)).toBe(2_700_000);
    const c = s.counterRecord();
    expect(c.accepted).toBe(7);
    expect(c.delayed).toBe(3); // the 4th, 5th and 7th packets
    expect(c.delayNs).toBe(1_000_000 + 1_500_000 + 600_000);
    expect(c.droppedLimit + c.droppedOversize).toBe(0);
  });

  it("exactly `burst` bytes in one packet passes; one byte more than the bucket holds waits 1000 ns", () => {
    const s = new TokenBucketShaper(profile);
    expect(s.enqueue(0, 3000)).toBe(0);
    expect(s.enqueue(0, 1)).toBe(1000);
  });

  it("tokens never exceed the bucket: after a long idle time only `burst` bytes pass at once", () => {
    const s = new TokenBucketShaper(profile);
    expect(s.enqueue(0, 3000)).toBe(0);
    const t = 1e9; // idle for 1 s: 333 buckets' worth of time, but the bucket caps at 3000 bytes
    expect([s.enqueue(t, 1500), s.enqueue(t, 1500)]).toEqual([t, t]);
    expect(s.enqueue(t, 100)).toBe(t + 100_000);
  });

  it("costs round down to whole ns, as the kernel's psched_l2t_ns does: 100 B at 3 Mbit/s = 266,666 ns", () => {
    const r = transmitRate(3e6, 0, 0);
    // 100 × 8e9 / 3e6 = 266,666.67
    expect(transmitNs(100, r.overhead, r.mpu, r.num, r.den)).toBe(266_666);
    const s = new TokenBucketShaper(tbfProfile({ rateBps: 3e6, burstBytes: 1500, limitBytes: 10_000 }));
    expect(s.enqueue(0, 1500)).toBe(0); // bucket = floor(1500 × 8e9 / 3e6) = 4,000,000 ns
    expect(s.enqueue(0, 100)).toBe(266_666);
    expect(s.enqueue(0, 100)).toBe(533_332);
  });

  it("overhead and mpu are charged: 40-byte packets with overhead 24 cost max(64, mpu 84) bytes", () => {
    const s = new TokenBucketShaper(tbfProfile({ rateBps: 8e6, burstBytes: 84, limitBytes: 10_000, overheadBytes: 24, mpuBytes: 84 }));
    // bucket = (84 + 24) bytes → 108,000 ns: the first 40-byte packet costs 84,000 ns.
    expect(s.enqueue(0, 40)).toBe(0);
    // 24,000 ns left; the next needs 84,000: waits 60,000.
    expect(s.enqueue(0, 40)).toBe(60_000);
    expect(s.enqueue(0, 40)).toBe(144_000);
  });
});
