/**
 * Seeded random routing configurations for the differential tests: a few devices in random
 * states, addresses from small overlapping pools (shared subnets, secondaries, scope link,
 * noprefixroute), routes of every type and operation with gateways that may or may not be
 * reachable, rules with random selectors and actions, random sysctls, and queries aimed at the
 * interesting addresses. Pools are small on purpose, so lines collide, overlap and get refused.
 * Every line is one iproute2 reads (a line it could not read would stop the kernel's batch).
 * Drawn on purpose too: IPv6 source-specific routes (`from`), 0.0.0.0/8 destinations and
 * sources, MACs and addr_gen_mode (link-local addresses, `fe80::`/`::` queries), weighted
 * multipath routes of both families under every hash policy with a fixed hash seed (and
 * sometimes none, where any path is accepted), and IPv6 `tos` rules and queries.
 */
import type { DeviceConfig, RoutingConfig } from "../src/routing/index.js";
import { Prng } from "../src/traffic/prng.js";

export interface RandomCase {
  readonly name: string;
  readonly config: RoutingConfig;
  readonly queries: string[];
}

class Pick {
  constructor(private readonly rng: Prng) {}

  chance(p: number): boolean {
    return this.rng.nextFloat() < p;
  }

  int(n: number): number {
    return this.rng.nextBelow(n);
  }

  one<T>(items: readonly T[]): T {
    return items[this.rng.nextBelow(items.length)];
  }
}

const V4_DESTS = [
  "default",
  "8.8.8.0/24",
  "8.8.0.0/16",
  "8.0.0.0/8",
  "198.51.100.0/24",
  "198.51.100.128/25",
  "203.0.113.0/24",
  "192.0.2.0/24",
  "192.0.2.64/26",
  "100.64.0.0/10",
  "172.16.0.0/12",
  "10.5.0.0/16",
  "10.0.0.0/8",
  "10.0.0.128/25",
  "10.1.0.0/24",
];
const V4_HOSTS = ["8.8.8.8", "8.8.4.4", "8.1.2.3", "198.51.100.7", "198.51.100.200", "203.0.113.9", "192.0.2.70", "192.0.2.1", "100.64.1.1", "172.16.5.5", "10.5.1.1", "10.9.9.9", "1.1.1.1", "0.0.0.1", "0.1.2.3"];
const V6_DESTS = ["default", "2001:db8:10::/48", "2001:db8:10::/64", "2001:db8:20::/48", "2001:db8::/32", "2001:4860::/32", "2001:db8:1::/64", "2001:db8:30::/56"];
const V6_HOSTS = ["2001:db8:10::1", "2001:db8:20::5", "2001:4860::8888", "2001:db8:30::9", "2001:db8:99::1", "2001:db8:1::77", "2001:db8:2::77", "2001:db8:3::77", "fe80::1", "fe80::ff:fe00:2", "::"];
/** Source prefixes of IPv6 source-specific routes. */
const V6_FROM = ["2001:db8:1::/64", "2001:db8:2::/64", "2001:db8::/32", "2001:db8:99::/48"];

function devices(p: Pick): DeviceConfig[] {
  const n = 2 + p.int(3);
  return Array.from({ length: n }, (_, i) => ({
    name: `eth${i}`,
    state: i === 0 ? "up" : p.chance(0.72) ? "up" : p.chance(0.55) ? "nocarrier" : "down",
    ...(p.chance(0.3) ? { mac: p.one(["02:00:00:00:00:10", "52:54:00:12:34:56", "00:16:3e:aa:bb:cc"]).replace(/.$/, String(i)) } : {}),
  }));
}

interface World {
  readonly family: 4 | 6;
  readonly devs: string[];
  /** Addresses given to devices (host part), and their subnets' gateway candidates. */
  readonly own: string[];
  readonly gateways: string[];
  readonly foreign: string[];
  readonly subnetHosts: string[];
}

function v4Addresses(p: Pick, devs: string[], lines: string[], w: World): void {
  devs.forEach((dev, i) => {
    const count = 1 + (p.chance(0.35) ? 1 : 0);
    for (let k = 0; k < count; k++) {
      const subnet = p.chance(0.25) ? 0 : i + k * 4;
      const host = p.one([19, 20, 21, 30]);
      const len = p.chance(0.1) ? 32 : p.chance(0.1) ? 16 : 24;
      const addr = `10.${subnet}.0.${host}`;
      const extras = [
        p.chance(0.1) ? "scope link" : "",
        p.chance(0.08) ? "noprefixroute" : "",
        p.chance(0.08) ? `metric ${p.one([10, 100])}` : "",
        p.chance(0.08) ? "brd +" : "",
      ].filter(Boolean);
      lines.push(`addr add ${addr}/${len} dev ${dev} ${extras.join(" ")}`.trim());
      w.own.push(addr);
      w.gateways.push(`10.${subnet}.0.1`, `10.${subnet}.0.253`);
      w.subnetHosts.push(`10.${subnet}.0.5`, `10.${subnet}.0.255`, `10.${subnet}.0.0`);
    }
  });
  if (p.chance(0.2)) {
    lines.push("addr add 192.0.2.10/32 dev lo");
    w.own.push("192.0.2.10");
  }
}

function v6Addresses(p: Pick, devs: string[], lines: string[], w: World): void {
  devs.forEach((dev, i) => {
    const count = 1 + (p.chance(0.3) ? 1 : 0);
    for (let k = 0; k < count; k++) {
      const subnet = p.chance(0.25) ? 1 : i + 1 + k * 4;
      const host = p.one(["19", "20", "21"]);
      const len = p.chance(0.15) ? 128 : 64;
      const addr = `2001:db8:${subnet}::${host}`;
      lines.push(`addr add ${addr}/${len} dev ${dev}${p.chance(0.08) ? " noprefixroute" : ""}`);
      w.own.push(addr);
      w.gateways.push(`2001:db8:${subnet}::1`, `2001:db8:${subnet}::fe`);
      w.subnetHosts.push(`2001:db8:${subnet}::5`, `2001:db8:${subnet}::`);
    }
  });
}

/** The elastic-NIC layout: per device a table with its default route and connected route, and a source rule. */
function eniShape(p: Pick, w: World, lines: string[]): void {
  w.devs.forEach((dev, i) => {
    const own = w.own.find((a) => a.startsWith("10.")) ?? "10.0.0.19";
    const gw = p.one(w.gateways);
    const table = 1001 + i;
    lines.push(`ip -4 route add default via ${gw} dev ${dev} table ${table}`);
    if (p.chance(0.6)) lines.push(`ip -4 route add 10.${i}.0.0/24 dev ${dev} src ${w.own[i] ?? own} table ${table}`);
    lines.push(`ip -4 rule add from ${w.own[i] ?? own} lookup ${table}`);
    if (p.chance(0.3)) lines.push(`ip -4 route add default via ${gw} dev ${dev} metric ${1001 + i}`);
  });
}

function addrDel(p: Pick, w: World): string {
  const addr = p.chance(0.8) ? p.one(w.own) : w.family === 4 ? "10.42.0.1" : "2001:db8:42::1";
  const len = w.family === 4 ? p.one(["/24", "/32", ""]) : p.one(["/64", "/128"]);
  return `addr del ${addr}${len} dev ${p.one(w.devs)}`;
}

function route(p: Pick, w: World): string {
  const dests = w.family === 4 ? V4_DESTS : V6_DESTS;
  const op = p.one(["add", "add", "add", "add", "add", "add", "append", "prepend", "replace", "change", "del", "del"]);
  const dst = p.one(dests);
  const table = p.chance(0.55) ? "" : ` table ${p.one(["100", "200", "300", "100", "local", "default"])}`;
  const metric = p.chance(0.6) ? "" : ` metric ${p.one([0, 10, 100, 1024])}`;
  const tos = w.family === 4 && p.chance(0.1) ? ` tos ${p.one(["0x10", "0x08"])}` : "";
  const roll = p.int(100);
  if (roll < 10) return `route ${op} ${p.one(["unreachable", "blackhole", "prohibit", "throw"])} ${dst}${table}${metric}${tos}`;
  if (roll < 13 && w.family === 4) return `route ${op} local ${p.one(["198.51.100.0/24", "192.0.2.128/25"])} dev lo${table}`;
  const via = p.chance(0.75) ? ` via ${p.chance(0.1) ? p.one(w.own) : p.chance(0.1) ? (w.family === 4 ? "10.99.0.1" : "2001:db8:99::1") : p.one(w.gateways)}` : "";
  const dev = via === "" || p.chance(0.4) ? ` dev ${p.one(w.devs)}` : "";
  const onlink = via !== "" && dev !== "" && p.chance(0.1) ? " onlink" : "";
  const src = p.chance(0.08) ? ` src ${p.one(w.own)}` : "";
  const extra = p.chance(0.05) ? " proto static" : p.chance(0.03) ? " scope link" : "";
  if (via !== "" && p.chance(0.1)) {
    const weight = (): string => (p.chance(0.5) ? ` weight ${1 + p.int(4)}` : "");
    const paths = Array.from({ length: 2 + p.int(2) }, () => `nexthop via ${p.one(w.gateways)}${weight()}`);
    return `route ${op} ${dst}${table} ${paths.join(" ")}`;
  }
  if (w.family === 6 && p.chance(0.15)) return `route ${op} ${dst}${via}${dev} from ${p.one(V6_FROM)}${table}${metric}`;
  if (p.chance(0.03)) return `route ${op} ${dst} dev lo${table}`;
  return `route ${op} ${dst}${via}${dev}${onlink}${src}${table}${metric}${tos}${extra}`;
}

function rule(p: Pick, w: World): string {
  const op = p.chance(0.85) ? "add" : "del";
  const words: string[] = [];
  if (p.chance(0.5)) words.push(`pref ${p.one([50, 100, 150, 200, 300, 1000, 32765])}`);
  if (p.chance(0.15)) words.push("not");
  const selectors = p.int(3);
  for (let i = 0; i < selectors; i++) {
    const s = p.int(10);
    if (s === 0) words.push(`from ${p.one(w.own)}`);
    else if (s === 1) words.push(`to ${p.one(w.family === 4 ? V4_DESTS.slice(1) : V6_DESTS.slice(1))}`);
    else if (s === 2) words.push(`iif ${p.one([...w.devs, "lo", "eth9"])}`);
    else if (s === 3) words.push(`oif ${p.one([...w.devs, "eth9"])}`);
    else if (s === 4) words.push(`fwmark ${p.one(["0x1", "0x10/0xf0", "0x5", "0x0/0x1"])}`);
    else if (s === 5) words.push(`tos ${p.one(["0x10", "0x08"])}`);
    else if (s === 6) words.push("uidrange 1000-1999");
    else if (s === 7) words.push(p.chance(0.25) ? `ipproto ${p.one(["tcp", "udp"])}` : `ipproto ${p.one(["tcp", "udp"])} dport ${p.one([443, 53])}`);
    else if (s === 8) words.push("sport 1024-65534");
    else words.push(`from ${w.family === 4 ? "10.0.0.0/16" : "2001:db8::/32"}`);
  }
  const a = p.int(100);
  if (a < 70) words.push(`lookup ${p.one(["main", "100", "200", "300", "local", "default", "100", "200"])}`);
  else if (a < 80) words.push(p.one(["unreachable", "prohibit", "blackhole"]));
  else if (a < 88) words.push(`goto ${p.one([100, 150, 200, 300, 999])}`);
  else if (a < 92) words.push("nop");
  else if (a < 97) words.push(`lookup ${p.one(["main", "100"])} suppress_prefixlength ${p.one([0, 8, 24])}`);
  else words.push(`lookup ${p.one(["main", "100"])} suppress_ifgroup 0`);
  return `rule ${op} ${words.join(" ")}`;
}

function queries(p: Pick, w: World): string[] {
  const hosts = w.family === 4 ? [...V4_HOSTS, ...w.own, ...w.subnetHosts, "255.255.255.255", "224.0.0.1", "127.0.0.1", "0.0.0.0"] : [...V6_HOSTS, ...w.own, ...w.subnetHosts, "ff02::1", "::1"];
  const foreign = w.family === 4 ? ["10.0.0.50", "198.51.100.9", "10.1.0.77", "192.0.2.99", "8.8.8.8", "1.31.140.15", "0.0.0.7"] : ["2001:db8:1::99", "2001:db8:77::1", "2001:4860::1", "2001:db8:2::5", "fe80::9"];
  const out: string[] = [];
  const n = 18 + p.int(12);
  for (let i = 0; i < n; i++) {
    const words = [p.chance(0.1) ? "fibmatch" : "", p.one(hosts)];
    if (p.chance(0.25)) {
      words.push(`from ${p.chance(0.8) ? p.one(foreign) : p.one(w.own)}`, `iif ${p.one([...w.devs, "lo"])}`);
    } else {
      if (p.chance(0.3)) words.push(`from ${p.chance(0.8) ? p.one(w.own) : p.one(foreign)}`);
      if (p.chance(0.18)) words.push(`oif ${p.one([...w.devs, "lo"])}`);
      if (p.chance(0.1)) words.push(`uid ${p.one([0, 1500, 2500])}`);
    }
    if (p.chance(0.15)) words.push(`mark ${p.one(["0x1", "0x5", "0x10", "0x110", "0x6"])}`);
    if (p.chance(0.1)) words.push(`tos ${p.one(["0x10", "0x08", "0x14"])}`);
    if (p.chance(0.15)) words.push(`ipproto ${p.one(["tcp", "udp"])} sport ${p.one([53, 5000, 65535])} dport ${p.one([443, 53])}`);
    out.push(words.filter(Boolean).join(" "));
  }
  return out;
}

/** Case `index` of the seeded series. */
export function randomCase(seed: number, index: number): RandomCase {
  const p = new Pick(new Prng(seed, index + 1));
  const family: 4 | 6 = p.chance(0.25) ? 6 : 4;
  const devs = devices(p);
  const w: World = { family, devs: devs.map((d) => d.name), own: [], gateways: [], foreign: [], subnetHosts: [] };
  const lines: string[] = [];
  if (family === 4) v4Addresses(p, w.devs, lines, w);
  else v6Addresses(p, w.devs, lines, w);
  if (family === 4 && p.chance(0.3)) eniShape(p, w, lines);
  const body = 8 + p.int(25);
  for (let i = 0; i < body; i++) {
    const r = p.int(100);
    if (r < 5) lines.push(addrDel(p, w));
    else if (r < 8 && family === 4) lines.push(p.one(["ip -6 addr add 2001:db8:9::1/64 dev eth0", "ip -6 route add default via 2001:db8:9::fe", "ip -6 rule add from 2001:db8:9::1 lookup 100"]));
    else lines.push(r < 62 ? route(p, w) : rule(p, w));
  }
  const sysctls: Record<string, string> = {};
  if (family === 4) {
    if (p.chance(0.5)) sysctls["net.ipv4.ip_forward"] = "1";
    if (p.chance(0.4)) sysctls["net.ipv4.conf.all.rp_filter"] = p.one(["1", "2"]);
    if (p.chance(0.2)) sysctls["net.ipv4.conf.all.ignore_routes_with_linkdown"] = "1";
    if (p.chance(0.15)) sysctls[`net.ipv4.conf.${p.one(w.devs)}.rp_filter`] = p.one(["0", "1", "2"]);
    if (p.chance(0.1)) sysctls[`net.ipv4.conf.${p.one(w.devs)}.forwarding`] = p.one(["0", "1"]);
    if (p.chance(0.1)) sysctls["net.ipv4.conf.all.accept_local"] = "1";
    if (p.chance(0.1)) sysctls["net.ipv4.conf.all.send_redirects"] = "0";
  } else {
    if (p.chance(0.4)) sysctls["net.ipv6.conf.all.forwarding"] = "1";
    if (p.chance(0.2)) sysctls["net.ipv6.conf.all.ignore_routes_with_linkdown"] = "1";
  }
  // Link-local addresses: EUI-64 (the default), none, or stable privacy without a secret.
  if (p.chance(0.15)) sysctls["net.ipv6.conf.default.addr_gen_mode"] = p.one(["1", "2"]);
  if (p.chance(0.15)) sysctls[`net.ipv6.conf.${p.one(w.devs)}.addr_gen_mode`] = p.one(["0", "1", "2"]);
  // Multipath: a fixed seed makes the kernel's choice repeatable (without one any path counts).
  if (p.chance(0.8)) sysctls["net.ipv4.fib_multipath_hash_seed"] = String(1 + p.int(0xfffffff0));
  const policy = p.int(4);
  if (policy !== 0) sysctls[`net.ipv${family}.fib_multipath_hash_policy`] = String(policy);
  if (policy === 3) sysctls[`net.ipv${family}.fib_multipath_hash_fields`] = p.one(["0x0003", "0x0037", "0x0030", "0x0007", "0x0040"]);
  return { name: `random ${seed}/${index} (IPv${family})`, config: { family, devices: devs, sysctls, batch: lines.join("\n") }, queries: queries(p, w) };
}

/** Words that name an option of a batch line or a query (their values are left out). */
const OPTION_WORDS = new Set([
  "via", "dev", "table", "metric", "tos", "onlink", "src", "proto", "scope", "nexthop", "weight", "from", "to", "iif", "oif",
  "fwmark", "uidrange", "ipproto", "dport", "sport", "not", "pref", "lookup", "goto", "nop", "suppress_prefixlength",
  "suppress_ifgroup", "unreachable", "blackhole", "prohibit", "throw", "local", "noprefixroute", "brd", "fibmatch", "mark",
  "uid", "default",
]);

/**
 * What a random case exercises, as category names: its family and device states, each batch
 * line's command (`route add`, `rule del`, an `ip -6` line in an IPv4 case…) with each option and
 * route or rule type it uses, each sysctl (device names generalised), and each option of its
 * queries, with link-local and `::` destinations. A subset of cases that has every category of
 * the whole series has drawn every branch of the generator at least once.
 */
export function categoriesOf(c: RandomCase): Set<string> {
  const out = new Set<string>([`IPv${c.config.family}`]);
  for (const d of c.config.devices) {
    out.add(`device ${d.state}`);
    if (d.mac !== undefined) out.add("device mac");
  }
  for (const line of c.config.batch.split("\n")) {
    const words = line.trim().split(/\s+/);
    const prefix = words[0] === "ip" ? `${words.slice(0, 2).join(" ")} ` : "";
    const rest = prefix === "" ? words : words.slice(2);
    const command = `${prefix}${rest.slice(0, 2).join(" ")}`;
    out.add(command);
    for (const w of rest.slice(2)) if (OPTION_WORDS.has(w)) out.add(`${command} ${w}`);
  }
  for (const [key, value] of Object.entries(c.config.sysctls)) {
    const generic = key.replace(/\.conf\.eth\d+\./, ".conf.DEV.");
    out.add(`sysctl ${generic}`);
    if (/hash_(policy|fields)$/.test(key)) out.add(`sysctl ${generic}=${value}`);
  }
  for (const q of c.queries) {
    const words = q.split(/\s+/);
    for (const w of words) if (OPTION_WORDS.has(w)) out.add(`query ${w}`);
    const dst = words[0] === "fibmatch" ? words[1] : words[0];
    if (/^fe80:/.test(dst) || dst === "::") out.add(`query to ${dst}`);
  }
  return out;
}

/**
 * A small set of cases that together have every category of `cases` (greedy set cover: take the
 * case with the most categories not yet had, the earliest on a tie, until none is missing),
 * returned in series order. Deterministic.
 */
export function coveringSubset<T extends RandomCase>(cases: readonly T[]): T[] {
  const categories = cases.map((c) => [...categoriesOf(c)]);
  const missing = new Set(categories.flat());
  const taken = new Set<number>();
  while (missing.size > 0) {
    let best = -1;
    let bestCount = 0;
    categories.forEach((ks, i) => {
      if (taken.has(i)) return;
      const count = ks.filter((k) => missing.has(k)).length;
      if (count > bestCount) {
        best = i;
        bestCount = count;
      }
    });
    taken.add(best);
    for (const k of categories[best]) missing.delete(k);
  }
  return cases.filter((_, i) => taken.has(i));
}

/**
 * The kernel tests' seeded random configurations: all `count` of series `seed` with
 * NICSIM_ROUTING_FULL=1, else their covering subset; with the test title saying which.
 */
export function kernelTestCases(seed: number, count: number): { readonly all: RandomCase[]; readonly run: RandomCase[]; readonly title: string } {
  const all = Array.from({ length: count }, (_, i) => randomCase(seed, i));
  if (process.env.NICSIM_ROUTING_FULL === "1") return { all, run: all, title: `on ${count} seeded random configurations` };
  const run = coveringSubset(all);
  return {
    all,
    run,
    title: `on the ${run.length} of ${count} seeded random configurations that cover every category of them (NICSIM_ROUTING_FULL=1 runs all ${count})`,
  };
}
