import type { Prefix, Traffic } from "../config/scenario.js";
import type { Prng } from "./prng.js";

/**
 * The flows of a run: each flow a (source, destination, source port, destination port) tuple
 * drawn once per job from the scenario's pools. Structure of arrays, addresses as 32-bit words
 * (1 per IPv4 address, 4 per IPv6 address, most significant first), so per-flow facts (RSS hash,
 * queue, CPU) can be computed by passes over dense arrays.
 */
export interface FlowSet {
  readonly count: number;
  readonly family: 4 | 6;
  /** Words per address: 1 (IPv4) or 4 (IPv6). */
  readonly words: 1 | 4;
  readonly src: Uint32Array;
  readonly dst: Uint32Array;
  readonly sport: Uint16Array;
  readonly dport: Uint16Array;
}

/** Draw `traffic.flows` flows: each flow picks a pool uniformly, then a uniform host in it. */
export function generateFlowSet(traffic: Traffic, rng: Prng): FlowSet {
  const family = traffic.src[0].family;
  const words = family === 4 ? 1 : 4;
  const n = traffic.flows;
  const src = new Uint32Array(n * words);
  const dst = new Uint32Array(n * words);
  const sport = new Uint16Array(n);
  const dport = new Uint16Array(n);
  const sp = traffic.srcPort;
  const dp = traffic.dstPort;
  for (let f = 0; f < n; f++) {
    drawAddress(traffic.src[traffic.src.length === 1 ? 0 : rng.nextBelow(traffic.src.length)], rng, src, f * words);
    drawAddress(traffic.dst[traffic.dst.length === 1 ? 0 : rng.nextBelow(traffic.dst.length)], rng, dst, f * words);
    sport[f] = sp.lo + rng.nextBelow(sp.hi - sp.lo + 1);
    dport[f] = dp.lo + rng.nextBelow(dp.hi - dp.lo + 1);
  }
  return { count: n, family, words, src, dst, sport, dport };
}

/** Write a uniformly random address of `pool` at `out[at..]`: network bits kept, host bits drawn. */
function drawAddress(pool: Prefix, rng: Prng, out: Uint32Array, at: number): void {
  for (let w = 0; w < pool.words.length; w++) {
    const netBits = Math.min(32, Math.max(0, pool.length - 32 * w));
    const hostMask = netBits === 32 ? 0 : netBits === 0 ? 0xffffffff : 0xffffffff >>> netBits;
    const net = pool.words[w] & ~hostMask;
    out[at + w] = (net | (hostMask === 0 ? 0 : rng.nextU32() & hostMask)) >>> 0;
  }
}
