/**
 * The kernel is the oracle: every configuration of the corpus (hand-written, one per behaviour
 * of facts/policy-routing.md, and seeded random ones) is applied in a throwaway network
 * namespace and every query asked with `ip -j route get`; nicsim must give the same refusal
 * for every batch line and the same answer — decision fields (type, dev, gateway, table,
 * prefsrc, error text) and the whole printed object. Nothing is sent anywhere: `route get`
 * only reads the FIB. Skipped, with the reason, where namespaces cannot be made.
 */
import { describe, expect, it } from "vitest";
import { compareWithKernel } from "./routing-compare.js";
import type { Comparison, Disagreement } from "./routing-compare.js";
import { CORPUS } from "./routing-kernel-corpus.js";
import { namespaceUnavailable, runCasesInKernel } from "./routing-kernel-namespace.js";
import type { KernelCase } from "./routing-kernel-namespace.js";
import { randomCase } from "./routing-random-configs.js";

const unavailable = namespaceUnavailable();
const SEED = 0x6e1c;
const RANDOM_CASES = 150;
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
  return cases.map((c, i) => ({
    ...compareWithKernel(c.name, c.config, c.queries, kernel[i]),
    // the reference must agree too: it is the oracle of the compiled FIB
    disagreements: [
      ...compareWithKernel(c.name, c.config, c.queries, kernel[i], "fast").disagreements,
      ...compareWithKernel(`${c.name} [reference]`, c.config, c.queries, kernel[i], "reference").disagreements,
    ],
  }));
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

  it(`on ${RANDOM_CASES} seeded random configurations`, () => {
    const cases = Array.from({ length: RANDOM_CASES }, (_, i) => randomCase(SEED, i));
    const results = compareAll(cases);
    summary("random", results);
    expect(report(results.flatMap((r) => r.disagreements))).toBe("");
  }, KERNEL_TIMEOUT);
});
