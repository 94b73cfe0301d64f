/**
 * Where WebAssembly is missing (`node --jitless`, some embedders), toeplitz-wasm.ts reports the
 * kernels unavailable and hashFlowColumns hashes large flow sets in JS: same hashes, no throw.
 * The module is loaded fresh with the `WebAssembly` global removed, then compared with a copy
 * loaded normally (which takes the WebAssembly path at this set size).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { FIELDS_SD, FIELDS_SDFN } from "../src/rss/fields.js";
import { rssHashProfile } from "../src/rss/profile.js";
import { Prng } from "../src/traffic/prng.js";
import type * as FlowHashModule from "../src/rss/flow-hash.js";
import type * as WasmModule from "../src/rss/toeplitz-wasm.js";

type FlowHash = typeof FlowHashModule;
type Wasm = typeof WasmModule;

async function freshModules(): Promise<{ flowHash: FlowHash; wasm: Wasm }> {
  vi.resetModules();
  const wasm = await import("../src/rss/toeplitz-wasm.js");
  const flowHash = await import("../src/rss/flow-hash.js");
  return { flowHash, wasm };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe("the WebAssembly kernels fall back to JS where WebAssembly is missing", () => {
  it("hashFlowColumns gives the same hashes with and without WebAssembly", async () => {
    const rng = new Prng(0xfa11, 3);
    const key = Uint8Array.from({ length: 40 }, () => rng.nextU32() & 255);
    const n = 3000;
    const hashes = async (): Promise<{ available: boolean; out: Uint32Array[] }> => {
      const { flowHash, wasm } = await freshModules();
      const out: Uint32Array[] = [];
      for (const words of [1, 4] as const) {
        const cols = {
          count: n,
          words,
          src: new Uint32Array(n * words).map((_, i) => Math.imul(i + 1, 0x9e3779b1) >>> 0),
          dst: new Uint32Array(n * words).map((_, i) => Math.imul(i + 7, 0x85ebca6b) >>> 0),
          sport: new Uint16Array(n).map((_, i) => (i * 7919) & 0xffff),
          dport: new Uint16Array(n).map((_, i) => (i * 104729) & 0xffff),
        };
        for (const fields of [FIELDS_SD, FIELDS_SDFN]) {
          const o = new Uint32Array(n);
          flowHash.hashFlowColumns(rssHashProfile(key, "toeplitz", fields, "none"), cols, o);
          out.push(o);
        }
      }
      return { available: wasm.wasmKernelsAvailable(), out };
    };
    const withWasm = await hashes();
    vi.stubGlobal("WebAssembly", undefined);
    const without = await hashes();
    expect(withWasm.available).toBe(true);
    expect(without.available).toBe(false);
    expect(without.out.length).toBe(4);
    without.out.forEach((o, i) => {
      expect(o.some((h) => h !== 0)).toBe(true);
      expect(Buffer.from(o.buffer).equals(Buffer.from(withWasm.out[i].buffer)), `form ${i}`).toBe(true);
    });
  });
});
