/**
 * The conformance suite both FIB implementations must pass: small configurations, one per
 * behaviour of facts/policy-routing.md, with the kernel's answers written out (each one also
 * seen in a namespace by routing-agrees-with-the-kernel.test.ts). An expectation lists the
 * decision fields that must match (`type` defaults to unicast) or the error text.
 */
import type { DeviceConfig, RoutingConfig } from "../src/routing/index.js";

export interface Expectation {
  readonly query: string;
  /** The error text, or the fields of the answer that must be as given (absent: must be absent). */
  readonly want: string | { readonly type?: string; readonly dev?: string; readonly gateway?: string; readonly table?: string; readonly prefsrc?: string };
}

export interface ConformanceCase {
  readonly name: string;
  readonly config: RoutingConfig;
  readonly expect: readonly Expectation[];
  /** Batch line → the refusal it gets. */
  readonly refusals?: Readonly<Record<number, string>>;
}

const up = (...names: string[]): DeviceConfig[] => names.map((name) => ({ name, state: "up" }));
const cfg = (devices: DeviceConfig[], batch: string, sysctls: Record<string, string> = {}, family: 4 | 6 = 4): RoutingConfig => ({ family, devices, sysctls, batch });

const BASE = `addr add 10.0.0.19/24 dev eth0
addr add 10.1.0.19/24 dev eth1
route add default via 10.0.0.1`;

export const CONFORMANCE: readonly ConformanceCase[] = [
  {
    name: "equal priorities run in insertion order; automatic priorities go first",
    config: cfg(
      up("eth0", "eth1"),
      `${BASE}
route add default via 10.1.0.12 table 200
route add default via 10.1.0.4 table 400
route add default via 10.1.0.100 table 100
rule add pref 500 to 198.51.100.0/24 lookup 100
rule add pref 400 to 198.51.100.0/24 lookup 200
rule add pref 400 to 203.0.113.0/24 lookup 400
rule add pref 500 to 203.0.113.0/24 lookup 200
rule add to 203.0.113.0/24 lookup 100`,
    ),
    expect: [
      { query: "198.51.100.5", want: { dev: "eth1", gateway: "10.1.0.12", table: "200", prefsrc: "10.1.0.19" } },
      { query: "203.0.113.9", want: { dev: "eth1", gateway: "10.1.0.100", table: "100", prefsrc: "10.1.0.19" } },
    ],
  },
  {
    name: "selectors: iif lo for local lookups, oif only when given, fwmark/mask, tos, uidrange, ports, not",
    config: cfg(
      up("eth0", "eth1"),
      `${BASE}
route add default via 10.1.0.30 table 30
route add default via 10.1.0.31 table 31
route add default via 10.1.0.32 table 32
route add default via 10.1.0.40 table 40
route add default via 10.1.0.50 table 50
route add default via 10.1.0.60 table 60
route add default via 10.1.0.61 table 61
route add default via 10.1.0.70 table 70
rule add pref 120 iif lo lookup 30
rule add pref 90 iif eth0 lookup 31
rule add pref 80 oif eth1 lookup 32
rule add pref 70 not fwmark 0x0/0x1 lookup 70
rule add pref 60 tos 0x10 lookup 60
rule add pref 61 uidrange 1000-1999 lookup 40
rule add pref 62 ipproto tcp dport 443 lookup 50
rule add pref 200 not to 198.51.100.0/24 fwmark 0x6 lookup 61`,
      { "net.ipv4.ip_forward": "1" },
    ),
    expect: [
      { query: "8.8.8.8", want: { dev: "eth1", gateway: "10.1.0.30", table: "30", prefsrc: "10.1.0.19" } },
      { query: "8.8.8.8 oif eth1", want: { dev: "eth1", gateway: "10.1.0.32", table: "32", prefsrc: "10.1.0.19" } },
      { query: "8.8.8.8 mark 5", want: { dev: "eth1", gateway: "10.1.0.70", table: "70", prefsrc: "10.1.0.19" } },
      { query: "8.8.8.8 tos 0x12", want: { dev: "eth1", gateway: "10.1.0.60", table: "60", prefsrc: "10.1.0.19" } },
      { query: "8.8.8.8 uid 1999", want: { dev: "eth1", gateway: "10.1.0.40", table: "40", prefsrc: "10.1.0.19" } },
      { query: "8.8.8.8 ipproto tcp dport 443", want: { dev: "eth1", gateway: "10.1.0.50", table: "50", prefsrc: "10.1.0.19" } },
      { query: "198.51.100.1 from 10.1.0.77 iif eth1 mark 0x6", want: { dev: "eth0", gateway: "10.0.0.1" } },
      { query: "198.51.100.1 from 10.1.0.77 iif eth1", want: { dev: "eth1", gateway: "10.1.0.61", table: "61" } },
      { query: "8.8.8.8 from 10.0.0.50 iif eth0", want: { dev: "eth1", gateway: "10.1.0.31", table: "31" } },
    ],
  },
  {
    name: "goto jumps to the first rule of its priority; nop and unresolved gotos go on",
    config: cfg(
      up("eth0", "eth1"),
      `${BASE}
route add default via 10.1.0.2 table 200
route add default via 10.1.0.4 table 400
route add default via 10.1.0.5 table 401
rule add pref 100 fwmark 6 goto 400
rule add pref 110 fwmark 3 nop
rule add pref 120 fwmark 2 goto 999
rule add pref 300 fwmark 3 lookup 200
rule add pref 300 fwmark 2 lookup 200
rule add pref 400 lookup 400
rule add pref 400 lookup 401
rule add pref 100 goto 50`,
    ),
    refusals: { 14: "Error: Backward goto not supported." },
    expect: [
      { query: "8.8.8.8 mark 6", want: { dev: "eth1", gateway: "10.1.0.4", table: "400", prefsrc: "10.1.0.19" } },
      { query: "8.8.8.8 mark 3", want: { dev: "eth1", gateway: "10.1.0.2", table: "200", prefsrc: "10.1.0.19" } },
      { query: "8.8.8.8 mark 2", want: { dev: "eth1", gateway: "10.1.0.2", table: "200", prefsrc: "10.1.0.19" } },
    ],
  },
  {
    name: "route types and rule actions answer with their errors; throw goes on",
    config: cfg(
      up("eth0", "eth1"),
      `${BASE}
route add unreachable 198.51.100.0/24 table 100
route add prohibit 192.0.2.0/25 table 100
route add blackhole 192.0.2.128/25 table 100
route add throw 100.64.0.0/10 table 100
route add default via 10.1.0.9 table 200
rule add pref 10 to 9.9.9.0/24 unreachable
rule add pref 50 lookup 100
rule add pref 60 lookup 200`,
    ),
    expect: [
      { query: "198.51.100.1", want: "RTNETLINK answers: No route to host" },
      { query: "192.0.2.1", want: "RTNETLINK answers: Permission denied" },
      { query: "192.0.2.200", want: "RTNETLINK answers: Invalid argument" },
      { query: "9.9.9.9", want: "RTNETLINK answers: Network is unreachable" },
      { query: "100.64.0.1", want: { dev: "eth1", gateway: "10.1.0.9", table: "200", prefsrc: "10.1.0.19" } },
      { query: "fibmatch 198.51.100.1", want: "RTNETLINK answers: No route to host" },
    ],
  },
  {
    name: "suppress_prefixlength throws default routes away (wg-quick)",
    config: cfg(
      up("eth0", "eth1"),
      `${BASE}
route add default dev eth1 table 51820
rule add not fwmark 51820 lookup 51820
rule add lookup main suppress_prefixlength 0`,
    ),
    expect: [
      { query: "8.8.8.8", want: { dev: "eth1", table: "51820", prefsrc: "10.1.0.19" } },
      { query: "8.8.8.8 mark 51820", want: { dev: "eth0", gateway: "10.0.0.1", prefsrc: "10.0.0.19" } },
      { query: "10.0.0.7", want: { dev: "eth0", prefsrc: "10.0.0.19" } },
    ],
  },
  {
    name: "local table first, AnyIP, and the table label once rules changed",
    config: cfg(
      up("eth0", "eth1"),
      `${BASE}
route add 10.0.0.19/32 via 10.1.0.1 table 100
route add local 198.51.100.0/24 dev lo
rule add lookup 100 pref 100`,
    ),
    expect: [
      { query: "10.0.0.19", want: { type: "local", dev: "lo", table: "local", prefsrc: "10.0.0.19" } },
      { query: "198.51.100.33", want: { type: "local", dev: "lo", table: "local", prefsrc: "198.51.100.33" } },
      { query: "8.8.8.8 from 198.51.100.7", want: { dev: "eth0", gateway: "10.0.0.1" } },
      { query: "8.8.8.8 from 10.0.0.99", want: "RTNETLINK answers: Network is unreachable" },
      { query: "8.8.8.8 from 127.0.0.1", want: "RTNETLINK answers: Invalid argument" },
    ],
  },
  {
    name: "no table label while local is merged into main",
    config: cfg(up("eth0", "eth1"), BASE),
    expect: [
      { query: "10.0.0.19", want: { type: "local", dev: "lo", prefsrc: "10.0.0.19" } },
      { query: "10.0.0.255", want: { type: "broadcast", dev: "eth0", prefsrc: "10.0.0.19" } },
      { query: "0.0.0.0", want: { type: "local", dev: "lo", prefsrc: "127.0.0.1" } },
      { query: "224.0.0.5", want: { type: "multicast", dev: "eth0", prefsrc: "10.0.0.19" } },
      { query: "10.0.0.0", want: { dev: "eth0", prefsrc: "10.0.0.19" } },
    ],
  },
  {
    name: "longest prefix, then metric, then insertion order; tos routes",
    config: cfg(
      up("eth0", "eth1"),
      `${BASE}
route add 8.8.8.0/24 via 10.0.0.1 metric 100
route add 8.8.8.0/24 via 10.1.0.1 metric 50
route add 203.0.113.0/24 via 10.0.0.5 metric 5
route add 203.0.113.0/25 via 10.1.0.5 metric 500
route add 198.51.100.0/24 via 10.0.0.1
route append 198.51.100.0/24 via 10.1.0.1
route add 192.0.2.0/24 via 10.0.0.1
route prepend 192.0.2.0/24 via 10.1.0.1
route add 100.64.0.0/10 via 10.0.0.1
route add 100.64.0.0/10 via 10.1.0.1 tos 0x10`,
    ),
    expect: [
      { query: "8.8.8.8", want: { dev: "eth1", gateway: "10.1.0.1", prefsrc: "10.1.0.19" } },
      { query: "203.0.113.5", want: { dev: "eth1", gateway: "10.1.0.5", prefsrc: "10.1.0.19" } },
      { query: "203.0.113.200", want: { dev: "eth0", gateway: "10.0.0.5", prefsrc: "10.0.0.19" } },
      { query: "198.51.100.7", want: { dev: "eth0", gateway: "10.0.0.1", prefsrc: "10.0.0.19" } },
      { query: "198.51.100.7 oif eth1", want: { dev: "eth1", gateway: "10.1.0.1", prefsrc: "10.1.0.19" } },
      { query: "192.0.2.1", want: { dev: "eth1", gateway: "10.1.0.1", prefsrc: "10.1.0.19" } },
      { query: "100.64.0.9 tos 0x10", want: { dev: "eth1", gateway: "10.1.0.1", prefsrc: "10.1.0.19" } },
      { query: "100.64.0.9 tos 0x14", want: { dev: "eth0", gateway: "10.0.0.1", prefsrc: "10.0.0.19" } },
    ],
    refusals: {},
  },
  {
    name: "link state: linkdown routes used unless ignored; admin-down devices",
    config: cfg(
      [{ name: "eth0", state: "up" }, { name: "eth1", state: "nocarrier" }, { name: "eth2", state: "down" }],
      `addr add 10.0.0.19/24 dev eth0
addr add 10.1.0.19/24 dev eth1
addr add 10.2.0.19/24 dev eth2
route add default via 10.0.0.1 metric 20
route add default via 10.1.0.1 dev eth1 metric 10
route add 192.0.2.0/24 via 10.2.0.1`,
    ),
    refusals: { 6: "Error: Nexthop has invalid gateway." },
    expect: [
      { query: "8.8.8.8", want: { dev: "eth1", gateway: "10.1.0.1", prefsrc: "10.1.0.19" } },
      { query: "10.2.0.19", want: { type: "local", dev: "lo", prefsrc: "10.2.0.19" } },
      { query: "10.2.0.5", want: { dev: "eth1", gateway: "10.1.0.1", prefsrc: "10.1.0.19" } },
      { query: "8.8.8.8 oif eth2", want: "RTNETLINK answers: Network is unreachable" },
    ],
  },
  {
    name: "ignore_routes_with_linkdown skips the linkdown route",
    config: cfg(
      [{ name: "eth0", state: "up" }, { name: "eth1", state: "nocarrier" }],
      `addr add 10.0.0.19/24 dev eth0
addr add 10.1.0.19/24 dev eth1
route add default via 10.0.0.1 metric 20
route add default via 10.1.0.1 dev eth1 metric 10`,
      { "net.ipv4.conf.all.ignore_routes_with_linkdown": "1" },
    ),
    expect: [{ query: "8.8.8.8", want: { dev: "eth0", gateway: "10.0.0.1", prefsrc: "10.0.0.19" } }],
  },
  {
    name: "oif falls back to on-link, over blackhole and unreachable too; fibmatch fails",
    config: cfg(
      up("eth0", "eth1"),
      `${BASE}
route add blackhole 192.0.2.0/24
rule add pref 100 to 8.8.4.0/24 blackhole`,
    ),
    expect: [
      { query: "8.8.8.8 oif eth1", want: { dev: "eth1", prefsrc: "10.1.0.19" } },
      { query: "192.0.2.1 oif eth0", want: { dev: "eth0", prefsrc: "10.0.0.19" } },
      { query: "8.8.4.4 oif eth0", want: { dev: "eth0", prefsrc: "10.0.0.19" } },
      { query: "fibmatch 8.8.8.8 oif eth1", want: "RTNETLINK answers: No route to host" },
      { query: "8.8.8.8 oif lo", want: { dev: "lo", prefsrc: "10.0.0.19" } },
    ],
  },
  {
    name: "source selection: route src, scope link first, secondaries skipped",
    config: cfg(
      up("eth0"),
      `addr add 10.0.0.19/24 dev eth0
addr add 10.0.0.30/24 dev eth0
addr add 10.9.0.1/24 dev eth0 scope link
addr add 192.0.2.10/32 dev lo
route add default via 10.0.0.1
route add 198.51.100.0/24 via 10.0.0.1 src 192.0.2.10
route add 203.0.113.0/24 dev eth0`,
    ),
    expect: [
      { query: "198.51.100.1", want: { dev: "eth0", gateway: "10.0.0.1", prefsrc: "192.0.2.10" } },
      { query: "203.0.113.1", want: { dev: "eth0", prefsrc: "10.9.0.1" } },
      { query: "8.8.8.8", want: { dev: "eth0", gateway: "10.0.0.1", prefsrc: "10.0.0.19" } },
      { query: "10.0.0.50", want: { dev: "eth0", prefsrc: "10.0.0.19" } },
      { query: "10.0.0.30", want: { type: "local", dev: "lo", prefsrc: "10.0.0.19" } },
    ],
  },
  {
    name: "input lookups: forwarding off, martians, rp_filter reverse path through the rules",
    config: cfg(
      up("eth0", "eth1"),
      `addr add 10.0.0.19/24 dev eth0
addr add 10.0.0.20/24 dev eth1
route add default via 10.0.0.1 dev eth0
route add default via 10.0.0.1 dev eth0 table 1001
route add default via 10.0.0.1 dev eth1 table 1002
route add 10.0.0.0/24 dev eth1 src 10.0.0.20 table 1002
rule add from 10.0.0.19 lookup 1001
rule add from 10.0.0.20 lookup 1002`,
      { "net.ipv4.conf.all.rp_filter": "1" },
    ),
    expect: [
      { query: "10.0.0.20 from 10.0.0.50 iif eth1", want: { type: "local", dev: "lo", table: "local" } },
      { query: "10.0.0.19 from 10.0.0.50 iif eth1", want: "RTNETLINK answers: Invalid argument" },
      { query: "8.8.8.8 from 10.0.0.50 iif eth0", want: "RTNETLINK answers: No route to host" },
      { query: "10.0.0.19 from 127.0.0.1 iif eth0", want: "RTNETLINK answers: Invalid argument" },
      { query: "10.0.0.19 from 10.0.0.255 iif eth0", want: "RTNETLINK answers: Invalid argument" },
      { query: "10.0.0.50 from 10.0.0.20", want: { dev: "eth1", table: "1002" } },
      { query: "8.8.8.8 from 10.0.0.20 oif eth0", want: { dev: "eth0", gateway: "10.0.0.1" } },
    ],
  },
  {
    name: "refused lines leave the state alone and say why",
    config: cfg(
      [{ name: "eth0", state: "up" }, { name: "eth2", state: "down" }],
      `addr add 10.0.0.19/24 dev eth0
route add default via 10.0.0.1
route add default via 10.0.0.2
route add 9.9.9.0/24 via 10.5.0.1
rule add tos 0xb8 lookup 100
route add 10.0.0.5/24 dev eth0
route add 9.9.7.0/24 via 10.0.0.1 src 10.0.0.99
route add 9.9.2.0/24 dev eth2
rule add sport 1024-65535 lookup 100
route del 9.9.6.0/24 table 77
rule add lookup 0`,
    ),
    refusals: {
      3: "RTNETLINK answers: File exists",
      4: "Error: Nexthop has invalid gateway.",
      5: "Error: Invalid tos.",
      6: "Error: Invalid prefix for given prefix length.",
      7: "Error: Invalid prefsrc address.",
      8: "Error: Device for nexthop is not up.",
      9: "Error: Invalid sport range.",
      10: "Error: FIB table does not exist.",
    },
    expect: [{ query: "8.8.8.8", want: { dev: "eth0", gateway: "10.0.0.1", table: undefined, prefsrc: "10.0.0.19" } }],
  },
  {
    name: "IPv6: metric 1024 by default, oif strict only without from, no on-link fallback",
    config: cfg(
      up("eth0", "eth1"),
      `addr add 2001:db8:0:1::19/64 dev eth0
addr add 2001:db8:0:1::20/64 dev eth1
addr add 2001:db8:0:1::21/128 dev eth1
route add default via 2001:db8:0:1::1 dev eth0
route add default via 2001:db8:0:1::1 dev eth1 metric 1001
route add default via 2001:db8:0:1::1 dev eth1 table 1002
route add unreachable 2001:db8:200::/48 table 100
rule add from 2001:db8:0:1::20 lookup 1002
rule add lookup 100 pref 100`,
      {},
      6,
    ),
    expect: [
      { query: "2001:4860:4860::8888", want: { dev: "eth1", gateway: "2001:db8:0:1::1", prefsrc: "2001:db8:0:1::21" } },
      { query: "2001:4860:4860::8888 oif eth0", want: { dev: "eth0", gateway: "2001:db8:0:1::1", prefsrc: "2001:db8:0:1::19" } },
      { query: "2001:4860:4860::8888 from 2001:db8:0:1::20 oif eth0", want: { dev: "eth1", gateway: "2001:db8:0:1::1", table: "1002", prefsrc: "2001:db8:0:1::21" } },
      { query: "2001:db8:200::1", want: "RTNETLINK answers: No route to host" },
      { query: "2001:db8:200::1 oif eth0", want: { dev: "eth0", gateway: "2001:db8:0:1::1", prefsrc: "2001:db8:0:1::19" } },
      { query: "2001:db8:0:1::19", want: { type: "local", dev: "lo", table: "local", prefsrc: "2001:db8:0:1::19" } },
      { query: "ff02::1 from 2001:db8:0:1::99 iif eth0", want: { type: "multicast", dev: "eth0", table: "local" } },
    ],
  },
  {
    name: "IPv6 from routes: the source is looked up in the destination's subtree, which hides the destination's own routes",
    config: cfg(
      up("eth0", "eth1"),
      `addr add 2001:db8:0:1::19/64 dev eth0
addr add 2001:db8:0:2::19/64 dev eth1
route add 2001:db8:50::/48 dev eth0
route add 2001:db8:50::/48 dev eth1 from 2001:db8:0:2::/64
route add 2001:db8:50::/64 dev eth1 from 2001:db8:0:3::/64
route add default via 2001:db8:0:1::1 dev eth0
route add 2001:db8:60::/48 from 2001:db8:0:1::/64 via 2001:db8:0:1::1 metric 5
route add 2001:db8:60::/48 from 2001:db8:0:1::/64 via 2001:db8:0:1::2 metric 5
route del 2001:db8:60::/48 metric 5`,
      {},
      6,
    ),
    refusals: { 8: "RTNETLINK answers: File exists", 9: "RTNETLINK answers: No such process" },
    expect: [
      { query: "2001:db8:50::1", want: { dev: "eth0", gateway: "2001:db8:0:1::1", prefsrc: "2001:db8:0:1::19" } },
      { query: "2001:db8:50::1 from 2001:db8:0:2::5", want: { dev: "eth1", prefsrc: "2001:db8:0:2::19" } },
      { query: "2001:db8:50::1 from 2001:db8:0:3::5", want: { dev: "eth1", prefsrc: "2001:db8:0:2::19" } },
      { query: "2001:db8:50:1::1", want: { dev: "eth0", gateway: "2001:db8:0:1::1", prefsrc: "2001:db8:0:1::19" } },
      { query: "fibmatch 2001:db8:50::1 from 2001:db8:0:2::5", want: '{"dst":"2001:db8:50::/48","from":"2001:db8:0:2::/64","dev":"eth1","metric":1024,"flags":[],"pref":"medium"}' },
      { query: "2001:db8:60::1 from 2001:db8:0:1::8", want: { dev: "eth0", gateway: "2001:db8:0:1::1", prefsrc: "2001:db8:0:1::19" } },
    ],
  },
  {
    name: "0.0.0.0/8 is unicast since Linux 5.3, except 0.0.0.0",
    config: cfg(
      up("eth0", "eth1"),
      `addr add 10.0.0.19/24 dev eth0
addr add 0.1.0.5/16 dev eth1
route add default via 10.0.0.1`,
    ),
    expect: [
      { query: "0.0.0.1", want: { dev: "eth0", gateway: "10.0.0.1", prefsrc: "10.0.0.19" } },
      { query: "0.1.2.3", want: { dev: "eth1", prefsrc: "0.1.0.5" } },
      { query: "0.0.0.1 from 1.31.140.15 iif lo", want: "RTNETLINK answers: No route to host" },
      { query: "0.0.0.1 from 1.31.140.15 iif eth1", want: "RTNETLINK answers: No route to host" },
    ],
  },
  {
    name: "0.0.0.0/8 is forwarded like any destination, and a 0/8 source is no martian; 0.0.0.0 still is",
    config: cfg(up("eth0", "eth1"), `addr add 10.0.0.19/24 dev eth0\nroute add default via 10.0.0.1`, { "net.ipv4.ip_forward": "1" }),
    expect: [
      { query: "0.0.0.1 from 1.31.140.15 iif eth1", want: { dev: "eth0", gateway: "10.0.0.1" } },
      { query: "8.8.8.8 from 0.0.0.7 iif eth1", want: { dev: "eth0", gateway: "10.0.0.1" } },
      { query: "0.0.0.0 from 1.2.3.4 iif eth1", want: "RTNETLINK answers: Invalid argument" },
      { query: "8.8.8.8 from 0.0.0.0 iif eth1", want: "RTNETLINK answers: Invalid argument" },
    ],
  },
  {
    name: "IPv6 link-local: fe80::/64 and the EUI-64 address of the MAC on every device up with carrier",
    config: cfg(
      [
        { name: "eth0", state: "up", mac: "02:00:00:00:00:10" },
        { name: "eth1", state: "up" },
        { name: "eth2", state: "nocarrier" },
        { name: "eth3", state: "down" },
      ],
      `addr add 2001:db8:0:1::19/64 dev eth0
addr add 2001:db8:0:2::19/64 dev eth1
route add default via 2001:db8:0:1::1 dev eth0`,
      {},
      6,
    ),
    expect: [
      { query: "fe80::1", want: { dev: "eth0", prefsrc: "fe80::ff:fe00:10" } },
      { query: "fe80::1 oif eth1", want: { dev: "eth1", prefsrc: "fe80::ff:fe00:3" } },
      { query: "ff02::1", want: { type: "multicast", dev: "eth0", table: "local", prefsrc: "fe80::ff:fe00:10" } },
      { query: "fe80::ff:fe00:10", want: { type: "local", dev: "lo", table: "local", prefsrc: "fe80::ff:fe00:10" } },
      { query: "::", want: { dev: "eth0", gateway: "2001:db8:0:1::1", prefsrc: "fe80::ff:fe00:10" } },
    ],
  },
  {
    name: "IPv6 addr_gen_mode: 1 makes no link-local address, 0 the EUI-64 one, 2 without a secret none",
    config: cfg(
      up("eth0", "eth1", "eth2"),
      "addr add 2001:db8:0:1::19/64 dev eth0",
      { "net.ipv6.conf.default.addr_gen_mode": "1", "net.ipv6.conf.eth1.addr_gen_mode": "0", "net.ipv6.conf.eth2.addr_gen_mode": "2", "net.ipv6.conf.all.forwarding": "1" },
      6,
    ),
    expect: [
      { query: "fe80::1", want: { dev: "eth1", prefsrc: "fe80::ff:fe00:3" } },
      { query: "fe80::", want: { type: "anycast", dev: "lo", table: "local", prefsrc: "fe80::ff:fe00:3" } },
      { query: "fe80::1 oif eth0", want: "RTNETLINK answers: Network is unreachable" },
    ],
  },
  {
    name: "IPv6 tos rules see the query's DSCP bits",
    config: cfg(
      up("eth0", "eth1"),
      `addr add 2001:db8:0:1::19/64 dev eth0
addr add 2001:db8:0:2::19/64 dev eth1
route add 2001:db8:40::/48 via 2001:db8:0:2::1 table 40
rule add tos 0x10 lookup 40
route add default via 2001:db8:0:1::1`,
      {},
      6,
    ),
    expect: [
      { query: "2001:db8:40::1", want: { dev: "eth0", gateway: "2001:db8:0:1::1", prefsrc: "2001:db8:0:1::19" } },
      { query: "2001:db8:40::1 tos 0x10", want: { dev: "eth1", gateway: "2001:db8:0:2::1", table: "40", prefsrc: "2001:db8:0:2::19" } },
      { query: "2001:db8:40::1 tos 0x12", want: { dev: "eth1", gateway: "2001:db8:0:2::1", table: "40", prefsrc: "2001:db8:0:2::19" } },
      { query: "2001:db8:40::1 tos 0x08", want: { dev: "eth0", gateway: "2001:db8:0:1::1", prefsrc: "2001:db8:0:1::19" } },
    ],
  },
  {
    name: "ECMP with a hash seed: weighted IPv4 paths, L3 hash (policy 0), the source's own path preferred",
    config: cfg(
      up("eth0", "eth1", "eth2"),
      `addr add 10.0.0.19/24 dev eth0
addr add 10.1.0.19/24 dev eth1
addr add 10.2.0.19/24 dev eth2
route add default nexthop via 10.0.0.1 weight 1 nexthop via 10.1.0.1 weight 3 nexthop via 10.2.0.1 weight 2`,
      { "net.ipv4.fib_multipath_hash_seed": "12345", "net.ipv4.ip_forward": "1" },
    ),
    expect: [
      { query: "83.77.202.167", want: { dev: "eth2", gateway: "10.2.0.1", prefsrc: "10.2.0.19" } },
      { query: "211.48.187.150", want: { dev: "eth1", gateway: "10.1.0.1", prefsrc: "10.1.0.19" } },
      { query: "130.109.19.23 from 10.0.0.19", want: { dev: "eth0", gateway: "10.0.0.1" } },
      { query: "62.46.217.16 from 192.0.2.32 iif eth0", want: { dev: "eth1", gateway: "10.1.0.1" } },
      { query: "162.31.203.13 from 192.0.2.12 iif eth0", want: { dev: "eth0", gateway: "10.0.0.1" } },
    ],
  },
  {
    name: "ECMP with a hash seed: IPv4 custom fields (policy 3) through jhash",
    config: cfg(
      up("eth0", "eth1", "eth2"),
      `addr add 10.0.0.19/24 dev eth0
addr add 10.1.0.19/24 dev eth1
addr add 10.2.0.19/24 dev eth2
route add default nexthop via 10.0.0.1 weight 1 nexthop via 10.1.0.1 weight 3 nexthop via 10.2.0.1 weight 2`,
      { "net.ipv4.fib_multipath_hash_seed": "12345", "net.ipv4.fib_multipath_hash_policy": "3", "net.ipv4.fib_multipath_hash_fields": "0x0037", "net.ipv4.ip_forward": "1" },
    ),
    expect: [
      { query: "100.168.122.98 from 192.0.2.162 iif eth0", want: { dev: "eth2", gateway: "10.2.0.1" } },
      { query: "171.240.241.215 ipproto tcp sport 56199 dport 1738", want: { dev: "eth1", gateway: "10.1.0.1", prefsrc: "10.1.0.19" } },
      { query: "17.196.54.64", want: { dev: "eth1", gateway: "10.1.0.1", prefsrc: "10.1.0.19" } },
    ],
  },
  {
    name: "ECMP with a hash seed: weighted IPv6 siblings, L4 hash (policy 1)",
    config: cfg(
      up("eth0", "eth1", "eth2"),
      `addr add 2001:db8:0:1::19/64 dev eth0
addr add 2001:db8:0:2::19/64 dev eth1
addr add 2001:db8:0:3::19/64 dev eth2
route add default nexthop via 2001:db8:0:1::1 weight 1 nexthop via 2001:db8:0:2::1 weight 3 nexthop via 2001:db8:0:3::1 weight 2
route add 2001:db8:80::/48 via 2001:db8:0:1::1
route append 2001:db8:80::/48 via 2001:db8:0:2::1`,
      { "net.ipv4.fib_multipath_hash_seed": "12345", "net.ipv6.fib_multipath_hash_policy": "1", "net.ipv6.conf.all.forwarding": "1" },
      6,
    ),
    expect: [
      { query: "2001:db8:80::eef8 ipproto udp sport 40300 dport 49327", want: { dev: "eth0", gateway: "2001:db8:0:1::1", prefsrc: "2001:db8:0:1::19" } },
      { query: "2001:db8:80::ed42 ipproto tcp sport 30946 dport 27189", want: { dev: "eth1", gateway: "2001:db8:0:2::1", prefsrc: "2001:db8:0:2::19" } },
      { query: "2001:67fa:9041::4c3b ipproto udp sport 26622 dport 42992", want: { dev: "eth2", gateway: "2001:db8:0:3::1", prefsrc: "2001:db8:0:3::19" } },
      { query: "2001:9ce6:70a7::73f7 from 2001:db8:99::461 iif eth0", want: { dev: "eth2", gateway: "2001:db8:0:3::1" } },
    ],
  },
  {
    name: "IPv6 multipath: a path given twice refuses the whole route",
    config: cfg(
      up("eth0", "eth1"),
      `addr add 2001:db8:0:1::19/64 dev eth0
route add 2001:db8:30::/56 table 100 nexthop via 2001:db8:0:1::1 nexthop via 2001:db8:0:1::2 nexthop via 2001:db8:0:1::1
route del 2001:db8:30::/56 table 100`,
      {},
      6,
    ),
    refusals: { 2: "RTNETLINK answers: File exists", 3: "RTNETLINK answers: No such process" },
    expect: [],
  },
  {
    name: "IPv4 route get is a UDP lookup unless ipproto says otherwise",
    config: cfg(
      up("eth0", "eth1"),
      `addr add 10.0.0.19/24 dev eth0
addr add 10.1.0.19/24 dev eth1
route add default via 10.0.0.1
route add default via 10.1.0.1 table 100
rule add ipproto udp lookup 100`,
      { "net.ipv4.ip_forward": "1" },
    ),
    expect: [
      { query: "8.8.8.8", want: { dev: "eth1", gateway: "10.1.0.1", table: "100", prefsrc: "10.1.0.19" } },
      { query: "8.8.8.8 ipproto tcp", want: { dev: "eth0", gateway: "10.0.0.1", prefsrc: "10.0.0.19" } },
      { query: "8.8.8.8 from 192.0.2.1 iif eth0", want: { dev: "eth1", gateway: "10.1.0.1", table: "100" } },
    ],
  },
];
