/**
 * The kernel is the oracle for the dump importer: each configuration (the hand-written corpus
 * and seeded random ones) is applied in a throwaway network namespace, the kernel's own dumps
 * are captured (`ip -j link show`, `ip -j addr show`, `ip -j -4|-6 rule show`, `ip -j route
 * show table all` with both families, the routing sysctls), and nicsim rebuilds the host from
 * those dumps alone — not from the batch. Every imported line must apply, and every query must
 * be answered as the kernel answered it. One allowance, explained at onlyTheUnknowableLabel. Nothing is sent anywhere: `route get` only reads the
 * FIB. Skipped, with the reason, where namespaces cannot be made.
 *
 * Of the 60 seeded random configurations, `npm test` runs the subset that has every category of
 * all 60 (routing-random-configs.ts `coveringSubset`); NICSIM_ROUTING_FULL=1 runs all 60.
 */
import { describe, expect, it } from "vitest";
import { DumpCollector } from "../src/routing/import/dump-files.js";
import { importHost } from "../src/routing/import/host-import.js";
import type { RoutingConfig } from "../src/routing/index.js";
import { compareWithKernel } from "./routing-compare.js";
import type { Comparison } from "./routing-compare.js";
import { CORPUS } from "./routing-kernel-corpus.js";
import { namespaceUnavailable, runCasesInKernel } from "./routing-kernel-namespace.js";
import type { KernelDumps } from "./routing-kernel-namespace.js";
import { kernelTestCases } from "./routing-random-configs.js";

const unavailable = namespaceUnavailable();
const SEED = 0x1d0c;
const RANDOM_CASES = 60;
/** NICSIM_ROUTING_FULL=1: all of them; else the subset with every category of them. */
const { run: RANDOM, title: RANDOM_TITLE } = kernelTestCases(SEED, RANDOM_CASES);

function imported(dumps: KernelDumps): RoutingConfig {
  const collector = new DumpCollector(undefined);
  for (const [name, text] of Object.entries(dumps)) {
    if (!collector.add({ source: name, text, family: name.endsWith("6") ? 6 : 4 })) throw new Error(`${name} was not recognised as a dump:\n${text.slice(0, 200)}`);
  }
  return importHost(collector.dumps(undefined), 4);
}

/**
 * One thing no dump shows: whether IPv4 rules were ever changed. A namespace whose rules were
 * added and deleted back to the defaults labels local answers `"table":"local"`; its dumps are
 * those of a host whose rules were never touched, which nicsim imports as such (no label).
 * Only that label may differ, and only for such a case.
 */
function onlyTheUnknowableLabel(config: RoutingConfig, dumps: KernelDumps, nicsim: string, kernel: string): boolean {
  const rulesTouched = /^\s*(ip\s+(-[46]\s+)?)?ru(le?)?\s/m.test(config.batch);
  const v4Defaults = JSON.stringify(JSON.parse(dumps.rules4)) === '[{"priority":0,"src":"all","table":"local"},{"priority":32766,"src":"all","table":"main"},{"priority":32767,"src":"all","table":"default"}]';
  return rulesTouched && v4Defaults && nicsim === kernel.replace(',"table":"local"', "");
}

function compareImported(cases: readonly { name: string; config: RoutingConfig; queries: readonly string[] }[]): Comparison[] {
  const kernel = runCasesInKernel(cases, { dumps: true });
  return cases.map((c, i) => {
    const k = kernel[i];
    if (k.dumps === undefined) throw new Error("no dumps captured");
    const config = imported(k.dumps);
    // every imported line must apply: compare against a kernel that refused none of them
    const asImported = { lineErrors: new Map<number, string>(), answers: k.answers };
    const fast = compareWithKernel(`${c.name} [imported]`, config, c.queries, asImported, "fast");
    const reference = compareWithKernel(`${c.name} [imported, reference]`, config, c.queries, asImported, "reference");
    const dumps = k.dumps;
    const disagreements = [...fast.disagreements, ...reference.disagreements].filter((d) => !onlyTheUnknowableLabel(c.config, dumps, d.nicsim, d.kernel));
    return { ...fast, disagreements };
  });
}

function report(results: readonly Comparison[]): string {
  return results
    .flatMap((r) => r.disagreements)
    .map((d) => `${d.kind} ${d.where}\n  nicsim: ${d.nicsim}\n  kernel: ${d.kernel}`)
    .join("\n");
}

function summary(label: string, results: readonly Comparison[]): void {
  const lines = results.reduce((n, r) => n + r.lines, 0);
  const queries = results.reduce((n, r) => n + r.queries, 0);
  const off = results.reduce((n, r) => n + r.disagreements.length, 0);
  console.log(`${label} (from kernel dumps): ${results.length} configurations, ${lines} imported lines, ${queries} queries, ${off} disagreements`);
}

describe.skipIf(unavailable !== undefined)(`hosts imported from the kernel's dumps agree with it${unavailable === undefined ? "" : ` (skipped: ${unavailable})`}`, () => {
  it("on the hand-written configurations", () => {
    const results = compareImported(CORPUS);
    summary("hand-written", results);
    expect(report(results)).toBe("");
  }, 900_000); // slow: a namespace per configuration

  it(RANDOM_TITLE, () => {
    const results = compareImported(RANDOM);
    summary("random", results);
    expect(report(results)).toBe("");
  }, 900_000);
});
