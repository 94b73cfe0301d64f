/**
 * The 16-8-8 trie answers like a linear longest-prefix scan — for random prefix sets of every
 * length (0 to 32, crossing the stride boundaries 16 and 24), for random addresses and for the
 * first and last address of every prefix — and links each prefix to its longest enclosing one.
 */
import { describe, expect, it } from "vitest";
import { PrefixTrie4 } from "../src/routing/index.js";
import { Prng } from "../src/traffic/prng.js";

function maskOf(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

function randomPrefixes(rng: Prng, count: number): { addr: Uint32Array; len: Uint8Array; n: number } {
  const seen = new Set<string>();
  const addr = new Uint32Array(count);
  const len = new Uint8Array(count);
  let n = 0;
  // Cluster addresses so prefixes nest: a few /8 regions, lengths over the whole range.
  while (n < count) {
    const l = rng.nextBelow(33);
    const base = ((rng.nextBelow(4) + 10) << 24) | (rng.nextBelow(4) << 16) | (rng.nextBelow(1 << 16) & 0x03ff);
    const a = (l === 0 ? 0 : (base & maskOf(l)) >>> 0) >>> 0;
    const key = `${a}/${l}`;
    if (seen.has(key)) continue;
    seen.add(key);
    addr[n] = a;
    len[n] = l;
    n++;
  }
  return { addr, len, n };
}

function linear(addr: Uint32Array, len: Uint8Array, n: number, x: number, exclude = -1): number {
  let best = 0;
  let bestLen = -1;
  for (let i = 0; i < n; i++) {
    if (i === exclude) continue;
    if (((x ^ addr[i]) & maskOf(len[i])) === 0 && len[i] > bestLen) {
      best = i + 1;
      bestLen = len[i];
    }
  }
  return best;
}

describe("the IPv4 prefix trie", () => {
  for (const size of [1, 40, 600]) {
    it(`finds what a linear scan finds (${size} prefixes)`, () => {
      const rng = new Prng(0x7a1e, size);
      const { addr, len, n } = randomPrefixes(rng, size);
      const parents = new Int32Array(n + 1);
      const trie = PrefixTrie4.build(addr, len, n, parents);
      const probes: number[] = [];
      for (let i = 0; i < n; i++) probes.push(addr[i], (addr[i] | (~maskOf(len[i]) >>> 0)) >>> 0);
      for (let i = 0; i < 4000; i++) probes.push((((10 + rng.nextBelow(4)) << 24) | (rng.nextU32() & 0x03ffffff)) >>> 0, rng.nextU32());
      for (const x of probes) expect(trie.lookup(x), `address ${x >>> 0}`).toBe(linear(addr, len, n, x));
      for (let i = 0; i < n; i++) {
        // the parent is the longest other prefix containing this one, no longer than it
        let best = 0;
        let bestLen = -1;
        for (let j = 0; j < n; j++) {
          if (j === i || len[j] >= len[i] || ((addr[i] ^ addr[j]) & maskOf(len[j])) !== 0) continue;
          if (len[j] > bestLen) {
            best = j + 1;
            bestLen = len[j];
          }
        }
        expect(parents[i + 1], `parent of ${addr[i]}/${len[i]}`).toBe(best);
      }
    });
  }
});
