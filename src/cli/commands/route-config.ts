/**
 * What `nicsim route … --config FILE` reads, in this order of recognition:
 *   - a host dump: a JSON array printed by `ip -j link show`, `ip -j addr show`,
 *     `ip -j [-6] rule show` or `ip -j [-6] route show table all` (the kind and family are
 *     read from the entries), or `sysctl -a` output (`name = value` lines);
 *   - a full scenario (YAML/JSON with a `routing` key beside others): its routing section
 *     validated as `nicsim run` validates it (a batch line iproute2 cannot read is an error),
 *     with the NICs' names when the section lists no devices (they are then its devices). The
 *     other sections are not read, so not loaded or checked: `nicsim validate` checks them;
 *   - a file holding only the routing section: its keys (`family`, `devices`, `sysctls`,
 *     `batch`), or a scenario fragment whose only key is `routing`;
 *   - anything else: plain `ip -batch` text. Its devices are the ones its `dev`/`oif` words
 *     name (rules may name devices that do not exist, so their `iif`/`oif` do not count), all
 *     up unless `--devices` says otherwise.
 * `--config` may be repeated to give several dumps of one host (one of each kind and family)
 * and at most one `ip -batch` file, applied after the imported state (src/routing/import).
 * Except in a full scenario (validated as `nicsim run` would), a batch line iproute2 cannot
 * read is refused on its own, like a line the kernel refuses, and the rest applies.
 */
import { readFileSync } from "node:fs";
import { ConfigError, LoadError } from "../../config/errors.js";
import { check } from "../../config/schema-dsl.js";
import { yamlLibrary } from "../../config/yaml-library.js";
import { DumpCollector } from "../../routing/import/dump-files.js";
import { importHost } from "../../routing/import/host-import.js";
import type { DeviceConfig, DeviceState, RoutingConfig } from "../../routing/index.js";
import { checkNicNames } from "../../config/sections/nic-name.js";
import { resolveRouting, routingSchema } from "../../config/sections/routing.js";
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

/**
 * Whether the text could be a YAML or JSON mapping, judged from its first content line (after
 * blank lines, comments, directives and `---`): a mapping's first line holds a key (`key:` or
 * `key: value`) or opens a flow, quoted, complex, anchored or tagged node. `ip -batch` lines never
 * do (an address's colons are never followed by a blank), so batch text skips the YAML parser.
 */
function mayBeMapping(text: string): boolean {
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith("%") || line === "---") continue;
    return /^[{[?&!"'|>*-]/.test(line) || /:(\s|$)/.test(line);
  }
  return false;
}

/** Parses YAML/JSON quietly: undefined when the text is not a mapping. */
function mappingOf(text: string): Record<string, unknown> | undefined {
  if (!mayBeMapping(text)) return undefined;
  const doc = yamlLibrary().parseDocument(text, { prettyErrors: false, uniqueKeys: true });
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

function familyOption(family: string | undefined): 4 | 6 | undefined {
  if (family === undefined) return undefined;
  if (family !== "inet" && family !== "inet6") throw new UsageError(`--family: "${family}" must be inet or inet6`);
  return family === "inet" ? 4 : 6;
}

/** Whether the text is a scenario or a routing section (not batch text). */
function isStructured(text: string): boolean {
  const mapping = mappingOf(text);
  return mapping !== undefined && ("routing" in mapping || isSection(mapping));
}

/** A routing section's own keys, all of them from the section. */
function isSection(mapping: Record<string, unknown>): boolean {
  return Object.keys(mapping).length > 0 && Object.keys(mapping).every((k) => SECTION_KEYS.has(k));
}

/** A scenario fragment whose only key is `routing`: the section it holds. */
function fragmentSection(mapping: Record<string, unknown>): unknown {
  const keys = Object.keys(mapping);
  return keys.length === 1 && keys[0] === "routing" ? (mapping.routing ?? {}) : undefined;
}

/**
 * Loads the routing configuration of one or more `--config` files (see the header): one
 * scenario, section or batch file; or dumps of one host, plus at most one batch file.
 */
export function loadRoutingConfig(paths: string | readonly string[], options: PlainBatchOptions): RoutingConfig {
  const list = typeof paths === "string" ? [paths] : paths;
  const family = familyOption(options.family);
  const collector = new DumpCollector(family);
  const others: { path: string; text: string }[] = [];
  for (const path of list) {
    const text = readText(path);
    if (!collector.add({ source: path, text })) others.push({ path, text });
  }
  if (others.length > 1) {
    throw new UsageError(`--config: ${others[0].path} and ${others[1].path} are both configurations; repeat --config only for ip -j dumps and sysctl output of one host, with at most one ip -batch file`);
  }
  if (collector.count === 0) return loadOne(others[0].path, others[0].text, options);
  const extra = others[0];
  if (extra !== undefined && isStructured(extra.text)) {
    throw new LoadError(extra.path, "a scenario or routing section cannot be combined with ip -j dumps; give an ip -batch file to apply after them");
  }
  if (options.devices !== undefined && collector.deviceSource !== undefined) throw new UsageError(`--devices: the devices come from ${collector.deviceSource}`);
  const config = importHost(collector.dumps(undefined, options.devices === undefined ? undefined : parseDevices(options.devices)), family ?? 4);
  if (extra === undefined) return config;
  return { ...config, batch: `${config.batch}\n${extra.text}` };
}

/** The routing section `value` (read from `path`) resolved, batch lines refused one by one. */
function sectionOf(path: string, value: unknown): RoutingConfig {
  const checked = check(routingSchema, value, "routing");
  try {
    return resolveRouting(checked, "routing", [], "refuse");
  } catch (error) {
    if (error instanceof ConfigError) throw new LoadError(path, error.message);
    throw error;
  }
}

/**
 * The routing of a scenario document, checked as `nicsim run` checks it (the same schema and
 * resolution, so the same messages) but without the sections routing does not read — loading and
 * checking those would cost `route get` more than its own work (bench/startup.bench.ts).
 */
function scenarioRouting(scenario: Record<string, unknown>): RoutingConfig {
  const checked = check(routingSchema, scenario.routing, "routing");
  return resolveRouting(checked, "routing", checked.devices.length > 0 ? [] : checkNicNames(scenario.nics));
}

function loadOne(path: string, text: string, options: PlainBatchOptions): RoutingConfig {
  const mapping = mappingOf(text);
  const fragment = mapping === undefined ? undefined : fragmentSection(mapping);
  if (fragment !== undefined) return sectionOf(path, fragment);
  if (mapping !== undefined && "routing" in mapping) return scenarioRouting(mapping);
  if (mapping !== undefined && isSection(mapping)) return sectionOf(path, mapping);
  if (options.family !== undefined && options.family !== "inet" && options.family !== "inet6") {
    throw new UsageError(`--family: "${options.family}" must be inet or inet6`);
  }
  const devices = options.devices !== undefined ? parseDevices(options.devices) : devicesNamedIn(text).map((name) => ({ name, state: "up" as const }));
  return sectionOf(path, { family: options.family ?? "inet", devices, sysctls: {}, batch: text });
}
