/**
 * Worker of the pool bench's machine ceiling: runs the sweep points it is given, one job each,
 * with no pool around them, and reports its busy time. Two of these running at once against one
 * running alone measure how much two threads of this very workload can gain on the machine.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Scenario } from "../src/config/scenario.js";
import { runJob } from "../src/engine/job.js";

const { scenarios } = workerData as { scenarios: readonly Scenario[] };
const start = performance.now();
for (const s of scenarios) runJob(s, 1);
parentPort?.postMessage((performance.now() - start) / 1000);
