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
 * accept_local and send_redirects are all || dev; forwarding and IPv6 addr_gen_mode are the
 * device's own value (addr_gen_mode is read when the device comes up: `default` or the
 * device's key, which nicsim applies before that). The multipath hash sysctls
 * (`net.ipv4.fib_multipath_hash_{policy,fields,seed}`, `net.ipv6.fib_multipath_hash_{policy,fields}`)
 * are per namespace.
 */
import type { Device, RoutingSysctls } from "../types.js";

type Knob = "forwarding" | "rp_filter" | "ignore_routes_with_linkdown" | "accept_local" | "send_redirects" | "addr_gen_mode";

const KNOBS: readonly Knob[] = ["forwarding", "rp_filter", "ignore_routes_with_linkdown", "accept_local", "send_redirects", "addr_gen_mode"];
/** The per-device knobs of each family nicsim models. */
const V4_KNOBS: readonly Knob[] = ["forwarding", "rp_filter", "ignore_routes_with_linkdown", "accept_local", "send_redirects"];
const V6_KNOBS: readonly Knob[] = ["forwarding", "ignore_routes_with_linkdown", "addr_gen_mode"];

/** Kernel defaults for a new network namespace. */
const DEFAULTS: Readonly<Record<Knob, number>> = {
  forwarding: 0,
  rp_filter: 0,
  ignore_routes_with_linkdown: 0,
  accept_local: 0,
  send_redirects: 1,
  addr_gen_mode: 0,
};

/** Per-namespace multipath hash sysctls: name → [family, what, largest value]. */
const MULTIPATH: Readonly<Record<string, readonly [4 | 6, "policy" | "fields" | "seed", number]>> = {
  "net.ipv4.fib_multipath_hash_policy": [4, "policy", 3],
  "net.ipv4.fib_multipath_hash_fields": [4, "fields", 0xffffffff],
  "net.ipv4.fib_multipath_hash_seed": [4, "seed", 0xffffffff],
  "net.ipv6.fib_multipath_hash_policy": [6, "policy", 3],
  "net.ipv6.fib_multipath_hash_fields": [6, "fields", 0xffffffff],
};

/** `FIB_MULTIPATH_HASH_FIELD_DEFAULT_MASK`: source and destination address, IP protocol. */
export const DEFAULT_HASH_FIELDS = 0x7;

/** A sysctl nicsim does not know, or a value it cannot use. */
export class SysctlError extends Error {
  override readonly name = "SysctlError";
}

/** Names accepted, for messages. */
export const SYSCTL_FORMS =
  "net.ipv4.ip_forward, net.ipv4.conf.{all,default,DEV}.{forwarding,rp_filter,ignore_routes_with_linkdown,accept_local,send_redirects}, net.ipv6.conf.{all,default,DEV}.{forwarding,ignore_routes_with_linkdown}, net.ipv6.conf.{default,DEV}.addr_gen_mode, net.ipv4.fib_multipath_hash_{policy,fields,seed}, net.ipv6.fib_multipath_hash_{policy,fields}";

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
    if (knob === "addr_gen_mode" && m[2] === "all") throw new SysctlError(`${key}: give net.ipv6.conf.default.addr_gen_mode or a device's own key`);
    if ((family === 4 ? V4_KNOBS : V6_KNOBS).includes(knob)) return { family, scope: m[2], knob };
  }
  throw new SysctlError(`"${key}" is not a routing sysctl nicsim models (${SYSCTL_FORMS})`);
}

/** A number as the kernel's sysctl writes read one (base 0: `16`, `0x10`, `020`). */
function parseValue(key: string, value: string): number {
  const text = value.trim();
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
  if (/^0[0-7]+$/.test(text)) return parseInt(text, 8);
  if (/^[0-9]+$/.test(text)) return Number(text);
  throw new SysctlError(`${key}: "${value}" is not a number`);
}

/** A value the kernel would refuse, or one nicsim cannot follow. */
function checkValue(key: string, n: number): void {
  const multipath = MULTIPATH[key];
  if (multipath !== undefined) {
    if (n > multipath[2]) throw new SysctlError(`${key}: ${n} is out of range (0 to ${multipath[2]})`);
    return;
  }
  if (key.endsWith(".addr_gen_mode")) {
    if (n === 3) throw new SysctlError(`${key}: 3 (random) gives each device a random link-local address, which nicsim cannot predict; use 0 (EUI-64), 1 (none) or 2`);
    if (n > 3) throw new SysctlError(`${key}: ${n} is out of range (0 to 3)`);
  }
}

/** Checks every key and value; throws SysctlError naming the first bad one. */
export function checkSysctls(sysctls: Readonly<Record<string, string>>, devices: readonly Device[]): void {
  for (const [key, value] of Object.entries(sysctls)) {
    if (MULTIPATH[key] !== undefined) {
      checkValue(key, parseValue(key, value));
      continue;
    }
    const { scope } = parseKey(key);
    checkValue(key, parseValue(key, value));
    if (scope !== "all" && scope !== "default" && !devices.some((d) => d.name === scope)) {
      throw new SysctlError(`${key}: there is no device "${scope}"`);
    }
  }
}

/** The resolved view the lookups read. */
export function resolveSysctls(sysctls: Readonly<Record<string, string>>, devices: readonly Device[]): RoutingSysctls {
  checkSysctls(sysctls, devices);
  const fams = { 4: new Conf(devices), 6: new Conf(devices) };
  const entries = Object.entries(sysctls)
    .filter(([key]) => MULTIPATH[key] === undefined)
    .map(([key, value]) => ({ ...parseKey(key), value: parseValue(key, value) }));
  const multipath = { 4: { policy: 0, fields: DEFAULT_HASH_FIELDS, seed: 0 }, 6: { policy: 0, fields: DEFAULT_HASH_FIELDS, seed: 0 } };
  for (const [key, value] of Object.entries(sysctls)) {
    const m = MULTIPATH[key];
    if (m !== undefined) multipath[m[0]][m[1]] = parseValue(key, value);
  }
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
    addrGenMode6: (dev) => v6.dev(dev, "addr_gen_mode"),
    multipath: {
      hashPolicy4: multipath[4].policy,
      hashFields4: multipath[4].fields,
      hashPolicy6: multipath[6].policy,
      hashFields6: multipath[6].fields,
      // One seed for both families: IPv6 hashes with net.ipv4.fib_multipath_hash_seed too.
      hashSeed: multipath[4].seed,
    },
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
