/**
 * The routing sysctls, by their kernel names, resolved per device as the kernel reads them.
 *
 * Order of effect (the one nicsim's kernel test reproduces): `net.ipv4.ip_forward` and the
 * `all`/`default` keys are written in the order given before the devices are created, so
 * every configured device inherits `default`; `lo` exists first and does not. Per-device keys
 * (`net.ipv4.conf.eth0.rp_filter`) are written after their device exists. Writing
 * `ip_forward` or `conf.all.forwarding` sets forwarding on every device and on `default`.
 *
 * How the kernel combines them: rp_filter is max(all, dev); ignore_routes_with_linkdown,
 * accept_local and send_redirects are all || dev; forwarding is the device's own value.
 */
import type { Device, RoutingSysctls } from "../types.js";

type Knob = "forwarding" | "rp_filter" | "ignore_routes_with_linkdown" | "accept_local" | "send_redirects";

const KNOBS: readonly Knob[] = ["forwarding", "rp_filter", "ignore_routes_with_linkdown", "accept_local", "send_redirects"];

/** Kernel defaults for a new network namespace. */
const DEFAULTS: Readonly<Record<Knob, number>> = {
  forwarding: 0,
  rp_filter: 0,
  ignore_routes_with_linkdown: 0,
  accept_local: 0,
  send_redirects: 1,
};

/** A sysctl nicsim does not know, or a value it cannot use. */
export class SysctlError extends Error {
  override readonly name = "SysctlError";
}

/** Names accepted, for messages. */
export const SYSCTL_FORMS =
  "net.ipv4.ip_forward, net.ipv4.conf.{all,default,DEV}.{forwarding,rp_filter,ignore_routes_with_linkdown,accept_local,send_redirects}, net.ipv6.conf.{all,default,DEV}.{forwarding,ignore_routes_with_linkdown}";

interface Parsed {
  readonly family: 4 | 6;
  readonly scope: string;
  readonly knob: Knob;
}

function parseKey(key: string): Parsed {
  if (key === "net.ipv4.ip_forward") return { family: 4, scope: "all", knob: "forwarding" };
  const m = /^net\.ipv([46])\.conf\.([^.]+)\.([a-z_]+)$/.exec(key);
  if (m !== null && (KNOBS as readonly string[]).includes(m[3])) {
    const family = m[1] === "4" ? 4 : 6;
    const knob = m[3] as Knob;
    if (family === 4 || knob === "forwarding" || knob === "ignore_routes_with_linkdown") return { family, scope: m[2], knob };
  }
  throw new SysctlError(`"${key}" is not a routing sysctl nicsim models (${SYSCTL_FORMS})`);
}

function parseValue(key: string, value: string): number {
  if (!/^[0-9]+$/.test(value.trim())) throw new SysctlError(`${key}: "${value}" is not a number`);
  return Number(value.trim());
}

/** Checks every key and value; throws SysctlError naming the first bad one. */
export function checkSysctls(sysctls: Readonly<Record<string, string>>, devices: readonly Device[]): void {
  for (const [key, value] of Object.entries(sysctls)) {
    const { scope } = parseKey(key);
    parseValue(key, value);
    if (scope !== "all" && scope !== "default" && !devices.some((d) => d.name === scope)) {
      throw new SysctlError(`${key}: there is no device "${scope}"`);
    }
  }
}

/** The resolved view the lookups read. */
export function resolveSysctls(sysctls: Readonly<Record<string, string>>, devices: readonly Device[]): RoutingSysctls {
  checkSysctls(sysctls, devices);
  const fams = { 4: new Conf(devices), 6: new Conf(devices) };
  const entries = Object.entries(sysctls).map(([key, value]) => ({ ...parseKey(key), value: parseValue(key, value) }));
  for (const e of entries) if (e.scope === "all" || e.scope === "default") fams[e.family].write(e.scope, e.knob, e.value, true);
  fams[4].createDevices();
  fams[6].createDevices();
  for (const e of entries) if (e.scope !== "all" && e.scope !== "default") fams[e.family].write(e.scope, e.knob, e.value, false);
  const v4 = fams[4];
  const v6 = fams[6];
  return {
    forwarding4: (dev) => v4.dev(dev, "forwarding") !== 0,
    rpFilter: (dev) => Math.max(v4.all("rp_filter"), v4.dev(dev, "rp_filter")),
    ignoreLinkdown4: (dev) => v4.all("ignore_routes_with_linkdown") !== 0 || v4.dev(dev, "ignore_routes_with_linkdown") !== 0,
    ignoreLinkdown6: (dev) => v6.all("ignore_routes_with_linkdown") !== 0 || v6.dev(dev, "ignore_routes_with_linkdown") !== 0,
    acceptLocal: (dev) => v4.all("accept_local") !== 0 || v4.dev(dev, "accept_local") !== 0,
    sendRedirects: (dev) => v4.all("send_redirects") !== 0 || v4.dev(dev, "send_redirects") !== 0,
    forwarding6: v6.all("forwarding") !== 0,
  };
}

/** One family's devconf: `all`, `default` and per device (by index). */
class Conf {
  private readonly allConf: Record<Knob, number> = { ...DEFAULTS };
  private readonly defaultConf: Record<Knob, number> = { ...DEFAULTS };
  private readonly perDev = new Map<number, Record<Knob, number>>();
  private readonly byName: ReadonlyMap<string, number>;

  constructor(private readonly devices: readonly Device[]) {
    this.byName = new Map(devices.map((d) => [d.name, d.index]));
    // `lo` exists before any sysctl is written.
    for (const d of devices) if (d.name === "lo") this.perDev.set(d.index, { ...DEFAULTS });
  }

  /** The configured devices are created now: they copy `default`. */
  createDevices(): void {
    for (const d of this.devices) if (!this.perDev.has(d.index)) this.perDev.set(d.index, { ...this.defaultConf });
  }

  write(scope: string, knob: Knob, value: number, early: boolean): void {
    if (scope === "all") {
      this.allConf[knob] = value;
      if (knob === "forwarding") {
        this.defaultConf.forwarding = value;
        for (const conf of this.perDev.values()) conf.forwarding = value;
      }
    } else if (scope === "default") {
      this.defaultConf[knob] = value;
    } else if (!early) {
      const index = this.byName.get(scope);
      const conf = index === undefined ? undefined : this.perDev.get(index);
      if (conf !== undefined) conf[knob] = value;
    }
  }

  all(knob: Knob): number {
    return this.allConf[knob];
  }

  dev(index: number, knob: Knob): number {
    return this.perDev.get(index)?.[knob] ?? this.defaultConf[knob];
  }
}
