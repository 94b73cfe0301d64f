/**
 * config — the scenario file: its shape, defaults, validation, loading and sweeps.
 *
 * One schema (`schema.ts`, written in the small DSL of `schema-dsl.ts`) both validates documents
 * and emits the published JSON Schema (`schema/scenario.schema.json`), so the two cannot drift.
 * `validate.ts` adds the rules that span fields and converts to the resolved `Scenario`
 * (`scenario.ts`): engine units only (ns, CPU cycles, bytes, integers, prefix words). Every bad
 * input becomes one `ConfigError` whose message names the path, the value and what is allowed:
 * `nics[0].queues: 16 exceeds maxQueues 8`. Nothing half-valid reaches the engine.
 *
 * File shape (YAML or JSON; `*` = required; unknown keys are errors):
 *
 *   profile      "ecs" | "none"                              default "ecs"
 *   host*        cpus* (1..4096), ghz (GHz, default 2.5)
 *   nics*        [{ name*, addresses [CIDR], maxQueues, queues (default 1), ringSize (descriptors,
 *                   default 1024), rss { key ("microsoft" | "random" | "symmetric" | hex),
 *                   hfunc ("toeplitz" | "xor"), inputXfrm ("none" | "symmetric-xor" |
 *                   "symmetric-or-xor"), fields { tcp4, udp4, tcp6, udp6: ethtool letters of
 *                   "sdfn", default "sdfn" }, indirSize (power of two, default 128), indir
 *                   ("default" | "equal N" | "start S equal N" | "weight W…" | [queue per entry]) },
 *                   rps { cpus: mask | [mask per queue] (sysfs hex, default "0" = off) } }]
 *   irq          policy "round-robin" | "cpu0"
 *   traffic*     flows, src* / dst* (CIDR or list), protocol, srcPort / dstPort (port or "lo-hi"),
 *                weights ("uniform" | {zipf}), size (bytes | "imix" | [bytes] | {bytes, weights}),
 *                arrival ("poisson" | "constant"), load* ({pps} | {mbps}), nic (NIC name)
 *   costs        CPU cycles per stage (hardIrq, pollOverhead, driverPerPacket, stackPerPacket,
 *                perByte per byte, rpsEnqueue, ipi), distribution "fixed" | "exponential"
 *   kernel       napiWeight, netdevBudget, netdevBudgetUsecs (µs), maxBacklog, devWeight
 *   run          duration / warmup ("200ms", "0.2s", "50us", "100ns"), seed, replications
 *   sweep        { axis: [values] }: "queues" (every NIC) or a path such as "traffic.load.pps"
 *
 * Units: durations carry their unit in the text and become integer ns; costs are CPU cycles
 * (ns = cycles / ghz); sizes are frame bytes; loads are packets/s or Mbit/s of frame bytes.
 *
 * See also: `defaults.ts` (every default and its source), `rps/cpumask.ts` (mask syntax).
 */

export type {
  Arrival,
  CostDistribution,
  Costs,
  FlowWeights,
  Host,
  Irq,
  IrqPolicy,
  Kernel,
  Load,
  Nic,
  PortRange,
  Prefix,
  Profile,
  Protocol,
  Rps,
  Rss,
  Run,
  Scenario,
  ScenarioFile,
  SizeMix,
  SweepPoint,
  Traffic,
} from "./scenario.js";
export { ConfigError, LoadError } from "./errors.js";
export { validateScenario } from "./validate.js";
export { expandSweep, MAX_SWEEP_POINTS } from "./sweep.js";
export { loadScenarioFile, loadScenarioText } from "./load.js";
export { scenarioJsonSchema } from "./schema.js";
export { parseDuration } from "./durations.js";
export { parseInterfaceAddress, parsePoolPrefix, prefixContains } from "./addresses.js";
export {
  COST_DEFAULTS,
  HOST_DEFAULTS,
  IRQ_DEFAULTS,
  KERNEL_DEFAULTS,
  NIC_DEFAULTS,
  PROFILE_DEFAULT,
  RUN_DEFAULTS,
  TRAFFIC_DEFAULTS,
} from "./defaults.js";
