/** Shared by the pool-* tests: the small sweep, and the built worker (workers cannot run .ts). */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

export const POOL_SWEEP = "test/fixtures/pool/sweep.yaml";
export const THROWING_WORKER = pathToFileURL(resolve("test/fixtures/pool/throwing-worker.mjs"));

/** The built worker module (test/global-setup.ts rebuilds dist/ when a source is newer). */
export function builtWorker(): URL {
  return pathToFileURL(resolve("dist/src/pool/worker.js"));
}
