// The table-driven hash against a readable per-bit reference (the shift-register form of the
// definition), for many random 40- and 52-byte keys and random inputs of every layout.
import { describe, expect, it } from "vitest";
import {
  TOEPLITZ_MAX_INPUT,
  hashIpv4,
  hashIpv4Ports,
  hashIpv4PortsBatch,
  hashIpv6,
  hashIpv6Ports,
  hashIpv6PortsAt,
  toeplitzHash,
  toeplitzTable,
} from "../src/rss/index.js";
import { bytesOfHex, suite, wireBytes } from "./rss-fixture.js";

/**
 * Reference Toeplitz, one bit at a time: a 32-bit register holds the key bits at the current
 * input bit's position; when the input bit is 1 the register is XORed into the result; then the
 * register shifts left by one and takes in the next key bit.
 */
function referenceToeplitz(key: Uint8Array, input: Uint8Array): number {
  const keyBit = (i: number): number => (i < key.length * 8 ? (key[i >> 3] >> (7 - (i & 7))) & 1 : 0);
  let register = 0;
  for (let i = 0; i < 32; i++) register = ((register << 1) | keyBit(i)) >>> 0;
  let result = 0;
  for (let i = 0; i < input.length * 8; i++) {
    const bit = (input[i >> 3] >> (7 - (i & 7))) & 1;
    if (bit === 1) result = (result ^ register) >>> 0;
    register = ((register << 1) | keyBit(i + 32)) >>> 0;
  }
  return result;
}

/** Small seeded PRNG (xorshift32): the same cases on every run, no Math.random. */
function xorshift32(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

const next = xorshift32(0x2545f491);
const randomBytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, () => next() & 255);

describe("the reference itself", () => {
  it("reproduces every published suite value from the suite's input bytes", () => {
    const key = Uint8Array.from(suite.key.bytes);
    for (const c of [...suite.ipv4, ...suite.ipv6]) {
      expect(referenceToeplitz(key, bytesOfHex(c.input_l3_hex))).toBe(c.hash_l3_u32);
      expect(referenceToeplitz(key, bytesOfHex(c.input_l3l4_hex))).toBe(c.hash_l3l4_u32);
    }
  });
});

describe.each([40, 52])("%i-byte keys", (keyLength) => {
  it("every form agrees with the reference (200 keys x 8 tuples)", () => {
    for (let k = 0; k < 200; k++) {
      const key = randomBytes(keyLength);
      const table = toeplitzTable(key);
      const n = 8;
      const src4 = new Uint32Array(n);
      const dst4 = new Uint32Array(n);
      const sport = new Uint16Array(n);
      const dport = new Uint16Array(n);
      const expected4 = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        src4[i] = next();
        dst4[i] = next();
        sport[i] = next() & 0xffff;
        dport[i] = next() & 0xffff;
        const l3 = wireBytes([src4[i], dst4[i]]);
        const l3l4 = wireBytes([src4[i], dst4[i]], [sport[i], dport[i]]);
        expected4[i] = referenceToeplitz(key, l3l4);
        expect(hashIpv4(table, src4[i], dst4[i])).toBe(referenceToeplitz(key, l3));
        expect(hashIpv4Ports(table, src4[i], dst4[i], sport[i], dport[i])).toBe(expected4[i]);
        expect(toeplitzHash(table, l3l4)).toBe(expected4[i]);

        const words = Uint32Array.from({ length: 8 }, () => next());
        const src6 = words.subarray(0, 4);
        const dst6 = words.subarray(4, 8);
        const v6l3 = wireBytes(words);
        const v6l3l4 = wireBytes(words, [sport[i], dport[i]]);
        const expected6 = referenceToeplitz(key, v6l3l4);
        expect(hashIpv6(table, src6, dst6)).toBe(referenceToeplitz(key, v6l3));
        expect(hashIpv6Ports(table, src6, dst6, sport[i], dport[i])).toBe(expected6);
        expect(hashIpv6PortsAt(table, words, 0, 4, sport[i], dport[i])).toBe(expected6);
        expect(toeplitzHash(table, v6l3l4)).toBe(expected6);
      }
      const out = new Uint32Array(n);
      hashIpv4PortsBatch(table, src4, dst4, sport, dport, out, n);
      expect(out).toEqual(expected4);
    }
  });

  it("random byte strings of every length 0..36 agree with the reference", () => {
    for (let k = 0; k < 50; k++) {
      const key = randomBytes(keyLength);
      const table = toeplitzTable(key);
      for (let len = 0; len <= TOEPLITZ_MAX_INPUT; len++) {
        const input = randomBytes(len);
        expect(toeplitzHash(table, input)).toBe(referenceToeplitz(key, input));
      }
    }
  });
});

describe("table size", () => {
  it("a table built for 12 bytes gives the same IPv4 hashes as the 36-byte one (positions from 0)", () => {
    const key = randomBytes(40);
    const full = toeplitzTable(key);
    const short = toeplitzTable(key, 12);
    expect(short.length).toBe(12 * 256);
    expect(full.length).toBe(TOEPLITZ_MAX_INPUT * 256);
    expect(full.subarray(0, 12 * 256)).toEqual(short);
    for (let i = 0; i < 100; i++) {
      const s = next();
      const d = next();
      const sp = next() & 0xffff;
      const dp = next() & 0xffff;
      expect(hashIpv4Ports(short, s, d, sp, dp)).toBe(hashIpv4Ports(full, s, d, sp, dp));
      expect(hashIpv4(short, s, d)).toBe(hashIpv4(full, s, d));
    }
  });

  it("entry [pos*256 + byte] is the hash of that byte alone at that position", () => {
    const key = randomBytes(52);
    const table = toeplitzTable(key);
    for (const pos of [0, 1, 7, 20, 35]) {
      for (const byte of [0, 1, 0x80, 0x5a, 0xff]) {
        const input = new Uint8Array(pos + 1);
        input[pos] = byte;
        expect(table[pos * 256 + byte]).toBe(referenceToeplitz(key, input));
      }
    }
  });
});
