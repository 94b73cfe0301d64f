/**
 * nicsim — the library API: what `import { … } from "nicsim"` gives. An explicit list, so the
 * public surface fits on one screen; everything else is internal and may change.
 *
 *   const file = loadScenarioFile("examples/ecs-16vcpu-udp.yaml");
 *   const result = runScenario(file);            // one PointResult per sweep point
 *   console.log(result.points[0].delivered.pps);
 */

// Scenarios: load (with their notices: deprecated keys), validate, expand sweeps; the published JSON Schema.
export { ConfigError, LoadError } from "./config/errors.js";
export { loadScenarioFile, loadScenarioText } from "./config/load.js";
export { validateScenario } from "./config/validate.js";
export { expandSweep } from "./config/sweep.js";
export { scenarioJsonSchema } from "./config/schema.js";
export type { LoadedScenarioFile, Scenario, ScenarioFile, SweepPoint } from "./config/scenario.js";
export { deprecationLine, type ConfigNotice } from "./config/notices.js";

// Running: a whole scenario file, or one job (one point, one seed).
export { runScenario, type RunOptions } from "./pool/run-scenario.js";
export { runJob } from "./engine/job.js";
export type { JobCounters } from "./engine/simulation.js";

// Results: the versioned document `--json` writes.
export { RESULT_SCHEMA_VERSION } from "./report/result-model.js";
export type { PointResult, RunResult } from "./report/result-model.js";

// Building blocks with the kernel's arithmetic.
export { MICROSOFT_RSS_KEY, parseRssKey } from "./rss/key.js";
export { toeplitzTable, hashIpv4, hashIpv4Ports, hashIpv6, hashIpv6Ports } from "./rss/toeplitz.js";
export { defaultIndirection, queueOf } from "./rss/indirection.js";
export { parseCpuMask, formatCpuMask, CpuMaskError } from "./rps/cpumask.js";
export { parseCpuList, CpuListError } from "./rps/cpulist.js";
export { rpsTargetCpu } from "./rps/rps-map.js";
export { RfsTables } from "./rps/rfs.js";
export { LatencyHistogram } from "./stats/latency-histogram.js";
export { summarizeLatency, type LatencySummaryUs } from "./stats/latency-summary.js";
export { Prng } from "./traffic/prng.js";
export { VERSION } from "./version.js";
