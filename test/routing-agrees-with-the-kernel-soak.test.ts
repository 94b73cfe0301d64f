/**
 * Opt-in soak of the kernel differential test: 200 seeded random configurations per seed,
 * e.g. `NICSIM_ROUTING_SOAK=1,2,3 npx vitest run test/routing-agrees-with-the-kernel-soak.test.ts`
 * (about 10 s per seed). Skipped unless NICSIM_ROUTING_SOAK lists seeds, and where namespaces
 * cannot be made.
 */
import { expect, it } from "vitest";
import { compareWithKernel } from "./routing-compare.js";
import type { Disagreement } from "./routing-compare.js";
import { namespaceUnavailable, runCasesInKernel } from "./routing-kernel-namespace.js";
import { randomCase } from "./routing-random-configs.js";

const SEEDS = (process.env.NICSIM_ROUTING_SOAK ?? "").split(",").filter((s) => s.trim() !== "").map(Number);
const unavailable = SEEDS.length === 0 ? "set NICSIM_ROUTING_SOAK=seed,seed,… to run" : namespaceUnavailable();

it.skipIf(unavailable !== undefined)(`routing agrees with the kernel on seeds ${SEEDS.join(",")}${unavailable === undefined ? "" : ` (skipped: ${unavailable})`}`, () => {
  const all: Disagreement[] = [];
  let queries = 0;
  for (const seed of SEEDS) {
    const cases = Array.from({ length: 200 }, (_, i) => randomCase(seed, i));
    const kernel = runCasesInKernel(cases);
    cases.forEach((c, i) => {
      queries += c.queries.length;
      for (const impl of ["fast", "reference"] as const) all.push(...compareWithKernel(c.name, c.config, c.queries, kernel[i], impl).disagreements);
    });
  }
  console.log(`soak: ${SEEDS.length * 200} configurations, ${queries} queries, ${all.length} disagreements`);
  expect(all.map((d) => `${d.kind} ${d.where}\n  nicsim: ${d.nicsim}\n  kernel: ${d.kernel}`).join("\n")).toBe("");
}, 3_600_000);
