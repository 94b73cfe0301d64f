import { describe, expect, it } from "vitest";
import { SHAPER_DROPPED_OVERSIZE, TokenBucketShaper, tbfProfile } from "../src/shaping/index.js";

/** max_size: `burst`, or min(burst, mtu) with peakrate. Longer packets can never gather their tokens. */
describe("the shaper drops packets longer than its bucket", () => {
  it("burst 1500: a 1501-byte packet is dropped even on an idle shaper; 1500 bytes pass", () => {
    const s = new TokenBucketShaper(tbfProfile({ rateBps: 8e6, burstBytes: 1500, limitBytes: 100_000 }));
    expect(s.enqueue(0, 1501)).toBe(SHAPER_DROPPED_OVERSIZE);
    expect(s.enqueue(0, 1500)).toBe(0);
    const c = s.counterRecord();
    expect(c.droppedOversize).toBe(1);
    expect(c.droppedBytes).toBe(1501);
    expect(c.accepted).toBe(1);
  });

  it("with peakrate, the peak bucket `mtu` bounds the size: burst 10,000, mtu 1000 → 1001 bytes dropped", () => {
    const p = tbfProfile({ rateBps: 8e6, burstBytes: 10_000, limitBytes: 100_000, peakrateBps: 80e6, mtuBytes: 1000 });
    expect(p.maxSizeBytes).toBe(1000);
    const s = new TokenBucketShaper(p);
    expect(s.enqueue(0, 1001)).toBe(SHAPER_DROPPED_OVERSIZE);
    expect(s.enqueue(0, 1000)).toBe(0);
  });

  it("the oversize check comes before the limit check (the kernel drops before enqueueing)", () => {
    const s = new TokenBucketShaper(tbfProfile({ rateBps: 8e6, burstBytes: 1000, limitBytes: 500 }));
    expect(s.enqueue(0, 1200)).toBe(SHAPER_DROPPED_OVERSIZE);
    expect(s.counterRecord().droppedLimit).toBe(0);
  });

  it("a burst below the device MTU + 14 is accepted but warned about, as the kernel does", () => {
    expect(tbfProfile({ rateBps: 8e6, burstBytes: 1000, limitBytes: 5000 }).warnings.join(" ")).toMatch(/below the device MTU/);
    expect(tbfProfile({ rateBps: 8e6, burstBytes: 1514, limitBytes: 5000 }).warnings).toEqual([]);
  });
});
