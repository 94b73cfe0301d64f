/**
 * Raw document → resolved `Scenario`: the field checks of `schema.ts`, then each section's
 * resolver (config/sections/), in the order that lets a section use the ones it depends on —
 * NICs, traffic (the receiving NIC), routing, host, IRQs (placed on the host's CPUs and the NICs'
 * vectors), kernel, run, bandwidth (the traffic's network, the routing devices), app (the
 * traffic's protocol and socket mode) — and the one
 * rule that spans two late sections (routing knows the receiving NIC). Stops at the first error,
 * a `ConfigError` naming the path, the value and what is allowed.
 *
 * Besides the scenario, resolution returns its notices (config/notices.ts): the deprecated keys
 * the document used.
 */
import { ConfigError, show } from "./errors.js";
import type { ConfigNotice } from "./notices.js";
import { isMapping } from "./paths.js";
import { scenarioSchema } from "./schema.js";
import { allowedOf, check } from "./schema-dsl.js";
import type { Scenario } from "./scenario.js";
import { resolveApp } from "./sections/app.js";
import { resolveBandwidthSection } from "./sections/bandwidth.js";
import { resolveCosts } from "./sections/costs.js";
import { resolveHost } from "./sections/host.js";
import { resolveIrq } from "./sections/irq.js";
import { resolveKernel } from "./sections/kernel.js";
import { resolveNics } from "./sections/nics.js";
import { checkRoutingKnowsTheReceivingNic, resolveRouting } from "./sections/routing.js";
import { resolveRun } from "./sections/run.js";
import { resolveTraffic } from "./sections/traffic.js";

/** A resolved document: the scenario and what resolving it has to tell. */
export interface ResolvedScenario {
  readonly scenario: Scenario;
  readonly notices: readonly ConfigNotice[];
}

/** Validates a parsed scenario document (a `sweep` key, if any, is checked but not applied). */
export function validateScenario(raw: unknown): Scenario {
  return resolveScenario(raw).scenario;
}

/** `validateScenario` with the document's notices (deprecated keys). @throws ConfigError */
export function resolveScenario(raw: unknown): ResolvedScenario {
  const checked = check(scenarioSchema, requireTopLevelMapping(raw), "");
  const nics = resolveNics(checked.nics, checked.host.cpus);
  const traffic = resolveTraffic(checked.traffic, nics, checked.host.cpus);
  const receiving = nics[traffic.nic].name;
  const routing = checked.routing === undefined ? undefined : resolveRouting(checked.routing, "routing", nics.map((nic) => nic.name));
  const host = resolveHost(checked.host);
  const irq = resolveIrq(checked.irq, host, nics);
  const kernel = resolveKernel(checked.kernel);
  const run = resolveRun(checked.run);
  const bandwidth =
    checked.bandwidth === undefined
      ? undefined
      : resolveBandwidthSection(checked.bandwidth, checked.profile, traffic, {
          nics: nics.map((nic) => nic.name),
          receiving,
          egressDevices: routing === undefined ? [receiving] : routing.devices.map((d) => d.name),
        });
  if (routing !== undefined) checkRoutingKnowsTheReceivingNic(routing, { name: receiving, index: traffic.nic });
  const scenario: Scenario = {
    profile: checked.profile,
    host,
    nics,
    irq,
    traffic,
    costs: resolveCosts(checked.costs),
    kernel,
    run,
    routing,
    bandwidth: bandwidth?.bandwidth,
    app:
      checked.app === undefined
        ? undefined
        : resolveApp(checked.app, traffic, host.cpus, { appCpus: checked.traffic.appCpus !== undefined, bandwidthReply: checked.bandwidth?.reply ?? null }),
  };
  return { scenario, notices: bandwidth?.notices ?? [] };
}

/** The document must be a mapping of top-level keys; anything else gets one message. */
export function requireTopLevelMapping(raw: unknown): Record<string, unknown> {
  if (!isMapping(raw)) throw new ConfigError("", `the scenario must be ${allowedOf(scenarioSchema)}; got ${show(raw)}`);
  return raw;
}
