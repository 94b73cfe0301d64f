/**
 * Builds the routing state of a host: `lo` (up, 127.0.0.1/8 and ::1) and the configured devices,
 * the default rules of each family, the sysctls, then every batch line in order. A line the
 * kernel refuses leaves the state as it was and is reported with the kernel's text; the rest
 * still applies, as with `ip -force -batch`.
 */
import { parseBatch } from "../batch/parse-batch.js";
import type { BatchLine, Request } from "../batch/requests.js";
import { FR_ACT, KernelError, SCOPE, TABLE } from "../kernel.js";
import type { Device, DeviceState, Family, Rule } from "../types.js";
import { applyAddr4 } from "./apply-addr4.js";
import { applyAddr6, addDeviceRoutes6 } from "./apply-addr6.js";
import { applyRoute4 } from "./apply-route4.js";
import { applyRoute6 } from "./apply-route6.js";
import { applyRule } from "./apply-rule.js";
import { addLinkLocal6, defaultMac, isMacText, parseMac } from "./link-local6.js";
import { LOOPBACK_IFINDEX, RoutingState } from "./state.js";
import { resolveSysctls } from "./sysctls.js";

export interface DeviceConfig {
  readonly name: string;
  readonly state: DeviceState;
  /** MAC address, `02:00:00:00:00:10`; default `02:00:00:00:HH:LL` with the ifindex (link-local6.ts). */
  readonly mac?: string;
}

/** The `routing` section of a scenario, resolved. */
export interface RoutingConfig {
  /** Family of batch lines without `-4`/`-6`. */
  readonly family: Family;
  readonly devices: readonly DeviceConfig[];
  /** Kernel sysctl names → values, applied in this order. */
  readonly sysctls: Readonly<Record<string, string>>;
  readonly batch: string;
}

/** One batch line and what became of it. */
export interface LineResult {
  readonly line: number;
  readonly text: string;
  /** The kernel's (or iproute2's) refusal, as `ip` prints it; undefined when applied. */
  readonly error: string | undefined;
}

export interface BuiltState {
  readonly state: RoutingState;
  readonly lines: readonly LineResult[];
}

/** Devices with ifindexes: `lo` is 1, the rest follow in order. */
export function makeDevices(configs: readonly DeviceConfig[]): Device[] {
  const devices: Device[] = [{ name: "lo", index: LOOPBACK_IFINDEX, state: "up", group: 0, mac: 0n }];
  for (const c of configs) {
    if (c.name === "lo") continue;
    const index = devices.length + 1;
    const mac = c.mac !== undefined && isMacText(c.mac) ? parseMac(c.mac) : defaultMac(index);
    devices.push({ name: c.name, index, state: c.state, group: 0, mac });
  }
  return devices;
}

function defaultRule(state: RoutingState, family: Family, pref: number, table: number): Rule {
  return {
    family,
    id: state.nextSerial(),
    pref,
    invert: false,
    src: 0n,
    srcLen: 0,
    dst: 0n,
    dstLen: 0,
    tos: 0,
    mark: 0,
    markMask: 0,
    iifName: "",
    oifName: "",
    table,
    action: FR_ACT.TO_TBL,
    target: 0,
    suppressPrefixlen: -1,
    suppressIfgroup: -1,
    uidRange: undefined,
    ipProto: 0,
    sport: undefined,
    dport: undefined,
    protocol: 2,
  };
}

/**
 * A fresh host: devices, default rules, `lo` addresses, and what each device that is up brings
 * for IPv6 (`ff00::/8`, then its link-local address and `fe80::/64` under addr_gen_mode 0).
 */
export function freshState(config: RoutingConfig): RoutingState {
  const devices = makeDevices(config.devices);
  const state = new RoutingState(devices, resolveSysctls(config.sysctls, devices));
  state.v4.rules.push(defaultRule(state, 4, 0, TABLE.LOCAL), defaultRule(state, 4, 32766, TABLE.MAIN), defaultRule(state, 4, 32767, TABLE.DEFAULT));
  state.v6.rules.push(defaultRule(state, 6, 0, TABLE.LOCAL), defaultRule(state, 6, 32766, TABLE.MAIN));
  state.v6.newTable(TABLE.LOCAL);
  state.v6.newTable(TABLE.MAIN);
  const lo = { kind: "addr", op: "add", dev: "lo", noprefixroute: false, broadcast: undefined, metric: undefined, lengthGiven: true } as const;
  applyAddr4(state, { ...lo, family: 4, local: 0x7f000001n, prefixLen: 8, scope: SCOPE.HOST });
  applyAddr6(state, { ...lo, family: 6, local: 1n, prefixLen: 128, scope: SCOPE.HOST });
  for (const d of devices) {
    if (d.index === LOOPBACK_IFINDEX) continue;
    addDeviceRoutes6(state, d);
    addLinkLocal6(state, d);
  }
  return state;
}

/** Applies one request; throws KernelError when refused. */
export function applyRequest(state: RoutingState, request: Request): void {
  switch (request.kind) {
    case "refused":
      throw new Error(request.message);
    case "addr":
      if (request.family === 4) applyAddr4(state, request);
      else applyAddr6(state, request);
      return;
    case "rule":
      applyRule(state, request);
      return;
    case "route":
      if (request.family === 4) applyRoute4(state, request);
      else applyRoute6(state, request);
      return;
  }
}

/** Applies parsed lines; returns what became of each. */
export function applyLines(state: RoutingState, lines: readonly BatchLine[]): LineResult[] {
  return lines.map(({ line, text, request }) => {
    if (request.kind === "refused") return { line, text, error: request.message };
    try {
      applyRequest(state, request);
      return { line, text, error: undefined };
    } catch (error) {
      if (error instanceof KernelError) return { line, text, error: error.message };
      throw error;
    }
  });
}

/** Parses and applies a whole configuration; a line iproute2 cannot read is refused on its own. */
export function buildState(config: RoutingConfig): BuiltState {
  const state = freshState(config);
  const lines = parseBatch(config.batch, { family: config.family, hasDevice: (name) => state.device(name) !== undefined });
  return { state, lines: applyLines(state, lines) };
}

