import { describe, expect, it } from "vitest";
import { POLICE_CONFORM as C, POLICE_DEFAULT_MTU, POLICE_EXCEED as E, Policer, policerProfile, type PolicerParams } from "../src/shaping/index.js";

/**
 * rate 8 Mbit/s (1000 ns per byte), burst 2000 bytes (a 2,000,000-ns bucket), mtu 1500, no MAC
 * header subtracted (macHeaderBytes 0), so a packet of L bytes costs L × 1000 ns.
 */
describe("the policer drops exactly the packets that exceed", () => {
  const base: PolicerParams = { rateBps: 8e6, burstBytes: 2000, mtuBytes: 1500, macHeaderBytes: 0, exceed: "drop" };

  // [arrival ns, bytes, expected verdict]; the comment gives the rate tokens (ns) after it
  const sequence: readonly (readonly [number, number, 0 | 1])[] = [
    [0, 1000, C], //         2,000,000 − 1,000,000 = 1,000,000 left
    [0, 1000, C], //         1,000,000 − 1,000,000 = 0
    [0, 100, E], //          0 − 100,000 < 0: exceeds and takes nothing
    [500_000, 600, E], //    0 + 500,000 − 600,000 < 0
    [500_000, 500, C], //    0 + 500,000 − 500,000 = 0 (the exceeding packet took no tokens)
    [600_000, 1600, E], //   longer than mtu 1500: exceeds without looking at the bucket
    [5_000_000, 1500, C], // idle 4.4 ms, capped at the 2 ms bucket: 2,000,000 − 1,500,000 = 500,000
    [5_000_000, 1000, E], // 500,000 − 1,000,000 < 0
    [5_500_000, 1000, C], // 500,000 + 500,000 − 1,000,000 = 0
  ];

  it("verdicts of a hand-built arrival sequence", () => {
    const p = new Policer(policerProfile(base));
    expect(sequence.map(([t, len]) => p.check(t, len))).toEqual(sequence.map(([, , v]) => v));
    expect(p.counterRecord()).toEqual({
      conform: 5,
      conformBytes: 1000 + 1000 + 500 + 1500 + 1000,
      exceed: 4,
      exceedBytes: 100 + 600 + 1600 + 1000,
      exceedMtu: 1,
      dropped: 4,
      droppedBytes: 100 + 600 + 1600 + 1000,
    });
  });

  it("the batch form drops the same packets: pass = 1 for conforming, 0 for exceeding", () => {
    const p = new Policer(policerProfile(base));
    const time = Float64Array.from(sequence.map(([t]) => t));
    const len = Uint16Array.from(sequence.map(([, l]) => l));
    const pass = new Uint8Array(sequence.length);
    expect(p.checkBatch(time, len, sequence.length, pass)).toBe(5);
    expect(Array.from(pass)).toEqual([1, 1, 0, 0, 1, 0, 1, 0, 1]);
  });

  it("tc's default exceed action, reclassify, passes everything (and `pass` does too), with the same verdicts", () => {
    for (const exceed of [undefined, "reclassify", "pass", "continue"] as const) {
      const p = new Policer(policerProfile({ ...base, exceed }));
      expect(sequence.map(([t, len]) => p.check(t, len))).toEqual(sequence.map(([, , v]) => v));
      expect(p.exceedDrops).toBe(false);
      const c = p.counterRecord();
      expect([c.exceed, c.dropped]).toEqual([4, 0]);
    }
    expect(policerProfile({ rateBps: 8e6, burstBytes: 2000 }).exceed).toBe("reclassify");
  });

  it("at tc ingress the MAC header is not charged but counts for mtu (macHeaderBytes 14, the default)", () => {
    const p = new Policer(policerProfile({ rateBps: 8e6, burstBytes: 1000, mtuBytes: 1514, exceed: "drop" }));
    // A 1014-byte frame costs 1000 bytes: exactly the bucket.
    expect(p.check(0, 1014)).toBe(C);
    expect(p.check(0, 15)).toBe(E); // 1 byte charged, none left
    // After 1,500,000 ns the bucket is full again (capped at 1,000,000): 1514 ≤ mtu, but costs 1500.
    expect(p.check(1_500_000, 1514)).toBe(E);
    expect(p.check(1_500_000, 1515)).toBe(E); // over mtu
    expect(p.counterRecord().exceedMtu).toBe(1);
  });

  it("the default mtu is 2040 bytes (tc's 2047-byte rate table, cell_log 3): larger frames exceed", () => {
    const p = new Policer(policerProfile({ rateBps: 1e9, burstBytes: 100_000, exceed: "drop" }));
    expect(POLICE_DEFAULT_MTU).toBe(2040);
    expect(p.check(0, 2040)).toBe(C);
    expect(p.check(0, 2041)).toBe(E);
  });

  it("peakrate: a second bucket of mtu bytes at peakrate limits back-to-back packets", () => {
    // peakrate 80 Mbit/s: 100 ns per byte; mtu 1000 → a 100,000-ns peak bucket.
    const p = new Policer(policerProfile({ ...base, burstBytes: 10_000, peakrateBps: 80e6, mtuBytes: 1000 }));
    expect(p.check(0, 1000)).toBe(C); // both buckets pay
    expect(p.check(0, 1000)).toBe(E); // peak bucket empty
    expect(p.check(50_000, 500)).toBe(C); // 50,000 ns of peak tokens = 500 bytes
    expect(p.check(100_000, 1000)).toBe(E); // only 50,000 accrued since
    expect(p.check(150_000, 1000)).toBe(C);
  });

  it("rejects what tc rejects: peakrate without mtu, an unknown action", () => {
    expect(() => policerProfile({ rateBps: 8e6, burstBytes: 2000, peakrateBps: 16e6 })).toThrow(/mtuBytes/);
    expect(() => policerProfile({ ...base, exceed: "queue" as never })).toThrow(/exceed: "queue" is not one of/);
  });
});
