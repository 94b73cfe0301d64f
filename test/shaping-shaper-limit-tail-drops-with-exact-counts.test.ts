import { describe, expect, it } from "vitest";
import { SHAPER_DROPPED_LIMIT, TokenBucketShaper, tbfProfile, tbfLimitFromLatency } from "../src/shaping/index.js";

/**
 * The bfifo of `limit` bytes: a packet is tail-dropped when the bytes still waiting plus its own
 * exceed the limit. 8 Mbit/s: 1000 ns per byte.
 */
describe("the shaper's queue tail-drops at `limit` bytes", () => {
  it("burst 1000, limit 2500, ten 1000-byte packets at t=0: 3 accepted, 7 dropped", () => {
    const s = new TokenBucketShaper(tbfProfile({ rateBps: 8e6, burstBytes: 1000, limitBytes: 2500 }));
    const out = Array.from({ length: 10 }, () => s.enqueue(0, 1000));
    // #1 leaves at once (it never waits); #2 and #3 wait (1000 + 1000 ≤ 2500); #4 would make 3000.
    expect(out).toEqual([0, 1_000_000, 2_000_000, ...Array<number>(7).fill(SHAPER_DROPPED_LIMIT)]);
    expect(s.backlogBytes(0)).toBe(2000);
    const c = s.counterRecord();
    expect(c.accepted).toBe(3);
    expect(c.droppedLimit).toBe(7);
    expect(c.droppedBytes).toBe(7000);
    expect(c.peakBacklogBytes).toBe(2000);
    expect(c.ringFull).toBe(0);
  });

  it("a packet that departs at exactly `now` has left: the backlog counts only later departures", () => {
    const s = new TokenBucketShaper(tbfProfile({ rateBps: 8e6, burstBytes: 1000, limitBytes: 2500 }));
    for (let i = 0; i < 3; i++) s.enqueue(0, 1000); // departures 0, 1e6, 2e6
    // At 1,000,000 the second packet leaves; the third (1000 bytes) still waits.
    expect(s.backlogBytes(1_000_000)).toBe(1000);
    expect(s.enqueue(1_000_000, 1000)).toBe(3_000_000); // 1000 + 1000 ≤ 2500
    // Backlog 2000: a 500-byte packet fits exactly (2500 ≤ 2500), a 1-byte one then does not.
    expect(s.enqueue(1_000_000, 500)).toBe(3_500_000);
    expect(s.enqueue(1_000_000, 1)).toBe(SHAPER_DROPPED_LIMIT);
    expect(s.queuedPackets).toBe(3);
    // Long after: empty again.
    expect(s.backlogBytes(10_000_000)).toBe(0);
    expect(s.counterRecord().droppedLimit).toBe(1);
  });

  it("a packet larger than `limit` is dropped even when tokens are there (it must enter the bfifo first)", () => {
    const s = new TokenBucketShaper(tbfProfile({ rateBps: 8e6, burstBytes: 1500, limitBytes: 1000 }));
    expect(s.enqueue(0, 1001)).toBe(SHAPER_DROPPED_LIMIT);
    expect(s.enqueue(0, 1000)).toBe(0);
  });

  it("packets shorter than minPacketBytes can fill the ring first: tail-dropped and counted as ringFull", () => {
    // limit 1000 / minPacketBytes 500 → 3 slots needed → a ring of 4. The bucket passes ten
    // 10-byte packets at t=0; the next four wait in the ring; the fifteenth finds it full.
    const s = new TokenBucketShaper(tbfProfile({ rateBps: 8e6, burstBytes: 100, limitBytes: 1000, minPacketBytes: 500 }));
    const out = Array.from({ length: 15 }, () => s.enqueue(0, 10));
    expect(out.slice(0, 10)).toEqual(Array<number>(10).fill(0));
    expect(out.slice(10)).toEqual([10_000, 20_000, 30_000, 40_000, SHAPER_DROPPED_LIMIT]);
    expect(s.counterRecord()).toMatchObject({ accepted: 14, droppedLimit: 1, ringFull: 1 });
  });

  it("reset: full buckets and an empty queue again, counters kept", () => {
    const s = new TokenBucketShaper(tbfProfile({ rateBps: 8e6, burstBytes: 1000, limitBytes: 2500 }));
    expect([s.enqueue(0, 1000), s.enqueue(0, 1000)]).toEqual([0, 1_000_000]);
    s.reset(5_000);
    expect(s.backlogBytes(5_000)).toBe(0);
    expect([s.enqueue(5_000, 1000), s.enqueue(5_000, 1000)]).toEqual([5_000, 1_005_000]);
    expect(s.counterRecord().accepted).toBe(4);
  });

  it("latency → limit as tc computes it: rate × latency + burst, or peakrate × latency + mtu if smaller", () => {
    // 8 Mbit/s = 1,000,000 B/s × 2 ms = 2000 bytes + burst 1000.
    expect(tbfLimitFromLatency(8e6, 1000, 2e6)).toBe(3000);
    expect(tbfProfile({ rateBps: 8e6, burstBytes: 1000, latencyNs: 2e6 }).limitBytes).toBe(3000);
    // With peakrate 80 Mbit/s (10 MB/s) and mtu 1500: 20,000 + 1500 = 21,500 > 3000 → 3000.
    expect(tbfProfile({ rateBps: 8e6, burstBytes: 1000, latencyNs: 2e6, peakrateBps: 80e6, mtuBytes: 1500 }).limitBytes).toBe(3000);
    // With peakrate 9.6 Mbit/s (1.2 MB/s) and mtu 200: 2400 + 200 = 2600 < 3000 → 2600.
    expect(tbfProfile({ rateBps: 8e6, burstBytes: 1000, latencyNs: 2e6, peakrateBps: 9.6e6, mtuBytes: 200 }).limitBytes).toBe(2600);
    // Fractions of a byte are truncated: 1 Mbit/s × 1 ms = 125 bytes; × 1.001 ms = 125.125.
    expect(tbfLimitFromLatency(1e6, 0, 1.001e6)).toBe(125);
  });

  it("with latency 50 ms no accepted packet waits longer than latency + one packet's time", () => {
    const latencyNs = 50e6;
    const s = new TokenBucketShaper(tbfProfile({ rateBps: 8e6, burstBytes: 1500, latencyNs }));
    let worst = 0;
    for (let i = 0; i < 1000; i++) {
      const t = i * 100_000; // 1500-byte packets every 100 µs: 15x the rate
      const d = s.enqueue(t, 1500);
      if (d >= 0) worst = Math.max(worst, d - t);
    }
    expect(worst).toBeGreaterThan(latencyNs - 1_500_000);
    expect(worst).toBeLessThanOrEqual(latencyNs + 1_500_000);
  });
});
