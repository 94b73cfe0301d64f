import { describe, expect, it } from "vitest";
import { hash32, RFS_NO_CPU, RfsTables } from "../src/rps/rfs.js";

const HASH = 0x51ccc178; // verification suite case 1, L3+L4
const heads = (n: number): Float64Array => new Float64Array(n);

describe("RFS (get_rps_cpu with rps_sock_flow_entries and rps_flow_cnt)", () => {
  it("hash_32 is the top bits of the hash times GOLDEN_RATIO_32", () => {
    const expected = Number(((BigInt(HASH) * 0x61c88647n) & 0xffffffffn) >> 25n);
    expect(hash32(HASH, 7)).toBe(expected);
    expect(hash32(HASH, 0)).toBe(0);
  });

  it("rounds the tables and the CPU mask up to powers of two", () => {
    const rfs = new RfsTables(30000, [100], 6);
    expect(rfs.sockEntries).toBe(32768);
    expect(rfs.cpuMask).toBe(7);
  });

  it("has no opinion before the application has received on the flow", () => {
    const rfs = new RfsTables(32768, [4096], 16);
    expect(rfs.steer(0, HASH, heads(16))).toBe(RFS_NO_CPU);
  });

  it("is off without the sock table or without the queue's flow table", () => {
    const noSock = new RfsTables(0, [4096], 16);
    noSock.recordApp(HASH, 3);
    expect(noSock.steer(0, HASH, heads(16))).toBe(RFS_NO_CPU);
    const noFlowTable = new RfsTables(32768, [0], 16);
    noFlowTable.recordApp(HASH, 3);
    expect(noFlowTable.steer(0, HASH, heads(16))).toBe(RFS_NO_CPU);
  });

  it("steers to the application's CPU once it has received", () => {
    const rfs = new RfsTables(32768, [4096], 16);
    rfs.recordApp(HASH, 3);
    expect(rfs.steer(0, HASH, heads(16))).toBe(3);
    expect(rfs.currentCpu(0, HASH)).toBe(3);
  });

  it("ignores a sock entry written by another flow (different high bits, same slot)", () => {
    const rfs = new RfsTables(32768, [4096], 16);
    const other = (HASH ^ 0x80000000) >>> 0; // same low 15 bits, other high bits
    rfs.recordApp(other, 5);
    expect(rfs.steer(0, HASH, heads(16))).toBe(RFS_NO_CPU);
  });

  it("keeps the flow on its old CPU until that backlog has dequeued its last packet", () => {
    const rfs = new RfsTables(32768, [4096], 16);
    const head = heads(16);
    rfs.recordApp(HASH, 3);
    expect(rfs.steer(0, HASH, head)).toBe(3);
    // Two packets of the flow enqueued on CPU 3: its tail is now 2, its head still 0.
    rfs.noteEnqueue(0, HASH, Float64Array.of(0, 0, 0, 2), 3);
    // The application moves to CPU 5.
    rfs.recordApp(HASH, 5);
    head[3] = 1; // one of the two dequeued
    expect(rfs.steer(0, HASH, head)).toBe(3);
    head[3] = 2; // both dequeued: in order, so the flow may move
    head[5] = 40;
    expect(rfs.steer(0, HASH, head)).toBe(5);
    // On the move last_qtail became CPU 5's head (40): a later move waits for CPU 5's head to reach it.
    rfs.recordApp(HASH, 7);
    head[5] = 39;
    expect(rfs.steer(0, HASH, head)).toBe(5);
    head[5] = 40;
    expect(rfs.steer(0, HASH, head)).toBe(7);
  });
});
