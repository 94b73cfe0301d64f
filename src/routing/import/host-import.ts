/**
 * A host's dumps → one `RoutingConfig` whose batch rebuilds the dumped state:
 *   1. devices from the link dump (else the addr dump, else the devices the routes name, up);
 *   2. the sysctls the model knows, from `sysctl -a` text;
 *   3. `addr add` for every address (the local, broadcast and connected routes follow from them,
 *      as in the kernel); without an addr dump, the addresses the routes show
 *      (addrs-from-routes.ts);
 *   4. per family with a route dump, the difference between the routes the model now has and
 *      the dumped ones: `route append` for each dumped route it lacks (direct routes before
 *      routes via a gateway, which need them), then `route del` for each route it has that the
 *      dump does not (a connected route someone deleted, …). A gateway the kernel accepted
 *      when it could reach it, and that the replay cannot reach, is reached through a
 *      temporary `GW dev D` route (`proto 252`) deleted right after;
 *   5. per family, the rules (nothing when they are the defaults): last, because the kernel
 *      checks gateways through the rules, and a rule added after a route may hide its gateway;
 *   6. then any batch text given besides the dumps (changes to try on the captured host).
 * Each generated line is checked as iproute2 would read it; a line it cannot read is an error
 * naming the file and the dump entry.
 */
import { LoadError } from "../../config/errors.js";
import { parseCommand } from "../batch/parse-batch.js";
import { BatchSyntaxError } from "../batch/words.js";
import { buildState, makeDevices } from "../model/build.js";
import type { DeviceConfig, RoutingConfig } from "../model/build.js";
import type { Family } from "../types.js";
import { importAddrs } from "./addrs-json.js";
import { addrsFromRoutes } from "./addrs-from-routes.js";
import { DumpError } from "./dump-entries.js";
import type { DumpEntry, ImportedLine } from "./dump-entries.js";
import { importLinks } from "./links-json.js";
import { modelRouteSpecs } from "./model-routes.js";
import type { RouteSpec } from "./route-spec.js";
import { importRoutes } from "./routes-json.js";
import type { DumpedRoute } from "./routes-json.js";
import { importRules, ruleFamily } from "./rules-json.js";
import { importSysctls } from "./sysctl-text.js";

/** One dump file, read and recognised. */
export interface DumpFile {
  readonly source: string;
  readonly entries: readonly DumpEntry[];
}

export interface HostDumps {
  readonly links?: DumpFile;
  readonly addrs?: DumpFile;
  readonly rules4?: DumpFile;
  readonly rules6?: DumpFile;
  readonly routes4?: DumpFile;
  readonly routes6?: DumpFile;
  readonly sysctls?: { readonly source: string; readonly text: string };
  /** Batch text applied after the imported state. */
  readonly batch?: string;
  /** Devices for dumps without a link or addr dump (otherwise: those the routes name, up). */
  readonly devices?: readonly DeviceConfig[];
}

/** Runs `fn` with errors of a dump turned into LoadErrors naming its file. */
function inFile<T>(source: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof DumpError) throw new LoadError(source, error.detail);
    throw error;
  }
}

/** Which family a rules dump holds; `fallback` when nothing in it tells. */
export function rulesFamily(source: string, entries: readonly DumpEntry[], fallback: Family | undefined): Family {
  return inFile(source, () => {
    const seen = ruleFamily(entries);
    if (seen !== undefined) return seen;
    if (entries.some((e) => e.fields.priority === 32767 && e.fields.table === "default")) return 4;
    // IPv6's default rules exactly: IPv4 would still have its pref-32767 rule
    if (importRules(entries, 6).length === 0) return 6;
    if (fallback !== undefined) return fallback;
    throw new DumpError(`cannot tell IPv4 from IPv6 rules (no address and no pref-32767 "default" rule in them); give --family inet or inet6`);
  });
}

function checkLines(source: string, lines: readonly ImportedLine[], devices: readonly DeviceConfig[]): string[] {
  const known = makeDevices(devices);
  return lines.map(({ entry, line }) => {
    try {
      parseCommand(line.split(" "), { family: 4, hasDevice: (name) => known.some((d) => d.name === name) });
    } catch (error) {
      if (!(error instanceof BatchSyntaxError)) throw error;
      const where = entry === undefined ? "" : `entry ${entry.index}: `;
      throw new LoadError(source, `${where}cannot be replayed as "${line}": ${error.message.trim()}`);
    }
    return line;
  });
}

function devicesOfRoutes(routes: readonly DumpedRoute[]): DeviceConfig[] {
  const names: string[] = [];
  for (const { spec } of routes) {
    for (const m of spec.line.matchAll(/ dev (\S+)/g)) if (m[1] !== "lo" && !names.includes(m[1])) names.push(m[1]);
  }
  return names.map((name) => ({ name, state: "up" }));
}

/** `route append` the dumped routes the base lacks, then `route del` the base routes the dump lacks. */
function routeDifference(family: Family, base: readonly RouteSpec[], dumped: readonly DumpedRoute[]): ImportedLine[] {
  const unmatched = new Map<string, number>();
  for (const s of base) unmatched.set(s.key, (unmatched.get(s.key) ?? 0) + 1);
  const appends: DumpedRoute[] = [];
  for (const d of dumped) {
    const n = unmatched.get(d.spec.key) ?? 0;
    if (n > 0) unmatched.set(d.spec.key, n - 1);
    else appends.push(d);
  }
  const deletes: RouteSpec[] = [];
  for (const s of base) {
    const n = unmatched.get(s.key) ?? 0;
    if (n > 0) {
      unmatched.set(s.key, n - 1);
      deletes.push(s);
    }
  }
  const ordered = [...appends.filter((d) => !d.spec.viaGateway), ...appends.filter((d) => d.spec.viaGateway)];
  return [
    ...ordered.map((d) => ({ entry: d.entry, line: `ip -${family} route append ${d.spec.line}` })),
    ...deletes.map((s) => ({ entry: undefined, line: `ip -${family} route del ${s.line}` })),
  ];
}

/** `proto` of the temporary routes that make a dumped gateway reachable again while it is added. */
export const SCAFFOLD_PROTOCOL = 252;

const UNREACHABLE_GATEWAY = new Set(["Error: Nexthop has invalid gateway.", "RTNETLINK answers: No route to host"]);

/** Refused because the route's IPv4 `src` is no longer an address here. */
const GONE_PREFSRC = "Error: Invalid prefsrc address.";

/**
 * A dumped route's gateway may no longer be reachable the way it was when the route was added
 * (the kernel checks only then: the route it went through may be gone). Such a route is added
 * between a temporary `GW dev D` route in its table and that route's deletion. Likewise an IPv4
 * route outside main keeps its `src` after that address is deleted (`fib_sync_down_addr` only
 * kills main's routes): it is added while the address is back for a moment, on `lo`.
 */
function scaffolded(lines: readonly string[], config: Omit<RoutingConfig, "batch">): string[] {
  const results = buildState({ ...config, batch: lines.join("\n") }).lines.filter((l) => l.error !== undefined && / route append /.test(l.text));
  const refused = new Set(results.filter((l) => UNREACHABLE_GATEWAY.has(l.error ?? "")).map((l) => l.line - 1));
  const goneSource = new Set(results.filter((l) => l.error === GONE_PREFSRC).map((l) => l.line - 1));
  if (refused.size === 0 && goneSource.size === 0) return [...lines];
  const out: string[] = [];
  lines.forEach((line, i) => {
    const src = / src (\S+)/.exec(line)?.[1];
    if (goneSource.has(i) && src !== undefined) {
      out.push(`ip -4 addr add ${src}/32 dev lo`, line, `ip -4 addr del ${src}/32 dev lo`);
      return;
    }
    if (!refused.has(i)) {
      out.push(line);
      return;
    }
    const prefix = line.slice(0, line.indexOf(" route append "));
    const table = / table (\S+)/.exec(line)?.[1] ?? "main";
    // an IPv4 multipath route may name one path twice: one scaffold each
    const scaffolds = [...new Set([...line.matchAll(/ via (\S+) dev (\S+)/g)].map((m) => `${m[1]} dev ${m[2]} table ${table} proto ${SCAFFOLD_PROTOCOL}`))];
    out.push(...scaffolds.map((s) => `${prefix} route append ${s}`), line, ...scaffolds.map((s) => `${prefix} route del ${s}`));
  });
  return out;
}

/** The sysctl that stops the model from making link-local addresses of its own. */
const NO_LINK_LOCAL = "net.ipv6.conf.default.addr_gen_mode";

/** The configuration that rebuilds the dumped host. */

export function importHost(dumps: HostDumps, family: Family): RoutingConfig {
  const routes4 = dumps.routes4 === undefined ? undefined : inFile(dumps.routes4.source, () => importRoutes(dumps.routes4?.entries ?? [], 4));
  const routes6 = dumps.routes6 === undefined ? undefined : inFile(dumps.routes6.source, () => importRoutes(dumps.routes6?.entries ?? [], 6));
  const deviceSource = dumps.links ?? dumps.addrs;
  const devices =
    deviceSource !== undefined
      ? inFile(deviceSource.source, () => importLinks(deviceSource.entries))
      : (dumps.devices ?? devicesOfRoutes([...(routes4 ?? []), ...(routes6 ?? [])]));
  const sysctlDump = dumps.sysctls;
  const dumped = sysctlDump === undefined ? {} : inFile(sysctlDump.source, () => importSysctls(sysctlDump.text, makeDevices(devices)));
  // The dumps list each device's link-local address: the model adds them from there, and
  // makes none of its own (addr_gen_mode 1 for every device).
  const sysctls: Record<string, string> = { [NO_LINK_LOCAL]: "1" };
  for (const [key, value] of Object.entries(dumped)) if (!key.endsWith(".addr_gen_mode")) sysctls[key] = value;
  const lines: string[] = [];
  if (dumps.addrs !== undefined) {
    const addrs = dumps.addrs;
    if (dumps.links !== undefined) {
      for (const e of addrs.entries) {
        const name = e.fields.ifname;
        if (name !== "lo" && !devices.some((d) => d.name === name)) inFile(addrs.source, () => e.fail(`device ${JSON.stringify(name)} is not in ${dumps.links?.source ?? "the links"}`));
      }
    }
    lines.push(...checkLines(addrs.source, inFile(addrs.source, () => importAddrs(addrs.entries)), devices));
  } else if (dumps.routes4 !== undefined || dumps.routes6 !== undefined) {
    const source = dumps.routes4?.source ?? dumps.routes6?.source ?? "";
    // devices in their order: which device is first matters for prefixes they share
    const order = (line: ImportedLine): number => devices.findIndex((d) => line.line.endsWith(` dev ${d.name}`) || line.line.includes(` dev ${d.name} `));
    const inferred = addrsFromRoutes(dumps.routes4?.entries ?? [], dumps.routes6?.entries ?? []);
    const sorted = [...inferred.filter((l) => l.line.startsWith("ip -4")), ...inferred.filter((l) => l.line.startsWith("ip -6"))].sort((a, b) => order(a) - order(b));
    lines.push(...checkLines(source, sorted, devices));
  }
  const base = buildState({ family, devices, sysctls, batch: lines.join("\n") }).state;
  for (const [f, routes, file] of [[4, routes4, dumps.routes4], [6, routes6, dumps.routes6]] as const) {
    if (routes === undefined || file === undefined) continue;
    lines.push(...checkLines(file.source, routeDifference(f, modelRouteSpecs(base, f), routes), devices));
  }
  // rules last: a gateway is checked through the rules, which were not all there when it was added
  for (const [f, rules] of [[4, dumps.rules4], [6, dumps.rules6]] as const) {
    if (rules !== undefined) lines.push(...checkLines(rules.source, inFile(rules.source, () => importRules(rules.entries, f)), devices));
  }
  const replay = scaffolded(lines, { family, devices, sysctls });
  const batch = [...replay, ...(dumps.batch === undefined ? [] : [dumps.batch])].join("\n");
  return { family, devices, sysctls, batch };
}
