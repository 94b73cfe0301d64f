/**
 * The reference FIB is the oracle of the compiled one: on seeded random configurations, every
 * `route get` (random queries) and every raw policy lookup (random flows, with and without
 * oif/tos/marks/linkstate flags) must come out the same — same route, nexthop, table, prefix
 * length and rule, or the same error.
 */
import { describe, expect, it } from "vitest";
import { compileRouting } from "../src/routing/index.js";
import { IGNORE_LINKSTATE, isResult } from "../src/routing/lookup/flow.js";
import type { FibAnswer, Flow } from "../src/routing/lookup/flow.js";
import { Prng } from "../src/traffic/prng.js";
import { randomCase } from "./routing-random-configs.js";

const SEED = 0x5eed;
const CASES = 120;

function describeAnswer(a: FibAnswer): string {
  const o = a.outcome;
  if (!isResult(o)) return `errno ${o} after ${a.rulesEvaluated} rules`;
  return `route ${o.route.id} nh ${o.nh} table ${o.table} /${o.prefixLen} rule ${o.rule?.id ?? "-"} after ${a.rulesEvaluated} rules`;
}

function randomFlows(rng: Prng, hosts: readonly bigint[], devs: number, family: 4 | 6, n: number): Flow[] {
  const pick = <T>(xs: readonly T[]): T => xs[rng.nextBelow(xs.length)];
  const flows: Flow[] = [];
  for (let i = 0; i < n; i++) {
    const random = family === 4 ? BigInt(rng.nextU32()) : (BigInt(rng.nextU32()) << 96n) | BigInt(rng.nextU32());
    flows.push({
      daddr: rng.nextBelow(4) === 0 ? random : pick(hosts),
      saddr: rng.nextBelow(3) === 0 ? pick(hosts) : 0n,
      iif: rng.nextBelow(4) === 0 ? 2 + rng.nextBelow(devs) : 1,
      oif: rng.nextBelow(5) === 0 ? 1 + rng.nextBelow(devs + 1) : 0,
      mark: pick([0, 0, 0, 1, 5, 6, 0x10, 0x110]),
      tos: pick([0, 0, 0, 0x08, 0x10, 0x14]),
      scope: pick([0, 0, 0, 253, 254]),
      uid: pick([0, 0, 1500, 2500]),
      proto: pick([0, 0, 6, 17]),
      sport: pick([0, 53, 5000, 65535]),
      dport: pick([0, 53, 443]),
    });
  }
  return flows;
}

describe("the compiled FIB agrees with the reference", () => {
  it(`on route get for ${CASES} random configurations`, () => {
    let compared = 0;
    for (let i = 0; i < CASES; i++) {
      const c = randomCase(SEED, i);
      const tables = compileRouting(c.config);
      for (const q of c.queries) {
        expect(tables.getJson(q, "fast"), `${c.name}: ${q}`).toEqual(tables.getJson(q, "reference"));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(CASES * 18);
  });

  it("on raw policy lookups of random flows", () => {
    const rng = new Prng(SEED, 99);
    for (let i = 0; i < CASES; i++) {
      const c = randomCase(SEED, i);
      const tables = compileRouting(c.config);
      const fam = c.config.family;
      const hosts: bigint[] = [];
      for (const table of tables.state.family(fam).tables.values()) for (const leaf of table.leaves.values()) hosts.push(leaf.dst, leaf.dst + 1n);
      if (hosts.length === 0) continue;
      for (const flow of randomFlows(rng, hosts, c.config.devices.length, fam, 60)) {
        for (const flags of [0, IGNORE_LINKSTATE]) {
          const fast = tables.fast.lookup(fam, flow, flags);
          const ref = tables.reference.lookup(fam, flow, flags);
          expect(describeAnswer(fast), `${c.name}: ${JSON.stringify(flow, (_k, v) => (typeof v === "bigint" ? v.toString(16) : v))}`).toBe(describeAnswer(ref));
        }
      }
    }
  });
});
