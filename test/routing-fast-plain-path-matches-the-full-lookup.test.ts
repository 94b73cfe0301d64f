/**
 * The compiled FIB's hot entry points (`lookupPlain4`, `lookupPlainBatch4`, and `lookup4` with
 * a plain flow) give exactly what its full path and the reference give — with and without a
 * default table, with and without custom rules, on hits and misses.
 */
import { describe, expect, it } from "vitest";
import { compileRouting } from "../src/routing/index.js";
import { isResult } from "../src/routing/lookup/flow.js";
import { Prng } from "../src/traffic/prng.js";

const BASE = "addr add 10.0.0.19/24 dev eth0\nroute add 8.0.0.0/8 via 10.0.0.1\nroute add 8.8.8.0/24 via 10.0.0.2\nroute add unreachable 9.0.0.0/8\n";
const CONFIGS: Record<string, string> = {
  "main only": BASE,
  "a default table": `${BASE}route add 203.0.113.0/24 via 10.0.0.3 table default\n`,
  "custom rules": `${BASE}rule add to 8.8.0.0/16 lookup 100\nroute add default via 10.0.0.4 table 100\n`,
};

describe("the compiled FIB's plain entry points", () => {
  for (const [name, batch] of Object.entries(CONFIGS)) {
    it(`agree with the full lookup and the reference (${name})`, () => {
      const tables = compileRouting({ family: 4, devices: [{ name: "eth0", state: "up" }], sysctls: {}, batch });
      const rng = new Prng(3, 3);
      const dsts = Uint32Array.from({ length: 2000 }, (_, i) => (i % 4 === 0 ? rng.nextU32() : [0x08080808, 0x08010203, 0x09000001, 0xcb007105, 0x0a000005, 0x0a000013][i % 6]));
      const batchOut = new Int32Array(dsts.length);
      tables.fast.lookupPlainBatch4(dsts, batchOut, dsts.length);
      dsts.forEach((d, i) => {
        const plain = tables.fast.lookupPlain4(d);
        const full = tables.fast.lookup4(d, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        expect(plain, `${d}`).toBe(full);
        expect(batchOut[i], `${d}`).toBe(full);
        const ref = tables.reference.lookup(4, { daddr: BigInt(d), saddr: 0n, iif: 1, oif: 0, mark: 0, tos: 0, scope: 0, uid: 0, proto: 0, sport: 0, dport: 0 }, 0).outcome;
        if (isResult(ref)) expect(full > 0 ? tables.fast.result4(full).route.id : -1, `${d}`).toBe(ref.route.id);
        else expect(full, `${d}`).toBe(-ref);
      });
    });
  }
});
