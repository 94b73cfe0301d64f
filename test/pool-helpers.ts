/** Shared by the pool-* tests: the small sweep, and the built worker (workers cannot run .ts). */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ensureBuilt } from "./cli-helpers.js";

export const POOL_SWEEP = "test/fixtures/pool/sweep.yaml";
export const THROWING_WORKER = pathToFileURL(resolve("test/fixtures/pool/throwing-worker.mjs"));

/** The built worker module, building dist/ first if it is missing. */
export function builtWorker(): URL {
  ensureBuilt();
  return pathToFileURL(resolve("dist/src/pool/worker.js"));
}
