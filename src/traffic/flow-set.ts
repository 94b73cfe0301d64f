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

/** 2^-32: a uniform 32-bit word times this is a double in [0, 1), as `Prng.nextFloat`. */
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

/**
 * Pools flattened for the draw loop: for pool p and word w (index p·words + w), the network bits
 * and the host mask (0: no host bit, so no draw).
 */
interface PoolWords {
  readonly count: number;
  readonly net: Int32Array;
  readonly hostMask: Int32Array;
}

function poolWords(pools: readonly Prefix[], words: number): PoolWords {
  const net = new Int32Array(pools.length * words);
  const hostMask = new Int32Array(pools.length * words);
  pools.forEach((pool, p) => {
    for (let w = 0; w < words; w++) {
      const netBits = Math.min(32, Math.max(0, pool.length - 32 * w));
      const mask = netBits === 32 ? 0 : netBits === 0 ? -1 : -1 >>> netBits;
      hostMask[p * words + w] = mask;
      net[p * words + w] = pool.words[w] & ~mask;
    }
  });
  return { count: pools.length, net, hostMask };
}

/**
 * Draw `traffic.flows` flows: each flow picks a pool uniformly, then a uniform host in it (network
 * bits kept, each host word drawn), then its ports. The draws, in this order per flow: source
 * pool (only when there are several), source host words, destination pool, destination host
 * words, source port, destination port.
 *
 * The generator is stepped with `nextI32` (an int32 is never boxed; a uint32 above 2^31 returned
 * by a call is) and uniform picks are `floor(u · 2^-32 · n)`, exactly `Prng.nextBelow`; pools are
 * flattened once. Measured (10,000 IPv4 flows, warmed up, Node 20, 2-vCPU EPYC): ~200 → ~125 µs
 * per job. test/traffic-flow-set-draws-as-the-reference.test.ts holds it to the plain form.
 */
export function generateFlowSet(traffic: Traffic, rng: Prng): FlowSet {
  const family = traffic.src[0].family;
  const words = family === 4 ? 1 : 4;
  const n = traffic.flows;
  const src = new Uint32Array(n * words);
  const dst = new Uint32Array(n * words);
  const sport = new Uint16Array(n);
  const dport = new Uint16Array(n);
  const srcPools = poolWords(traffic.src, words);
  const dstPools = poolWords(traffic.dst, words);
  const spLo = traffic.srcPort.lo;
  const spSpan = traffic.srcPort.hi - spLo + 1;
  const dpLo = traffic.dstPort.lo;
  const dpSpan = traffic.dstPort.hi - dpLo + 1;
  for (let f = 0; f < n; f++) {
    drawAddress(srcPools, words, rng, src, f * words);
    drawAddress(dstPools, words, rng, dst, f * words);
    sport[f] = spLo + Math.floor((rng.nextI32() >>> 0) * TWO_POW_MINUS_32 * spSpan);
    dport[f] = dpLo + Math.floor((rng.nextI32() >>> 0) * TWO_POW_MINUS_32 * dpSpan);
  }
  return { count: n, family, words, src, dst, sport, dport };
}

/** Write a uniformly random address of a uniformly picked pool at `out[at..]`. */
function drawAddress(pools: PoolWords, words: number, rng: Prng, out: Uint32Array, at: number): void {
  const p = pools.count === 1 ? 0 : Math.floor((rng.nextI32() >>> 0) * TWO_POW_MINUS_32 * pools.count);
  const base = p * words;
  for (let w = 0; w < words; w++) {
    const mask = pools.hostMask[base + w];
    // A store into a Uint32Array takes the int32's bits as they are.
    out[at + w] = mask === 0 ? pools.net[base + w] : pools.net[base + w] | (rng.nextI32() & mask);
  }
}
