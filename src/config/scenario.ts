/**
 * The resolved scenario: what validation hands to the rest of nicsim, one resolved section per
 * key. Each section is defined, validated, defaulted and resolved in its own module under
 * `config/sections/` (its schema fragment, defaults, resolved type and resolver); this file only
 * puts them together. Every field is in engine units (ns, cycles, bytes, integers) and nothing
 * half-valid gets this type.
 */
import type { Prefix } from "./addresses.js";
import type { ConfigNotice } from "./notices.js";
import type { App } from "./sections/app.js";
import type { BandwidthConfig } from "./sections/bandwidth.js";
import type { Costs } from "./sections/costs.js";
import type { Host } from "./sections/host.js";
import type { Irq } from "./sections/irq.js";
import type { Kernel } from "./sections/kernel.js";
import type { Nic } from "./sections/nics.js";
import type { Profile } from "./sections/profile.js";
import type { RoutingConfig } from "./sections/routing.js";
import type { Run } from "./sections/run.js";
import type { Traffic } from "./sections/traffic.js";

export type { Prefix };
export type { FlowWeights, Load, PortRange, SizeMix } from "./field-types.js";
export type { App, BandwidthConfig, Costs, Host, Irq, Kernel, Nic, Profile, RoutingConfig, Run, Traffic };
export type { CostDistribution } from "./sections/costs.js";
export type { IrqPolicy, IrqbalanceSettings } from "./sections/irq.js";
export type { Rps } from "./sections/rps.js";
export type { Rss } from "./sections/rss.js";
export type { Arrival, Protocol } from "./sections/traffic.js";

export interface Scenario {
  readonly profile: Profile;
  readonly host: Host;
  readonly nics: readonly Nic[];
  readonly irq: Irq;
  readonly traffic: Traffic;
  readonly costs: Costs;
  readonly kernel: Kernel;
  readonly run: Run;
  /** Policy routing (`routing` section), when given; compile with `compileRouting`. */
  readonly routing?: RoutingConfig;
  /** Bandwidth caps (`bandwidth` section), when given. */
  readonly bandwidth?: BandwidthConfig;
  /** The application reading the datagrams (`app` section), when given: without it no application work is charged. */
  readonly app?: App;
}

/** One point of a sweep: the values its axes took, and the scenario they produce. */
export interface SweepPoint {
  /** Axis name → value, in the order the axes were declared (e.g. `{ queues: 4 }`). */
  readonly params: Readonly<Record<string, number | string>>;
  readonly scenario: Scenario;
}

/** A scenario file: the base scenario and its sweep points (one point when no sweep). */
export interface ScenarioFile {
  /** Where it came from (file path or `built-in`). */
  readonly source: string;
  /** The document as written (after YAML/JSON parsing), kept for reports. */
  readonly raw: unknown;
  readonly points: readonly SweepPoint[];
}

/** What the loader returns: the file, and what loading it has to tell (config/notices.ts). */
export interface LoadedScenarioFile extends ScenarioFile {
  /** Once per file, whatever the number of sweep points; empty for a file in the current format. */
  readonly notices: readonly ConfigNotice[];
}
