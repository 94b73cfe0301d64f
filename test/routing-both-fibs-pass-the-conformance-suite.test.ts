/**
 * One conformance suite, two implementations: the readable reference FIB (linear rule walk,
 * linear prefix scan) and the compiled one (trie + rule columns) must give the kernel's answers
 * written in routing-conformance-cases.ts.
 */
import { describe, expect, it } from "vitest";
import { answerToIpJson, compileRouting } from "../src/routing/index.js";
import type { FibImplementation } from "../src/routing/index.js";
import { CONFORMANCE } from "./routing-conformance-cases.js";

const IMPLEMENTATIONS: readonly FibImplementation[] = ["reference", "fast"];

describe.each(IMPLEMENTATIONS)("the %s FIB", (impl) => {
  for (const c of CONFORMANCE) {
    it(c.name, () => {
      const tables = compileRouting(c.config);
      const refused = Object.fromEntries(tables.lines.filter((l) => l.error !== undefined).map((l) => [l.line, l.error]));
      if (c.refusals !== undefined) expect(refused).toEqual(c.refusals);
      for (const e of c.expect) {
        const r = tables.get(e.query, impl);
        if (typeof e.want === "string") {
          expect(r.ok ? JSON.stringify(answerToIpJson(tables.state, r.answer)) : r.error, e.query).toBe(e.want);
          continue;
        }
        expect(r.ok ? "" : r.error, e.query).toBe("");
        if (!r.ok) continue;
        const json = answerToIpJson(tables.state, r.answer);
        const got = { type: json.type ?? "unicast", dev: json.dev, gateway: json.gateway, table: json.table, prefsrc: json.prefsrc };
        expect(got, e.query).toEqual({ type: "unicast", dev: undefined, gateway: undefined, table: undefined, prefsrc: undefined, ...e.want });
      }
    });
  }
});
