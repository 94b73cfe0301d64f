import { describe, expect, it } from "vitest";
import { TokenBucketShaper, tbfProfile } from "../src/shaping/index.js";

/**
 * rate 8 Mbit/s (1000 ns/byte), burst 10,000 bytes (10 ms of tokens); peakrate 80 Mbit/s
 * (100 ns/byte), mtu 1000 (a 100,000-ns peak bucket). 1000-byte packets all arriving at t=0.
 */
describe("peakrate limits how fast a full bucket empties", () => {
  const params = { rateBps: 8e6, burstBytes: 10_000, limitBytes: 1_000_000 };

  it("without peakrate, the whole 10,000-byte bucket leaves at t=0", () => {
    const s = new TokenBucketShaper(tbfProfile(params));
    const out = Array.from({ length: 11 }, () => s.enqueue(0, 1000));
    expect(out).toEqual([...Array<number>(10).fill(0), 1_000_000]);
  });

  it("with peakrate, packets leave 100 µs apart; 11 pass at peak speed (tokens refill meanwhile), then one per ms", () => {
    const s = new TokenBucketShaper(tbfProfile({ ...params, peakrateBps: 80e6, mtuBytes: 1000 }));
    const out = Array.from({ length: 14 }, () => s.enqueue(0, 1000));
    // Packet k (k = 0..10) leaves at k × 100,000, when the rate bucket holds
    // 10,000,000 − (k + 1) × 1,000,000 + k × 100,000 = 9,000,000 − 900,000 k ≥ 0 ns after paying.
    // At k = 10 (t = 1 ms) both buckets are empty: packet 11 waits the rate deficit, 1 ms.
    const expected = [0, 100_000, 200_000, 300_000, 400_000, 500_000, 600_000, 700_000, 800_000, 900_000, 1_000_000, 2_000_000, 3_000_000, 4_000_000];
    expect(out).toEqual(expected);
  });

  it("peakrate must exceed rate and needs mtu (the kernel and tc refuse otherwise)", () => {
    expect(() => tbfProfile({ ...params, peakrateBps: 8e6, mtuBytes: 1000 })).toThrow(/must exceed rate/);
    expect(() => tbfProfile({ ...params, peakrateBps: 80e6 })).toThrow(/mtuBytes: is required/);
  });
});
