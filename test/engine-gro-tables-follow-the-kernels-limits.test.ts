import { describe, expect, it } from "vitest";
import { GRO_HASH_BUCKETS, GroTables, JIFFY_NS, MAX_GRO_SKBS } from "../src/engine/gro-tables.js";

/**
 * GroTables against dev_gro_receive / tcp_gro_receive / napi_gro_flush (net/core/gro.c,
 * net/ipv4/tcp_offload.c): 1514-byte frames of 1448-byte segments (66 header bytes), one NAPI,
 * CPU 0. Flow f's rx hash is `hash[f]`; its bucket is hash mod 8.
 */
const FRAME = 1514;
const HEADERS = 66;

function passedUp(gro: GroTables): Array<[flow: number, segs: number]> {
  const out: Array<[number, number]> = [];
  for (let a = gro.take(0); a >= 0; a = gro.take(0)) {
    out.push([gro.flow[a], gro.segs[a]]);
    gro.free(a);
  }
  return out;
}

describe("GRO tables follow the kernel's limits", () => {
  it("a ninth flow in a bucket passes up the bucket's oldest aggregate (MAX_GRO_SKBS 8)", () => {
    expect(GRO_HASH_BUCKETS).toBe(8);
    expect(MAX_GRO_SKBS).toBe(8);
    // Flows 0..8 all hash to bucket 0 (no NIC hash: 0); flow 9 to bucket 1.
    const gro = new GroTables(1, 1, Uint32Array.from([0, 8, 16, 24, 32, 40, 48, 56, 64, 1]), HEADERS);
    for (let f = 0; f < 8; f++) expect(gro.receive(0, 0, f, f, FRAME, 0, 0)).toBe(1);
    gro.receive(0, 0, 9, 9, FRAME, 0, 0);
    expect(gro.pending(0)).toBe(false);
    gro.receive(0, 0, 8, 10, FRAME, 0, 0);
    expect(passedUp(gro)).toEqual([[0, 1]]);
    // A second segment of flow 1 merges into its held aggregate.
    gro.receive(0, 0, 1, 11, FRAME, 0, 0);
    // The poll's end: bucket 0 oldest first (flows 1..8), then bucket 1 (flow 9).
    expect(gro.flush(0, 0, false, 0)).toBe(true);
    expect(passedUp(gro)).toEqual([[1, 2], [2, 1], [3, 1], [4, 1], [5, 1], [6, 1], [7, 1], [8, 1], [9, 1]]);
    expect(gro.flush(0, 0, false, 0)).toBe(false);
  });

  it("PSH flushes the aggregate with the segment in it; a PSH segment with nothing held goes up alone, unmerged", () => {
    const gro = new GroTables(1, 1, Uint32Array.from([5]), HEADERS);
    expect(gro.receive(0, 0, 0, 0, FRAME, 1, 0)).toBe(0);
    expect(passedUp(gro)).toEqual([[0, 1]]);
    gro.receive(0, 0, 0, 1, FRAME, 0, 0);
    gro.receive(0, 0, 0, 2, FRAME, 0, 0);
    expect(gro.receive(0, 0, 0, 3, FRAME, 1, 0)).toBe(1);
    expect(passedUp(gro)).toEqual([[0, 3]]);
  });

  it("stays below gro_max_size (64 KiB): 45 segments of 1448 bytes, the 46th starts the next aggregate", () => {
    const gro = new GroTables(1, 1, Uint32Array.from([0]), HEADERS);
    for (let i = 0; i < 46; i++) gro.receive(0, 0, 0, i, FRAME, 0, 0);
    const first = gro.take(0);
    expect(gro.segs[first]).toBe(45);
    expect(gro.ipLen[first]).toBe(1500 + 44 * 1448);
    expect(gro.bytes[first]).toBe(45 * FRAME);
    expect(gro.segmentsSince(first, 40)).toBe(5);
    gro.free(first);
    gro.flush(0, 0, false, 0);
    expect(passedUp(gro)).toEqual([[0, 1]]);
  });

  it("a repoll's flush passes up only aggregates started in an earlier jiffy", () => {
    const gro = new GroTables(1, 1, Uint32Array.from([0, 1]), HEADERS);
    gro.receive(0, 0, 0, 0, FRAME, 0, 0.5 * JIFFY_NS);
    gro.receive(0, 0, 1, 1, FRAME, 0, 1.2 * JIFFY_NS);
    expect(gro.flush(0, 0, true, 1.5 * JIFFY_NS)).toBe(true);
    expect(passedUp(gro)).toEqual([[0, 1]]);
    expect(gro.flush(0, 0, true, 1.9 * JIFFY_NS)).toBe(false);
    expect(gro.countArrivedSince(0)).toBe(1);
  });

  it("grows its pools past their first size and reuses freed slots", () => {
    const flows = 600;
    const gro = new GroTables(flows, 1, new Uint32Array(flows), HEADERS);
    // One flow per NAPI (600 NAPIs), 10 segments each: 600 aggregates, 6000 segments held.
    for (let i = 0; i < 10; i++) for (let f = 0; f < flows; f++) gro.receive(f, 0, f, i, FRAME, 0, 0);
    expect(gro.countArrivedSince(0)).toBe(6000);
    for (let f = 0; f < flows; f++) gro.flush(f, 0, false, 0);
    expect(passedUp(gro).every(([, segs]) => segs === 10)).toBe(true);
    expect(gro.countArrivedSince(0)).toBe(0);
  });
});
