import { describe, expect, it } from "vitest";
import { generateFlowSet } from "../src/traffic/flow-set.js";
import { Prng } from "../src/traffic/prng.js";
import { trafficOf } from "./traffic-helpers.js";

/**
 * Every flow's addresses lie inside the pools they were drawn from, with the network bits kept and
 * every host bit drawn (each set in about half the flows), and ports lie inside their ranges.
 */

/** Fraction of flows with bit `bit` (0 = least significant) of word `w` set. */
function bitShare(addresses: Uint32Array, words: number, w: number, bit: number): number {
  const n = addresses.length / words;
  let ones = 0;
  for (let f = 0; f < n; f++) ones += (addresses[f * words + w] >>> bit) & 1;
  return ones / n;
}

const N = 4000;
// A host bit is set with probability 1/2: sd √(1/4N) ≈ 0.008; 0.06 is 7 sd.
const FAIR = 0.06;

describe("the flow set stays inside its pools", () => {
  it("IPv4 /10 sources and a /32 destination; ports inside their ranges", () => {
    const traffic = trafficOf({
      flows: N,
      src: "100.64.0.0/10",
      dst: "10.0.0.19",
      srcPort: "32768-60999",
      dstPort: 53,
      load: { pps: 1 },
    });
    const flows = generateFlowSet(traffic, new Prng(1, 0));
    expect([flows.count, flows.family, flows.words]).toEqual([N, 4, 1]);
    let outside = 0;
    for (let f = 0; f < N; f++) {
      if (((flows.src[f] & 0xffc00000) >>> 0) !== 0x64400000) outside++;
      if (flows.dst[f] !== 0x0a000013) outside++;
      if (flows.sport[f] < 32768 || flows.sport[f] > 60999) outside++;
      if (flows.dport[f] !== 53) outside++;
    }
    expect(outside).toBe(0);
    for (let bit = 0; bit < 22; bit++) expect(Math.abs(bitShare(flows.src, 1, 0, bit) - 0.5), `host bit ${bit}`).toBeLessThan(FAIR);
    // Source ports spread over the whole range.
    expect(Math.min(...flows.sport)).toBeLessThan(32768 + 100);
    expect(Math.max(...flows.sport)).toBeGreaterThan(60999 - 100);
  });

  it("a small port range yields every port in it, and only those", () => {
    const traffic = trafficOf({ flows: 400, src: "192.0.2.0/24", dst: "10.0.0.1", srcPort: "1000-1003", dstPort: "8000-8001", load: { pps: 1 } });
    const flows = generateFlowSet(traffic, new Prng(2, 0));
    expect([...new Set(flows.sport)].sort()).toEqual([1000, 1001, 1002, 1003]);
    expect([...new Set(flows.dport)].sort()).toEqual([8000, 8001]);
  });

  it("IPv6 /64 sources and a /128 destination", () => {
    const traffic = trafficOf({ flows: N, src: "2001:db8:0:7::/64", dst: "2001:db8:1::53", load: { pps: 1 } });
    const flows = generateFlowSet(traffic, new Prng(3, 0));
    expect([flows.family, flows.words, flows.src.length, flows.dst.length]).toEqual([6, 4, 4 * N, 4 * N]);
    let outside = 0;
    for (let f = 0; f < N; f++) {
      const s = flows.src.subarray(4 * f, 4 * f + 4);
      const d = flows.dst.subarray(4 * f, 4 * f + 4);
      if (s[0] !== 0x20010db8 || s[1] !== 0x00000007) outside++;
      if (d[0] !== 0x20010db8 || d[1] !== 0x00010000 || d[2] !== 0 || d[3] !== 0x53) outside++;
    }
    expect(outside).toBe(0);
    for (const w of [2, 3]) {
      for (let bit = 0; bit < 32; bit++) expect(Math.abs(bitShare(flows.src, 4, w, bit) - 0.5), `word ${w} bit ${bit}`).toBeLessThan(FAIR);
    }
  });

  it("an IPv6 prefix that ends inside a word (/61) keeps its 29 network bits of that word", () => {
    const traffic = trafficOf({ flows: N, src: "2001:db8:0:8::/61", dst: "2001:db8::1", load: { pps: 1 } });
    const flows = generateFlowSet(traffic, new Prng(4, 0));
    let outside = 0;
    for (let f = 0; f < N; f++) {
      if (flows.src[4 * f] !== 0x20010db8 || ((flows.src[4 * f + 1] & 0xfffffff8) >>> 0) !== 0x00000008) outside++;
    }
    expect(outside).toBe(0);
    for (let bit = 0; bit < 3; bit++) expect(Math.abs(bitShare(flows.src, 4, 1, bit) - 0.5), `word 1 bit ${bit}`).toBeLessThan(FAIR);
  });

  it("a list of pools: every flow in one of them, each pool used about equally", () => {
    const traffic = trafficOf({ flows: N, src: ["192.0.2.0/24", "198.51.100.0/25"], dst: "10.0.0.1", load: { pps: 1 } });
    const flows = generateFlowSet(traffic, new Prng(5, 0));
    let a = 0;
    let b = 0;
    for (let f = 0; f < N; f++) {
      if (((flows.src[f] & 0xffffff00) >>> 0) === 0xc0000200) a++;
      else if (((flows.src[f] & 0xffffff80) >>> 0) === 0xc6336400) b++;
    }
    expect(a + b).toBe(N);
    expect(Math.abs(a / N - 0.5)).toBeLessThan(FAIR);
  });

  it("the same seed gives the same flows", () => {
    const traffic = trafficOf({ flows: 100, src: "100.64.0.0/10", dst: "10.0.0.1", load: { pps: 1 } });
    expect(generateFlowSet(traffic, new Prng(9, 0))).toEqual(generateFlowSet(traffic, new Prng(9, 0)));
  });
});
