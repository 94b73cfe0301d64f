/**
 * `nicsim route get` without `--json` prints what `ip route get` prints, byte for byte: IPv4
 * lines end with a space, `iif` sits on the IPv4 cache line, `mark` is decimal, IPv6 has no
 * cache line and no trailing space. The expected texts were printed by iproute2 6.1 on kernel
 * 6.18 in a namespace set up as this configuration.
 */
import { describe, expect, it } from "vitest";
import { answerToIpText, compileRouting } from "../src/routing/index.js";

const tables = compileRouting({
  family: 4,
  devices: [
    { name: "p1", state: "up" },
    { name: "eth1", state: "up" },
    { name: "p2", state: "down" },
    { name: "eth2", state: "nocarrier" },
  ],
  sysctls: { "net.ipv4.ip_forward": "1", "net.ipv6.conf.all.forwarding": "1" },
  batch: `addr add 10.0.0.20/24 dev eth1
addr add 10.1.0.20/24 dev eth2
ip -6 addr add 2001:db8::20/64 dev eth1
route add default via 10.0.0.253
route add 8.8.0.0/16 via 10.1.0.1 metric 5 table 100
rule add fwmark 7 lookup 100
ip -6 route add default via 2001:db8::1`,
});

const KERNEL: readonly (readonly [string, string])[] = [
  ["8.8.8.8 mark 7", "8.8.8.8 via 10.1.0.1 dev eth2 table 100 src 10.1.0.20 mark 7 uid 0 \n    cache "],
  ["fibmatch 8.8.8.8 mark 7", "8.8.0.0/16 via 10.1.0.1 dev eth2 table 100 metric 5 linkdown "],
  ["8.8.8.8 from 10.1.0.77 iif eth1", "8.8.8.8 from 10.1.0.77 via 10.0.0.253 dev eth1 \n    cache iif eth1 "],
  ["10.0.0.255", "broadcast 10.0.0.255 dev eth1 table local src 10.0.0.20 uid 0 \n    cache <local,brd> "],
  ["2001:db8:5::1 from 2001:db8::77 iif eth1", "2001:db8:5::1 from 2001:db8::77 via 2001:db8::1 dev eth1 metric 1024 iif eth1 pref medium"],
  ["2001:db8::20", "local 2001:db8::20 from :: dev lo table local proto kernel src 2001:db8::20 metric 0 pref medium"],
  ["8.8.8.8 tos 0x10 uid 5", "8.8.8.8 via 10.0.0.253 dev eth1 src 10.0.0.20 uid 5 \n    cache "],
];

describe("route get text output", () => {
  it.each(KERNEL)("%s", (query, kernel) => {
    expect(tables.refused).toEqual([]);
    const r = tables.get(query);
    if (!r.ok) throw new Error(r.error);
    expect(answerToIpText(tables.state, r.answer)).toBe(kernel);
  });
});
