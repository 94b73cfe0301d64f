import { describe, expect, it } from "vitest";
import type { Prefix, Traffic } from "../src/config/scenario.js";
import { generateFlowSet, type FlowSet } from "../src/traffic/flow-set.js";
import { Prng } from "../src/traffic/prng.js";
import { trafficOf } from "./traffic-helpers.js";

/**
 * The flow set generator draws exactly what the plain reference below draws: the same draws in
 * the same order (source pool, source host words, destination pool, destination host words,
 * source port, destination port), so a job's flows, and with them every result, stay the same
 * for a seed. The reference is the readable form: one `nextU32`/`nextBelow` per choice.
 */
function referenceFlowSet(traffic: Traffic, rng: Prng): FlowSet {
  const words = traffic.src[0].family === 4 ? 1 : 4;
  const n = traffic.flows;
  const src = new Uint32Array(n * words);
  const dst = new Uint32Array(n * words);
  const sport = new Uint16Array(n);
  const dport = new Uint16Array(n);
  const draw = (pools: readonly Prefix[], out: Uint32Array, at: number): void => {
    const pool = pools[pools.length === 1 ? 0 : rng.nextBelow(pools.length)];
    for (let w = 0; w < words; w++) {
      const netBits = Math.min(32, Math.max(0, pool.length - 32 * w));
      const hostMask = netBits === 32 ? 0 : netBits === 0 ? 0xffffffff : 0xffffffff >>> netBits;
      const net = pool.words[w] & ~hostMask;
      out[at + w] = (net | (hostMask === 0 ? 0 : rng.nextU32() & hostMask)) >>> 0;
    }
  };
  for (let f = 0; f < n; f++) {
    draw(traffic.src, src, f * words);
    draw(traffic.dst, dst, f * words);
    sport[f] = traffic.srcPort.lo + rng.nextBelow(traffic.srcPort.hi - traffic.srcPort.lo + 1);
    dport[f] = traffic.dstPort.lo + rng.nextBelow(traffic.dstPort.hi - traffic.dstPort.lo + 1);
  }
  return { count: n, family: words === 1 ? 4 : 6, words, src, dst, sport, dport };
}

const CASES: Record<string, Parameters<typeof trafficOf>[0]> = {
  "IPv4, one /10 source pool, a /32 destination, a port range": {
    flows: 3000, src: "100.64.0.0/10", dst: "10.0.0.19", srcPort: "32768-60999", dstPort: 53, load: { pps: 1 },
  },
  "IPv4, three source pools of different lengths, two destinations, both ports ranged": {
    flows: 3000, src: ["100.64.0.0/10", "192.0.2.0/24", "198.51.100.7/32"], dst: ["10.0.0.19", "10.0.1.0/30"], srcPort: "1024-65535", dstPort: "80-81", load: { pps: 1 },
  },
  "IPv4, a /0 pool (every bit drawn)": { flows: 2000, src: "0.0.0.0/0", dst: "10.0.0.0/8", load: { pps: 1 } },
  "IPv6, pools whose boundaries fall inside, on and across words": {
    flows: 2000, src: ["2001:db8::/32", "2001:db8:1:2::/64", "2001:db8:0:0:1::/80", "::/0"], dst: "2001:db8:ffff::1", srcPort: "1-65535", load: { pps: 1 },
  },
};

describe("the flow set draws as the reference does", () => {
  for (const [name, spec] of Object.entries(CASES)) {
    it(name, () => {
      const traffic = trafficOf(spec);
      for (const seed of [1, 2, 0xdeadbeef]) {
        expect(generateFlowSet(traffic, new Prng(seed, 0))).toEqual(referenceFlowSet(traffic, new Prng(seed, 0)));
      }
    });
  }
});
