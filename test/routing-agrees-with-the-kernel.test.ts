/**
 * The kernel is the oracle: every configuration of the corpus (hand-written, one per behaviour
 * of docs/policy-routing.md, and seeded random ones) is applied in a throwaway network
 * namespace and every query asked with `ip -j route get`; nicsim must give the same refusal
 * for every batch line and the same answer — decision fields (type, dev, gateway, table,
 * prefsrc, error text) and the whole printed object. Nothing is sent anywhere: `route get`
 * only reads the FIB. Skipped, with the reason, where namespaces cannot be made.
 *
 * Of the 150 seeded random configurations, `npm test` runs the subset that has every category
 * of all 150 (routing-random-configs.ts `coveringSubset`: each command, option, route and rule
 * type, sysctl and query option drawn; 26 of them, a namespace each);
 * NICSIM_ROUTING_FULL=1 runs all 150, and routing-agrees-with-the-kernel-soak.test.ts more seeds.
 */
import { describe, expect, it } from "vitest";
import { compareWithKernel } from "./routing-compare.js";
import type { Comparison, Disagreement } from "./routing-compare.js";
import { CORPUS } from "./routing-kernel-corpus.js";
import { namespaceUnavailable, runCasesInKernel } from "./routing-kernel-namespace.js";
import type { KernelCase } from "./routing-kernel-namespace.js";
import type { RandomCase } from "./routing-random-configs.js";
import { categoriesOf, kernelTestCases } from "./routing-random-configs.js";

const unavailable = namespaceUnavailable();
const SEED = 0x6e1c;
const RANDOM_CASES = 150;
/** NICSIM_ROUTING_FULL=1: all of them; else the subset with every category of them. */
const { all: ALL_RANDOM, run: RANDOM, title: RANDOM_TITLE } = kernelTestCases(SEED, RANDOM_CASES);
/** Slow by nature (a namespace per configuration, ~1-7 min on 2 cores shared with other work): its own timeout. */
const KERNEL_TIMEOUT = 900_000;

interface NamedCase extends KernelCase {
  readonly name: string;
}

function report(disagreements: readonly Disagreement[]): string {
  return disagreements.map((d) => `${d.kind} ${d.where}\n  nicsim: ${d.nicsim}\n  kernel: ${d.kernel}`).join("\n");
}

function compareAll(cases: readonly NamedCase[]): Comparison[] {
  const kernel = runCasesInKernel(cases);
  return cases.map((c, i) => {
    const fast = compareWithKernel(c.name, c.config, c.queries, kernel[i], "fast");
    // the reference must agree too: it is the oracle of the compiled FIB
    const reference = compareWithKernel(`${c.name} [reference]`, c.config, c.queries, kernel[i], "reference");
    return { ...fast, disagreements: [...fast.disagreements, ...reference.disagreements] };
  });
}

function summary(label: string, results: readonly Comparison[]): void {
  const lines = results.reduce((n, r) => n + r.lines, 0);
  const queries = results.reduce((n, r) => n + r.queries, 0);
  const off = results.reduce((n, r) => n + r.disagreements.length, 0);
  console.log(`${label}: ${results.length} configurations, ${lines} batch lines, ${queries} queries, ${off} disagreements`);
}

describe.skipIf(unavailable !== undefined)(`routing agrees with the kernel${unavailable === undefined ? "" : ` (skipped: ${unavailable})`}`, () => {
  it("on the hand-written configurations", () => {
    const results = compareAll(CORPUS);
    summary("hand-written", results);
    expect(report(results.flatMap((r) => r.disagreements))).toBe("");
  }, KERNEL_TIMEOUT);

  it(RANDOM_TITLE, () => {
    const results = compareAll(RANDOM);
    summary("random", results);
    expect(report(results.flatMap((r) => r.disagreements))).toBe("");
  }, KERNEL_TIMEOUT);
});

it(`the random configurations run by default have every category of all ${RANDOM_CASES} (routing-random-configs.ts categoriesOf)`, () => {
  const missing = (all: readonly RandomCase[], subset: readonly RandomCase[]): string[] => {
    const have = new Set(subset.flatMap((c) => [...categoriesOf(c)]));
    return [...new Set(all.flatMap((c) => [...categoriesOf(c)]))].filter((k) => !have.has(k));
  };
  expect(missing(ALL_RANDOM, RANDOM)).toEqual([]);
  // and a subset of its own, which the check above would catch if it dropped a category
  expect(missing(ALL_RANDOM, ALL_RANDOM.slice(0, 10)).length).toBeGreaterThan(0);
});
