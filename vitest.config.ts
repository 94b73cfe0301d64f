import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { relative } from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The longest files, longest first: they start first, so none of them is left running alone at
 * the end while the other workers idle. Without this, a clean clone (no timing cache) runs the
 * largest files first, and these are small files that wait on the kernel or on other processes.
 */
const LONGEST_FIRST = [
  "test/routing-agrees-with-the-kernel.test.ts",
  "test/routing-imported-dumps-agree-with-the-kernel.test.ts",
  "test/host-real-capture-between-two-namespaces.test.ts",
  "test/irq-irqbalance-matches-the-real-daemon.test.ts",
  "test/fuzz-loaders-refuse-bad-input-with-one-line.test.ts",
  "test/plan-rollout-script-applies-reverts-and-orders-on-a-fake-root.test.ts",
];
for (const file of LONGEST_FIRST) if (!existsSync(file)) throw new Error(`vitest.config.ts: LONGEST_FIRST names ${file}, which does not exist`);

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification): number => {
      const k = LONGEST_FIRST.indexOf(relative(process.cwd(), f.moduleId));
      return k < 0 ? LONGEST_FIRST.length : k;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Builds dist/ when a source is newer, for the tests that run the built executable or worker.
    globalSetup: ["test/global-setup.ts"],
    pool: "forks",
    // Test files share their worker's module graph instead of re-importing the sources for every
    // file: measured on the 2-vCPU VM (all but the two kernel-namespace files), vitest's CPU time
    // went from 145 s to 72 s and its import phase from 124 s to 38 s, with the same results.
    // Files that need fresh modules reset them themselves (vi.resetModules).
    isolate: false,
    // One worker more than the cores (vitest's default is one fewer: a single worker on a 2-core
    // machine): many files spend seconds waiting on child processes (namespaces, the irqbalance
    // daemon, the built CLI, a 12 s capture), and the spare worker keeps the cores busy meanwhile.
    maxWorkers: availableParallelism() + 1,
    sequence: { sequencer: LongestFirst },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
