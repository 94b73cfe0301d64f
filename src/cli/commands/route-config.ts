/**
 * What `nicsim route … --config FILE` reads, in this order of recognition:
 *   - a full scenario (YAML/JSON with a `routing` key): validated whole, its routing used;
 *   - a file holding only the routing section (`family`, `devices`, `sysctls`, `batch`);
 *   - anything else: plain `ip -batch` text. Its devices are the ones its `dev`/`oif` words
 *     name (rules may name devices that do not exist, so their `iif`/`oif` do not count), all
 *     up unless `--devices` says otherwise.
 * `ip -j rule show` / `ip -j route show table all` dumps are not read yet.
 */
import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { ConfigError, LoadError } from "../../config/errors.js";
import { loadScenarioText } from "../../config/load.js";
import { check } from "../../config/schema-dsl.js";
import type { DeviceConfig, DeviceState, RoutingConfig } from "../../routing/index.js";
import { resolveRoutingSection, routingSection } from "../../routing/scenario-section.js";
import { UsageError } from "../usage-error.js";

const SECTION_KEYS = new Set(["family", "devices", "sysctls", "batch"]);

export interface PlainBatchOptions {
  /** `--devices eth0,eth1=nocarrier`: overrides the devices found in the batch. */
  readonly devices: string | undefined;
  /** `--family inet6`. */
  readonly family: string | undefined;
}

function readText(path: string): string {
  try {
    return path === "-" ? readFileSync(0, "utf8") : readFileSync(path, "utf8");
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "";
    throw new LoadError(path, code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : `cannot read: ${String(error)}`);
  }
}

/** Parses YAML/JSON quietly: undefined when the text is not a mapping. */
function mappingOf(text: string): Record<string, unknown> | undefined {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) return undefined;
  const value: unknown = doc.toJS({ maxAliasCount: 1000 });
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Devices a batch names with `dev`/`oif` on addr and route lines, in order of appearance. */
export function devicesNamedIn(batch: string): string[] {
  const names: string[] = [];
  for (const line of batch.split("\n")) {
    const words = line.replace(/#.*/, "").trim().split(/\s+/);
    let i = words[0] === "ip" ? 1 : 0;
    while (words[i]?.startsWith("-")) i += words[i] === "-f" || words[i] === "-family" ? 2 : 1;
    if (!/^(a|ad|add|addr|addre|addres|address|r|ro|rou|rout|route)$/.test(words[i] ?? "")) continue;
    for (let k = i + 1; k < words.length - 1; k++) {
      if ((words[k] === "dev" || words[k] === "oif") && words[k + 1] !== "lo" && !names.includes(words[k + 1])) names.push(words[k + 1]);
    }
  }
  return names;
}

function parseDevices(text: string): DeviceConfig[] {
  return text
    .split(",")
    .filter((part) => part.trim() !== "")
    .map((part) => {
      const [name, state = "up"] = part.trim().split("=");
      if (state !== "up" && state !== "down" && state !== "nocarrier") {
        throw new UsageError(`--devices: "${part}" must be NAME or NAME=up|down|nocarrier`);
      }
      return { name, state: state as DeviceState };
    });
}

/** Loads the routing configuration of `path` (see the header for the forms accepted). */
export function loadRoutingConfig(path: string, options: PlainBatchOptions): RoutingConfig {
  const text = readText(path);
  const mapping = mappingOf(text);
  if (mapping !== undefined && "routing" in mapping) {
    const file = loadScenarioText(text, path);
    const routing = file.points[0]?.scenario.routing;
    if (routing === undefined) throw new ConfigError("routing", "missing");
    return routing;
  }
  if (mapping !== undefined && Object.keys(mapping).length > 0 && Object.keys(mapping).every((k) => SECTION_KEYS.has(k))) {
    const checked = check(routingSection, mapping, "routing");
    try {
      return resolveRoutingSection(checked, "routing", []);
    } catch (error) {
      if (error instanceof ConfigError) throw new LoadError(path, error.message);
      throw error;
    }
  }
  if (options.family !== undefined && options.family !== "inet" && options.family !== "inet6") {
    throw new UsageError(`--family: "${options.family}" must be inet or inet6`);
  }
  const devices = options.devices !== undefined ? parseDevices(options.devices) : devicesNamedIn(text).map((name) => ({ name, state: "up" as const }));
  const section = check(routingSection, { family: options.family ?? "inet", devices, sysctls: {}, batch: text }, "routing");
  try {
    return resolveRoutingSection(section, "routing", []);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const m = /^line (\d+): (.*)$/s.exec(error.detail);
    throw m === null ? new LoadError(path, error.detail) : new LoadError(path, m[2], Number(m[1]), 1);
  }
}
