/**
 * config — the scenario file: its shape, defaults, validation, loading and sweeps.
 *
 * Each section has one home, `sections/<name>.ts`: its schema fragment (in the small DSL of
 * `schema-dsl.ts`, which both validates documents and emits the published JSON Schema, so the
 * two cannot drift), its defaults with their sources, its resolved type, and its resolver (the
 * rules that span fields, conversion to engine units: ns, CPU cycles, bytes, integers, prefix
 * words). `schema.ts` puts the schemas together (`schema/scenario.schema.json`), `scenario.ts`
 * the resolved types (`Scenario`), `validate.ts` the resolvers. Every bad input becomes one
 * `ConfigError` whose message names the path, the value and what is allowed:
 * `nics[0].queues: 16 exceeds maxQueues 8`. Nothing half-valid reaches the engine. Keys that
 * still work but have a replacement come back as notices (`notices.ts`) with the scenario.
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
 *   bandwidth    egress { mbps, burst, latency (ms) | limit, peakrate (Mbps), mtu, mpu, overhead },
 *                ingress { mbps, burst, mtu, exceed }, internalGbps, reply, arpBackground, nics
 *   routing      family, devices, sysctls, batch (`ip -batch` text)
 *   costs        CPU cycles per stage (hardIrq, pollOverhead, driverPerPacket, stackPerPacket,
 *                perByte per byte, rpsEnqueue, ipi), distribution "fixed" | "exponential"
 *   kernel       napiWeight, netdevBudget, netdevBudgetUsecs (µs), maxBacklog, devWeight
 *   run          duration / warmup ("200ms", "0.2s", "50us", "100ns"), seed, replications
 *   sweep        { axis: [values] }: "queues" (every NIC) or a path such as "traffic.load.pps"
 *
 * Units: durations carry their unit in the text and become integer ns; costs are CPU cycles
 * (ns = cycles / ghz); sizes are frame bytes; loads are packets/s or Mbit/s of frame bytes.
 *
 * See also: the `*_DEFAULTS` of each section (every default and its source), `rps/cpumask.ts`
 * (mask syntax).
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
  LoadedScenarioFile,
  Scenario,
  ScenarioFile,
  SizeMix,
  SweepPoint,
  Traffic,
} from "./scenario.js";
export { ConfigError, LoadError } from "./errors.js";
export { resolveScenario, validateScenario, type ResolvedScenario } from "./validate.js";
export { expandScenario, expandSweep, MAX_SWEEP_POINTS } from "./sweep.js";
export { deprecationLine, type ConfigNotice, type DeprecatedKeyNotice } from "./notices.js";
export { loadScenarioFile, loadScenarioText } from "./load.js";
export { scenarioJsonSchema } from "./schema.js";
export { parseDuration } from "./durations.js";
export { parseInterfaceAddress, parsePoolPrefix, prefixContains } from "./addresses.js";
export { COST_DEFAULTS } from "./sections/costs.js";
export { HOST_DEFAULTS } from "./sections/host.js";
export { IRQ_DEFAULTS } from "./sections/irq.js";
export { KERNEL_DEFAULTS } from "./sections/kernel.js";
export { NIC_DEFAULTS } from "./sections/nics.js";
export { PROFILE_DEFAULT } from "./sections/profile.js";
export { RPS_DEFAULTS } from "./sections/rps.js";
export { RSS_DEFAULTS } from "./sections/rss.js";
export { RUN_DEFAULTS } from "./sections/run.js";
export { TRAFFIC_DEFAULTS } from "./sections/traffic.js";
