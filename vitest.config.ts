import { defineConfig } from "vitest/config";

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
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
