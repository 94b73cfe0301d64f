/**
 * host — start from a real host: snapshot it, import it as a scenario, calibrate the costs from
 * its own counters.
 *
 * Snapshot  `snapshot.sh` (printed by `nicsim snapshot --script`): a POSIX sh script that only
 *           reads. It writes one directory (layout in its header): `manifest`, `errors` (what it
 *           could not read, and why), `cmd/` (uname, nproc, lscpu -p, ip -j dumps, irqbalance
 *           probes), `ethtool/DEV/` (-i -l -g -c -k -x -S, -n rx-flow-hash per flow type, and the
 *           --json forms this ethtool has), `fs/` (copies of procfs/sysfs/etc files under their
 *           own paths), and with `--measure S` `samples/K/` (the counters, S seconds apart).
 * Read      `readSnapshot(path)` → `HostSnapshot`: facts with their sources (read-snapshot.ts);
 *           pure parsers of every format in parse/ (ethtool text and JSON forms old and new,
 *           softnet_stat of 9–15 columns, /proc/interrupts with the queue vector names of
 *           virtio, mlx5, ixgbe/i40e/ice and ena). Unreadable content: SnapshotFormatError naming
 *           file, line and field (a LoadError: exit 2).
 * Import    `importScenario(snapshot)` → YAML text of a complete scenario, every value with its
 *           source as a comment, warnings for what was missing (import/).
 * Calibrate `calibrateCosts(snapshots)` → cycles per packet and per interrupt by least squares
 *           over CPUs and sample intervals, with R² and residuals, or a refusal saying what to
 *           measure (calibrate/).
 * See also  docs in README "Start from a real host".
 */
export { readSnapshot, NET_CORE_SYSCTLS } from "./read-snapshot.js";
export type { HostSnapshot, HostFacts, NicFacts, QueueIrqFacts, IrqbalanceFacts, CounterSample, Sourced } from "./read-snapshot.js";
export { SnapshotFiles } from "./snapshot-files.js";
export { SnapshotFormatError } from "./parse/format-error.js";
export { parseEthtoolChannels, parseEthtoolChannelsJson, rxQueues } from "./parse/ethtool-channels.js";
export type { EthtoolChannels, ChannelCounts } from "./parse/ethtool-channels.js";
export { parseEthtoolRings, parseEthtoolRingsJson } from "./parse/ethtool-rings.js";
export type { EthtoolRings } from "./parse/ethtool-rings.js";
export { parseEthtoolRxfh, parseEthtoolRxfhJson } from "./parse/ethtool-rxfh.js";
export type { EthtoolRxfh, InputXfrm } from "./parse/ethtool-rxfh.js";
export { parseEthtoolFlowHash } from "./parse/ethtool-flow-hash.js";
export { parseEthtoolDriver, parseEthtoolCoalesce, parseEthtoolCoalesceJson, parseEthtoolStats, perQueueRxPackets } from "./parse/ethtool-key-value.js";
export { parseSoftnetStat } from "./parse/softnet-stat.js";
export type { SoftnetStat, SoftnetCpu } from "./parse/softnet-stat.js";
export { parseProcInterrupts, nicDeviceIrqs, nicQueueIrqs, pciAddressOfMsiHwirq, queueOfIrqName } from "./parse/proc-interrupts.js";
export type { DeviceIrq, ProcInterrupts, InterruptRow, QueueIrq, NicIdentity } from "./parse/proc-interrupts.js";
export { parseProcStat, parseProcSoftirqs, parseUptime, parseProcNetDev, parseProcNetSnmp } from "./parse/proc-counters.js";
export type { CpuTicks, DevCounters } from "./parse/proc-counters.js";
export { parseLscpuParse, cpuinfoGhz } from "./parse/cpu-files.js";
export type { LscpuRow } from "./parse/cpu-files.js";
export { calibrate } from "./calibrate/calibrate.js";
export type { Calibration } from "./calibrate/calibrate.js";
export { CalibrationRefusal, fitCosts, distinctRates, MIN_TICKS, MIN_RATES } from "./calibrate/fit-costs.js";
export type { CostFit, FoldReason } from "./calibrate/fit-costs.js";
export { snapshotIntervals, interruptSource, delta32, USER_HZ } from "./calibrate/intervals.js";
export type { Interval, CpuInterval, InterruptSource } from "./calibrate/intervals.js";
export { calibratedCosts, costsYaml } from "./calibrate/costs-section.js";
export type { CalibratedCosts } from "./calibrate/costs-section.js";
export { leastSquares } from "./calibrate/least-squares.js";
export type { LeastSquaresFit } from "./calibrate/least-squares.js";
export { importScenario } from "./import/host-scenario.js";
export type { ImportOptions, ImportedScenario } from "./import/host-scenario.js";
export { measuredTraffic } from "./import/measured-traffic.js";
export type { MeasuredTraffic } from "./import/measured-traffic.js";
export { commentedYaml } from "./import/commented-yaml.js";
export type { Entry as YamlEntry } from "./import/commented-yaml.js";
export { snapshotScript, snapshotScriptPath } from "./snapshot-script.js";
export { reproduce, reproductionTable } from "./calibrate/reproduce.js";
export type { ReproducedInterval, ReproducedCpu } from "./calibrate/reproduce.js";
