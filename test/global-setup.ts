/**
 * Before any test: build dist/ (tsc, then the bundle of scripts/bundle-cli.mjs) when it is
 * missing or older than a source, so the tests that run the built executable or the built pool
 * worker (test/cli-helpers.ts `nicsimProcess`, test/pool-helpers.ts `builtWorker`) never run a
 * stale build. `npm test` builds first, so there it finds dist/ fresh and does nothing.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** What the build reads; dist/bin/nicsim.js is its last output. */
const SOURCES = ["src", "bench", "scripts", "package.json", "tsconfig.json"];
const LAST_OUTPUT = "dist/bin/nicsim.js";

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

export function buildIsStale(): boolean {
  if (!existsSync(LAST_OUTPUT)) return true;
  const built = statSync(LAST_OUTPUT).mtimeMs;
  return SOURCES.some((p) => existsSync(p) && newestMtime(p) > built);
}

export default function setup(): void {
  if (!buildIsStale()) return;
  const built = spawnSync("npm", ["run", "build", "--silent"], { encoding: "utf8" });
  if (built.status !== 0) throw new Error(`npm run build failed before the tests:\n${built.stdout}${built.stderr}`);
}
