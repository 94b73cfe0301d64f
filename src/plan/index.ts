/**
 * plan — answer the planning questions directly: how much load a configuration carries under an
 * SLO, which host settings are best, and how to move a host to them safely.
 *
 * Capacity  `capacityOf` (capacity.ts): for every point of a scenario's sweep (the load axis
 *           taken out), bracket then bisect the load (capacity-search.ts) with probes of several
 *           replications on the pool (probe-runner.ts: one executor for the whole search, common
 *           random numbers per configuration); a probe meets the SLO when every term's 95 %
 *           interval does (slo.ts, slo-verdict.ts). Output: the capacity document
 *           (capacity-model.ts, kind `nicsim-capacity`, version 1) as a table, Markdown or HTML
 *           chart (capacity-text.ts, capacity-html.ts); `compare` gates two of them
 *           (capacity-compare.ts, capacity-read.ts).
 * Tune      `tune` (tune.ts): the space of host settings (tune-space.ts: queue count, IRQ
 *           placement, RPS masks, a load-aware `ethtool -X weight` table from
 *           rebalance-indirection.ts, RFS) searched by coordinate descent within a budget or
 *           exhaustively, each candidate scored by its capacity or its CPU cost; the tune document
 *           (tune-model.ts, kind `nicsim-tune`) ranks every host state it simulated and carries
 *           the winner's scenario; tune-text.ts prints it.
 * Rollout   `planRollout` (rollout.ts): the chosen scenario against the host's state (a scenario
 *           of the host, or a snapshot directory read by host/) → a POSIX sh script
 *           (rollout-script.ts, rollout-lib.ts): ordered as the kernel requires, idempotent,
 *           saving revert.sh first, irqbalance-aware, --dry-run, under NICSIM_ROOT with $ETHTOOL,
 *           refusing a host other than the one it was made for (device, CPUs, channels, table
 *           size); the table at the host's size in ethtool -X words (indir-ethtool-words.ts);
 *           rollout-persistence.ts prints a udev rule and a systemd unit.
 * Errors    SloError (a bad --slo term), RolloutError (a rollout that cannot be done safely),
 *           ConfigError/LoadError from config/ and host/: the CLI exits 2 with one line.
 * See also  cli/commands/{capacity,tune,rollout}.ts; README "Capacity, tuning and rollout".
 */
export { capacityOf, type CapacityRequest } from "./capacity.js";
export { searchCapacity, probeRecord, DEFAULT_RESOLUTION, type CapacitySearchOptions } from "./capacity-search.js";
export { CAPACITY_KIND, CAPACITY_SCHEMA_VERSION, type CapacityDocument, type CapacityResult, type ProbeRecord } from "./capacity-model.js";
export { compareCapacity, type CapacityComparison } from "./capacity-compare.js";
export { checkCapacityDocument, isCapacityDocument } from "./capacity-read.js";
export { capacityTable, capacityMarkdown } from "./capacity-text.js";
export { capacityHtml } from "./capacity-html.js";
export { parseSlo, SloError, type Slo, type SloTerm } from "./slo.js";
export { judgeSlo, type TermOutcome } from "./slo-verdict.js";
export { configurationsOf, loadAxis, scenarioAt, type Configuration, type LoadAxis } from "./load-axis.js";
export { ProbeRunner, type ProbeRequest } from "./probe-runner.js";
export { tune, type TuneRequest } from "./tune.js";
export { TUNE_KIND, type TuneDocument, type Evaluation } from "./tune-model.js";
export { tuneSpace, buildCandidate, type Settings, type TuneSpace } from "./tune-space.js";
export { balancedWeights, bucketLoads } from "./rebalance-indirection.js";
export { planRollout, readHost, RolloutError, type HostState, type Rollout } from "./rollout.js";
export { rolloutScript, type RolloutTarget } from "./rollout-script.js";
