/**
 * Before any test: build dist/ (scripts/build-if-stale.mjs: tsc emit, then the bundle of
 * scripts/bundle-cli.mjs) when it is missing or older than a source, so the tests that run the
 * built executable or the built pool worker (test/cli-helpers.ts `nicsimProcess`,
 * test/pool-helpers.ts `builtWorker`) never run a stale build. `npm test` builds first, so there
 * it finds dist/ fresh and does nothing.
 */
import { spawnSync } from "node:child_process";

export default function setup(): void {
  const built = spawnSync(process.execPath, ["scripts/build-if-stale.mjs"], { encoding: "utf8" });
  if (built.status !== 0) throw new Error(`the build failed before the tests:\n${built.stdout}${built.stderr}`);
}
