/**
 * A pool thread's entry (thread-executor.ts starts it): serves jobs on its parent port. Bundled
 * into one file by scripts/bundle-cli.mjs, so a thread reads and compiles one module.
 */
import { parentPort } from "node:worker_threads";
import { runJobTask } from "./job-task.js";
import { serveJobs } from "./thread-loop.js";

if (parentPort === null) throw new Error("src/pool/worker.ts runs as a pool thread (new Worker), not on the main thread");
serveJobs(parentPort, runJobTask);
