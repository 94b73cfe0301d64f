import { describe, expect, it } from "vitest";
import { SHAPER_MAX_RING_SLOTS, ShapingParamError, tbfProfile, transmitNsExact, transmitRate, type TbfParams } from "../src/shaping/index.js";

/** Cold checks: each bad parameter gives one ShapingParamError naming it. */
describe("the shaping profiles reject what tc rejects, naming the parameter", () => {
  const ok: TbfParams = { rateBps: 8e6, burstBytes: 1514, limitBytes: 10_000 };

  it.each([
    [{ ...ok, rateBps: 0 }, "rateBps", /not a positive rate/],
    [{ ...ok, rateBps: 0.4 }, "rateBps", /rounds to 0/],
    [{ ...ok, burstBytes: 0 }, "burstBytes", /not an integer ≥ 1/],
    [{ ...ok, burstBytes: 1.5 }, "burstBytes", /not an integer/],
    [{ rateBps: 8e6, burstBytes: 1514 }, "limitBytes", /exactly one of limit .* and latency/],
    [{ ...ok, latencyNs: 1e6 }, "limitBytes", /exactly one of/],
    [{ rateBps: 8e6, burstBytes: 1514, latencyNs: -1 }, "latencyNs", /not a duration/],
    [{ ...ok, overheadBytes: -4 }, "overheadBytes", /from 0 to 65535/],
    [{ ...ok, mpuBytes: 70_000 }, "mpuBytes", /from 0 to 65535/],
    [{ ...ok, peakrateBps: 4e6, mtuBytes: 1514 }, "peakrateBps", /must exceed rate/],
    [{ ...ok, limitBytes: 1e9, minPacketBytes: 42 }, "limitBytes", new RegExp(`more than ${SHAPER_MAX_RING_SLOTS}`)],
    [{ rateBps: 1, burstBytes: 2e9, limitBytes: 0 }, "burstBytes", /longer than 2\^53 ns/],
  ] as const)("%o → %s", (params, key, message) => {
    let error: unknown;
    try {
      tbfProfile(params as TbfParams);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ShapingParamError);
    expect((error as ShapingParamError).key).toBe(key);
    expect((error as ShapingParamError).detail).toMatch(message);
  });

  it("rates given as Mbps × 1e6 are rounded to whole bits per second", () => {
    expect(tbfProfile({ ...ok, rateBps: 1.1 * 1e6 }).rate.rateBps).toBe(1_100_000);
  });

  it("the rate fraction is reduced: 200 Mbit/s is exactly 40 ns per byte, 3 Mbit/s is 8000/3", () => {
    expect(transmitRate(200e6, 0, 0)).toMatchObject({ num: 40, den: 1 });
    expect(transmitRate(3e6, 0, 0)).toMatchObject({ num: 8000, den: 3 });
    expect(transmitNsExact(1500, transmitRate(3e6, 0, 0))).toBe(4_000_000);
  });

  it("the ring is sized from limit / minPacketBytes, a power of two", () => {
    expect(tbfProfile({ ...ok, limitBytes: 10_000, minPacketBytes: 100 }).ringSlots).toBe(128); // 101 slots needed
    expect(tbfProfile({ ...ok, limitBytes: 0 }).ringSlots).toBe(2);
  });
});
