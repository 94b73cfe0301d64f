/**
 * Hand-written routing configurations for the kernel differential test, one per behaviour of
 * docs/policy-routing.md (and docs/cloud-profile.md's elastic-NIC example), each with the queries
 * that exercise it. Lines the kernel refuses are part of the corpus on purpose.
 */
import type { DeviceConfig, RoutingConfig } from "../src/routing/index.js";

export interface CorpusCase {
  readonly name: string;
  readonly config: RoutingConfig;
  readonly queries: readonly string[];
}

const up = (...names: string[]): DeviceConfig[] => names.map((name) => ({ name, state: "up" }));

function v4(name: string, devices: DeviceConfig[], batch: string, queries: string[], sysctls: Record<string, string> = {}): CorpusCase {
  return { name, config: { family: 4, devices, sysctls, batch }, queries };
}

const TWO_NICS = `addr add 10.0.0.19/24 dev eth0
addr add 10.1.0.19/24 dev eth1
route add default via 10.0.0.1`;

export const CORPUS: readonly CorpusCase[] = [
  v4(
    "elastic NICs (cloud-host guide)",
    up("eth1", "eth2"),
    `addr add 10.0.0.20/24 dev eth1
addr add 10.0.0.21/24 dev eth2
ip -4 route add default via 10.0.0.253 dev eth1 metric 1001
ip -4 route add default via 10.0.0.253 dev eth2 metric 1002
ip -4 route add default via 10.0.0.253 dev eth1 table 1001
ip -4 route add default via 10.0.0.253 dev eth2 table 1002
ip -4 rule add from 10.0.0.20 lookup 1001
ip -4 rule add from 10.0.0.21 lookup 1002`,
    [
      "8.8.8.8",
      "8.8.8.8 from 10.0.0.20",
      "8.8.8.8 from 10.0.0.21",
      "10.0.0.50",
      "10.0.0.50 from 10.0.0.21",
      "8.8.8.8 from 10.0.0.20 oif eth1",
      "8.8.8.8 from 10.0.0.21 oif eth1",
      "10.0.0.21 from 198.51.100.7 iif eth2",
      "10.0.0.20 from 198.51.100.7 iif eth2",
      "10.0.0.21 from 10.0.0.50 iif eth2",
      "fibmatch 8.8.8.8 from 10.0.0.21",
      "10.0.0.255",
      "10.0.0.20",
    ],
  ),
  v4(
    "elastic NICs with rp_filter 1",
    up("eth0", "eth1"),
    `addr add 10.0.0.19/24 dev eth0
addr add 10.0.0.20/24 dev eth1
route add default via 10.0.0.1 dev eth0
route add default via 10.0.0.1 dev eth0 table 1001
route add 10.0.0.0/24 dev eth0 src 10.0.0.19 table 1001
route add default via 10.0.0.1 dev eth1 table 1002
route add 10.0.0.0/24 dev eth1 src 10.0.0.20 table 1002
rule add from 10.0.0.19 lookup 1001
rule add from 10.0.0.20 lookup 1002`,
    [
      "10.0.0.20 from 10.0.0.50 iif eth1",
      "10.0.0.19 from 10.0.0.50 iif eth1",
      "8.8.8.8 from 10.0.0.50 iif eth1",
      "8.8.8.8 from 10.0.0.50 iif eth0",
      "10.0.0.50 from 10.0.0.20",
      "10.0.0.50",
      "8.8.8.8 from 10.0.0.20 oif eth0",
      "8.8.8.8 oif eth1",
      "10.0.0.19 from 10.0.0.50 iif lo",
    ],
    { "net.ipv4.ip_forward": "1", "net.ipv4.conf.all.rp_filter": "1" },
  ),
  v4(
    "rule priorities, explicit and automatic",
    up("eth0", "eth1"),
    `${TWO_NICS}
addr add 10.0.0.12/24 dev eth0 scope link
route add default via 10.0.0.12 table 200
route add default via 10.1.0.1 table 100
route add default via 10.0.0.1 table 400
route add 192.0.2.0/24 via 10.1.0.7 table 300
rule add pref 500 to 198.51.100.0/24 lookup 100
rule add pref 400 to 198.51.100.0/24 lookup 200
rule add to 203.0.113.0/24 lookup 100
rule add to 203.0.113.0/24 lookup 100
rule add pref 400 to 203.0.113.0/24 lookup 400
rule add pref 32766 to 192.0.2.0/24 lookup 300
rule add pref 32766 lookup 200
rule add pref 400 to 198.51.100.0/24 lookup 200`,
    ["198.51.100.5", "203.0.113.9", "192.0.2.7", "8.8.8.8", "fibmatch 198.51.100.5"],
  ),
  v4(
    "selectors with ip_forward=1",
    up("eth0", "eth1", "eth2"),
    `addr add 10.0.0.19/24 dev eth0
addr add 10.1.0.19/24 dev eth1
addr add 10.2.0.19/24 dev eth2
route add default via 10.0.0.1
route add default via 10.1.0.30 table 30
route add default via 10.1.0.31 table 31
route add default via 10.2.0.32 dev eth2 table 32
route add default via 10.1.0.40 table 40
route add default via 10.1.0.50 table 50
route add default via 10.2.0.60 table 60
route add default via 10.2.0.61 table 61
route add default via 10.2.0.62 table 62
route add default via 10.2.0.70 table 70
route add default via 10.1.0.71 table 71
route add default via 10.1.0.72 table 72
rule add pref 100 from 10.0.0.0/24 to 203.0.113.0/24 tos 0x08 lookup 62
rule add pref 110 to 203.0.113.0/24 tos 0x08 lookup 30
rule add pref 120 iif lo lookup 30
rule add pref 90 iif eth0 lookup 31
rule add pref 80 oif eth1 lookup 32
rule add pref 70 not fwmark 0x0/0x1 lookup 70
rule add pref 75 fwmark 0x10/0xf0 lookup 71
rule add pref 76 fwmark 0x5 lookup 72
rule add pref 60 tos 0x10 lookup 60
rule add pref 61 uidrange 1000-1999 lookup 40
rule add pref 62 ipproto tcp dport 443 lookup 50
rule add pref 63 sport 1024-65534 lookup 40
rule add pref 64 not to 198.51.100.0/24 fwmark 0x6 lookup 61
rule add pref 65 iif eth7 lookup 40
rule add pref 66 oif eth8 lookup 40`,
    [
      "203.0.113.5 tos 0x08",
      "203.0.113.5 from 10.0.0.19 tos 0x08",
      "203.0.113.5 from 10.0.0.19 tos 0x0c",
      "8.8.8.8",
      "8.8.8.8 from 10.0.0.50 iif eth0",
      "8.8.8.8 oif eth1",
      "8.8.8.8 mark 0x5",
      "8.8.8.8 mark 0x110",
      "8.8.8.8 mark 0x4",
      "8.8.8.8 tos 0x12",
      "8.8.8.8 tos 0x14",
      "8.8.8.8 uid 1999",
      "8.8.8.8 uid 2000",
      "8.8.8.8 ipproto tcp dport 443",
      "8.8.8.8 ipproto udp dport 443",
      "8.8.8.8 sport 5000",
      "8.8.8.8 sport 53",
      "8.8.8.8 sport 65535",
      "198.51.100.1 from 10.1.0.77 iif eth1 mark 0x6",
      "198.51.100.1 from 10.1.0.77 iif eth1",
      "198.51.100.1 from 10.1.0.77 iif eth1 ipproto tcp dport 443",
    ],
    { "net.ipv4.ip_forward": "1" },
  ),
  v4(
    "goto, nop, unresolved goto",
    up("eth0", "eth1"),
    `${TWO_NICS}
route add default via 10.1.0.2 table 200
route add default via 10.1.0.4 table 400
route add default via 10.1.0.5 table 401
rule add pref 100 fwmark 6 goto 400
rule add pref 110 fwmark 3 nop
rule add pref 120 fwmark 2 goto 999
rule add pref 130 fwmark 5 goto 999
rule add pref 300 lookup 200
rule add pref 400 lookup 400
rule add pref 400 lookup 401
rule add pref 100 goto 100
rule add pref 100 goto 50`,
    ["8.8.8.8 mark 6", "8.8.8.8 mark 3", "8.8.8.8 mark 2", "8.8.8.8 mark 5", "8.8.8.8"],
  ),
  v4(
    "rule actions and route types",
    up("eth0", "eth1"),
    `${TWO_NICS}
route add unreachable 198.51.100.0/24
route add prohibit 198.51.100.128/25 table 100
route add blackhole 192.0.2.0/24 table 100
route add throw 100.64.0.0/10 table 100
route add default via 10.1.0.9 table 200
route add throw 172.16.0.0/12 table 300
route add default via 10.1.0.1 table 100
rule add pref 10 to 9.9.9.0/24 unreachable
rule add pref 11 to 9.9.8.0/24 prohibit
rule add pref 12 to 9.9.7.0/24 blackhole
rule add pref 40 to 172.16.0.0/12 lookup 300
rule add pref 50 lookup 100
rule add pref 60 lookup 200`,
    [
      "198.51.100.1",
      "198.51.100.200",
      "192.0.2.1",
      "9.9.9.9",
      "9.9.8.8",
      "9.9.7.7",
      "100.64.0.1",
      "172.16.1.1",
      "fibmatch 198.51.100.1",
      "fibmatch 9.9.9.9",
      "198.51.100.1 from 10.0.0.50 iif eth0",
      "192.0.2.1 oif eth0",
      "9.9.7.7 oif eth0",
      "fibmatch 192.0.2.1 oif eth0",
    ],
    { "net.ipv4.ip_forward": "1" },
  ),
  v4(
    "suppress_prefixlength (wg-quick)",
    up("eth0", "eth1"),
    `${TWO_NICS}
route add 203.0.113.0/24 via 10.0.0.3
route add 198.51.100.0/24 via 10.0.0.5 table 77
route add 198.51.100.128/25 via 10.0.0.7 table 77
route add default dev eth1 table 51820
rule add not fwmark 51820 lookup 51820
rule add lookup main suppress_prefixlength 0
rule add pref 100 lookup 77 suppress_prefixlength 24`,
    ["8.8.8.8", "8.8.8.8 mark 51820", "203.0.113.9", "198.51.100.5", "198.51.100.200"],
  ),
  v4(
    "local table first; AnyIP; unicast in local",
    up("eth0", "eth1"),
    `${TWO_NICS}
route add 10.0.0.19/32 via 10.1.0.1 table 100
route add local 198.51.100.0/24 dev lo
route add 203.0.113.0/24 via 10.0.0.1 table local
route add local 192.0.2.128/25 dev lo table 100
rule add lookup 100 pref 100`,
    [
      "10.0.0.19",
      "198.51.100.33",
      "203.0.113.5",
      "8.8.8.8 from 198.51.100.7",
      "8.8.8.8 from 192.0.2.130",
      "8.8.8.8 from 10.0.0.99",
      "8.8.8.8 from 127.0.0.1",
      "8.8.8.8 from 0.0.0.0",
      "8.8.8.8 from 10.1.0.19",
      "fibmatch 198.51.100.33",
    ],
  ),
  v4(
    "local rule moved behind another",
    up("eth0", "eth1"),
    `${TWO_NICS}
route add 10.0.0.19/32 via 10.0.0.1 table 100
rule add lookup 100 pref 100
rule add lookup local pref 200
rule del pref 0`,
    ["10.0.0.19", "10.1.0.19", "127.0.0.1", "10.0.0.255"],
  ),
  v4(
    "table label: merged local (no rule ever changed)",
    up("eth0", "eth1"),
    TWO_NICS,
    ["10.0.0.19", "10.0.0.255", "0.0.0.0", "255.255.255.255", "224.0.0.5", "224.0.0.1", "127.0.0.1", "fibmatch 10.0.0.19", "10.0.0.0"],
  ),
  v4(
    "table label after a rule added and deleted",
    up("eth0", "eth1"),
    `${TWO_NICS}
rule add pref 5 lookup 5
rule del pref 5`,
    ["10.0.0.19", "10.0.0.255", "0.0.0.0", "255.255.255.255", "224.0.0.5", "8.8.8.8 oif eth1", "fibmatch 10.0.0.19"],
  ),
  v4(
    "longest prefix, metric, append/prepend, tos routes",
    up("eth0", "eth1"),
    `${TWO_NICS}
route add 8.8.8.0/24 via 10.0.0.1 metric 100
route add 8.8.8.0/24 via 10.1.0.1 metric 50
route add 203.0.113.0/24 via 10.0.0.5 metric 5
route add 203.0.113.0/25 via 10.1.0.5 metric 500
route add 198.51.100.0/24 via 10.0.0.1
route append 198.51.100.0/24 via 10.1.0.1
route add 192.0.2.0/24 via 10.0.0.1
route prepend 192.0.2.0/24 via 10.1.0.1
route add 172.16.0.0/16 via 10.0.0.1 metric 4294967295
route add 172.16.0.0/16 via 10.1.0.1 metric 0
route add 100.64.0.0/10 via 10.0.0.1
route add 100.64.0.0/10 via 10.1.0.1 tos 0x10
route add 100.65.0.0/16 via 10.1.0.1 tos 0xb8
route add 198.51.100.0/24 via 10.1.0.9
route append 198.51.100.0/24 via 10.1.0.1
route prepend 198.51.100.0/24 via 10.0.0.1
route replace 192.0.2.0/24 via 10.0.0.7
route change 192.0.2.0/24 via 10.0.0.8 metric 9
route change 192.0.3.0/24 via 10.0.0.8
route replace 192.0.4.0/24 via 10.0.0.8`,
    [
      "8.8.8.8",
      "203.0.113.5",
      "203.0.113.200",
      "198.51.100.7",
      "198.51.100.7 oif eth1",
      "192.0.2.1",
      "192.0.4.1",
      "172.16.0.1",
      "100.64.0.9 tos 0x10",
      "100.64.0.9 tos 0x08",
      "100.64.0.9 tos 0x14",
      "100.65.0.1 tos 0xb8",
      "fibmatch 100.64.0.9 tos 0x10",
      "fibmatch 8.8.8.8",
    ],
  ),
  v4(
    "link state: no carrier, admin down",
    [{ name: "eth0", state: "up" }, { name: "eth1", state: "nocarrier" }, { name: "eth2", state: "down" }],
    `addr add 10.0.0.19/24 dev eth0
addr add 10.1.0.19/24 dev eth1
addr add 10.2.0.19/24 dev eth2
route add default via 10.0.0.1 metric 20
route add default via 10.1.0.1 dev eth1 metric 10
route add 203.0.113.0/24 via 10.2.0.1 dev eth2 onlink
route add 198.51.100.0/24 dev eth2
route add 192.0.2.0/24 via 10.2.0.1`,
    ["8.8.8.8", "fibmatch 8.8.8.8", "10.2.0.19", "8.8.8.8 from 10.2.0.19", "10.2.0.5", "10.1.0.5", "8.8.8.8 oif eth2", "8.8.8.8 oif eth1"],
  ),
  v4(
    "ignore_routes_with_linkdown",
    [{ name: "eth0", state: "up" }, { name: "eth1", state: "nocarrier" }],
    `addr add 10.0.0.19/24 dev eth0
addr add 10.1.0.19/24 dev eth1
route add default via 10.0.0.1 metric 20
route add default via 10.1.0.1 dev eth1 metric 10`,
    ["8.8.8.8", "fibmatch 8.8.8.8", "10.1.0.5", "8.8.8.8 oif eth1", "fibmatch 10.1.0.5"],
    { "net.ipv4.conf.all.ignore_routes_with_linkdown": "1" },
  ),
  v4(
    "oif on-link fallback",
    up("eth0", "eth1"),
    `${TWO_NICS}
route add blackhole 192.0.2.0/24
route add unreachable 203.0.113.0/24
rule add pref 100 to 8.8.4.0/24 blackhole`,
    ["8.8.8.8 oif eth1", "8.8.8.8 oif eth0", "192.0.2.1 oif eth0", "8.8.4.4 oif eth0", "fibmatch 8.8.8.8 oif eth1", "8.8.8.8 oif lo", "203.0.113.1 oif eth1", "10.0.0.19 oif eth1", "10.0.0.19 oif eth0", "224.0.0.5 oif eth1", "255.255.255.255 oif eth1", "0.0.0.0 oif eth1"],
  ),
  v4(
    "source selection",
    up("eth0", "eth1"),
    `addr add 10.0.0.19/24 dev eth0
addr add 10.0.0.30/24 dev eth0
addr add 10.9.0.1/24 dev eth0 scope link
addr add 10.1.0.5/24 dev eth1 noprefixroute
addr add 192.0.2.10/32 dev lo
route add default via 10.0.0.1
route add 198.51.100.0/24 via 10.0.0.1 src 192.0.2.10
route add 203.0.113.0/24 dev eth0
route add 203.0.114.0/24 via 10.0.0.1 src 10.0.0.99`,
    ["198.51.100.1", "203.0.113.1", "8.8.8.8", "10.0.0.50", "10.0.0.30", "10.1.0.7", "fibmatch 10.0.0.30", "10.9.0.5", "192.0.2.10"],
  ),
  v4(
    "input lookups with ip_forward=0",
    up("eth0", "eth1"),
    `${TWO_NICS}
route add 203.0.113.0/24 via 10.1.0.1`,
    [
      "8.8.8.8 from 10.0.0.20 iif eth1",
      "10.0.0.19 from 10.0.0.50 iif eth0",
      "10.0.0.19 from 127.0.0.1 iif eth0",
      "10.0.0.19 from 224.0.0.1 iif eth0",
      "10.0.0.19 from 0.0.0.0 iif eth0",
      "10.0.0.19 from 10.0.0.255 iif eth0",
      "10.0.0.19 from 10.0.0.19 iif eth0",
      "10.0.0.19 iif eth0",
      "127.0.0.1 from 10.0.0.50 iif eth0",
      "224.0.0.1 from 10.0.0.50 iif eth0",
      "224.0.0.9 from 10.0.0.50 iif eth0",
      "255.255.255.255 from 10.0.0.50 iif eth0",
      "10.0.0.255 from 10.0.0.50 iif eth0",
      "fibmatch 10.0.0.19 from 10.0.0.50 iif eth0",
    ],
  ),
  v4(
    "input lookups with ip_forward=1 and rp_filter 2",
    up("eth0", "eth1"),
    `${TWO_NICS}
route add 203.0.113.0/24 via 10.1.0.1
route add 198.51.100.0/24 via 10.0.0.7`,
    [
      "8.8.8.8 from 10.1.0.20 iif eth1",
      "8.8.8.8 from 10.0.0.20 iif eth0",
      "203.0.113.5 from 10.0.0.50 iif eth0",
      "198.51.100.5 from 10.0.0.50 iif eth0",
      "10.1.0.50 from 10.0.0.50 iif eth0",
      "10.1.0.50 from 192.0.2.1 iif eth0",
      "192.168.1.20 from 192.168.1.220 iif lo",
      "10.0.0.19 from 10.0.0.50 iif lo",
    ],
    { "net.ipv4.ip_forward": "1", "net.ipv4.conf.default.rp_filter": "2" },
  ),
  v4(
    "rule lookup 0 allocates a table",
    up("eth0"),
    `addr add 10.0.0.19/24 dev eth0
route add default via 10.0.0.1
rule add pref 100 to 198.51.100.0/24 lookup 0
route add 198.51.100.0/24 via 10.0.0.9 table 1
route del 198.51.100.0/24 table 1
route add 5.11.0.0/16 via 10.0.0.9 table 4294967295
route add 5.12.0.0/16 via 10.0.0.9 table 0`,
    ["198.51.100.1", "5.11.0.1", "5.12.0.1"],
  ),
  v4(
    "refused lines",
    [{ name: "eth0", state: "up" }, { name: "eth1", state: "up" }, { name: "eth2", state: "down" }],
    `addr add 10.0.0.19/24 dev eth0
addr add 10.0.0.19/24 dev eth0
addr add 10.0.0.20/24 dev eth0 scope link
addr add 10.2.0.19/24 dev eth2
route add default via 10.0.0.1
route add default via 10.0.0.2
route append default via 10.0.0.1
route add 9.9.9.0/24 via 10.5.0.1
route add 9.9.9.0/24 via 10.5.0.1 dev eth0 onlink
route add 9.9.8.0/24 via 10.0.0.1 dev eth0 tos 0x03
rule add tos 0xb8 lookup 100
rule add tos 0x1e lookup 100
route add 10.0.0.5/24 dev eth0
route add 9.9.7.0/24 via 10.0.0.1 src 10.0.0.99
rule del pref 7777
route change 9.9.6.0/24 via 10.0.0.1
route del 9.9.6.0/24
route del 9.9.6.0/24 table 77
route add nat 9.9.5.0/24 via 10.0.0.1
route add 9.9.4.0/24 via 10.0.0.1 scope host
route add 9.9.3.0/24 via 10.0.0.1 dev eth0 onlink scope link
route add 9.9.2.0/24 dev eth2
route add 9.9.2.0/24 via 10.2.0.1 dev eth2 onlink
route add 9.9.1.0/24 via 10.2.0.1 dev eth2
rule add sport 1024-65535 lookup 100
rule add dport 0-80 lookup 100
rule add uidrange 2000-1000 lookup 100
route add 9.9.0.0/24 via 10.0.0.19
route add 9.8.0.0/24 via 10.0.0.1 dev lo
rule add iif eth7 lookup 100 pref 100
rule add iif eth7 lookup 100 pref 100
rule add iif eth7 lookup 100
rule add goto 999 pref 200
rule add suppress_prefixlength 129 lookup main pref 300
rule add sport 53 lookup 100 pref 310
route add blackhole 9.7.0.0/16 dev eth0
route add 9.6.0.0/16
route add local 9.5.0.0/16 dev eth0 scope link
route add 9.4.0.0/16 via 10.0.0.1 dev eth0 metric 7
route del 9.4.0.0/16 metric 8
route del 9.4.0.0/16 via 10.0.0.2
route del 9.4.0.0/16 dev eth0 metric 7`,
    ["9.9.0.1", "9.9.9.1", "8.8.8.8"],
  ),
  {
    name: "IPv6 rules, metrics, oif, from",
    config: {
      family: 6,
      devices: up("eth0", "eth1"),
      sysctls: {},
      batch: `addr add 2001:db8:0:1::19/64 dev eth0
addr add 2001:db8:0:1::20/64 dev eth1
addr add 2001:db8:0:1::21/128 dev eth1
route add default via 2001:db8:0:1::1 dev eth0
route add default via 2001:db8:0:1::1 dev eth1 metric 1001
route add default via 2001:db8:0:1::1 dev eth1 table 1002
route add unreachable 2001:db8:200::/48 table 100
route add 2001:db8:300::/48 via 2001:db8:0:1::1 dev eth0 table 100
rule add from 2001:db8:0:1::20 lookup 1002
rule add lookup 100 pref 100
rule add to 2001:db8:400::/48 unreachable pref 50
rule add lookup 0`,
    },
    queries: [
      "2001:4860:4860::8888",
      "2001:4860:4860::8888 oif eth0",
      "2001:4860:4860::8888 from 2001:db8:0:1::20 oif eth0",
      "2001:4860:4860::8888 from 2001:db8:0:1::20",
      "2001:db8:200::1",
      "2001:db8:200::1 oif eth0",
      "2001:db8:300::1",
      "2001:db8:400::1",
      "2001:db8:0:1::19",
      "2001:db8:0:1::50",
      "fibmatch 2001:db8:0:1::50",
      "2001:db8:0:1::19 from 2001:db8:0:1::99 iif eth0",
      "2001:db8:0:1::50 from 2001:db8:0:1::99 iif eth0",
      "ff02::1",
      "ff02::1 from 2001:db8:0:1::99 iif eth0",
      "::1",
    ],
  },
  {
    name: "IPv6 forwarding: anycast, ECMP, refusals",
    config: {
      family: 6,
      devices: [{ name: "eth0", state: "up" }, { name: "eth1", state: "up" }, { name: "eth2", state: "nocarrier" }, { name: "eth3", state: "down" }],
      sysctls: { "net.ipv6.conf.all.forwarding": "1" },
      batch: `addr add 2001:db8:1::19/64 dev eth0
addr add 2001:db8:2::19/64 dev eth1
addr add 2001:db8:3::19/64 dev eth2
addr add 2001:db8:4::19/64 dev eth3
route add 2001:db8:10::/48 via 2001:db8:1::1
route append 2001:db8:10::/48 via 2001:db8:2::1
route add 2001:db8:11::/48 via 2001:db8:1::1 metric 100
route add 2001:db8:11::/48 via 2001:db8:2::1 metric 100
route append 2001:db8:11::/48 via 2001:db8:1::1 metric 100
route add 2001:db8:12::/48 via 2001:db8:1::19
route add 2001:db8:13::/48 via 2001:db8:9::1
route add 2001:db8:14::/48 via fe80::1 dev lo
route add 2001:db8:15::/48 via 2001:db8:3::1
route add 2001:db8:16::/48 dev eth3
route change 2001:db8:17::/48 via 2001:db8:1::1
route add 2001:db8:18::5/48 via 2001:db8:1::1
ip -4 route add 10.0.0.0/8 dev eth0`,
    },
    queries: [
      "2001:db8:1::",
      "2001:db8:1::5",
      "2001:db8:3::5",
      "2001:db8:4::19",
      "2001:db8:4::5",
      "2001:db8:10::1",
      "fibmatch 2001:db8:10::1",
      "2001:db8:11::1",
      "2001:db8:15::1",
      "fibmatch 2001:db8:15::1",
      "2001:db8:18::1",
      "2001:db8:1::19 from 2001:db8:2::5 iif eth1",
      "2001:db8:1::5 from 2001:db8:2::5 iif eth1",
      "10.1.2.3",
    ],
  },
];
