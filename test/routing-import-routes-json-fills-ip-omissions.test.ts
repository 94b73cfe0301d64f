/**
 * `ip -j route show table all` dumps → canonical route specs: iproute2's omissions filled back
 * (unicast, main, proto boot, scope global, metric 0), both families told apart per entry,
 * nexthops with weights and onlink, derived flags dropped; unmodelled keys refused by entry.
 */
import { describe, expect, it } from "vitest";
import { DumpError, dumpEntries } from "../src/routing/import/dump-entries.js";
import { importRoutes, routeEntryFamily } from "../src/routing/import/routes-json.js";

// captured from `ip -j route show table all` on kernel 6.18 / iproute2 6.1
const V4 = [
  { dst: "5.0.0.0/8", tos: "0x10", gateway: "10.1.0.1", dev: "eth1", table: "100", prefsrc: "10.0.0.19", flags: ["onlink", "linkdown"] },
  { type: "blackhole", dst: "6.0.0.0/8", table: "200", flags: [] },
  { dst: "default", gateway: "10.0.0.1", dev: "eth0", protocol: "static", metric: 7, flags: [] },
  {
    dst: "8.8.8.0/24",
    flags: [],
    nexthops: [
      { gateway: "10.0.0.2", dev: "eth0", weight: 3, flags: [] },
      { gateway: "10.0.0.3", dev: "eth0", weight: 1, flags: ["onlink"] },
    ],
  },
  { dst: "10.0.0.0/24", dev: "eth0", protocol: "kernel", scope: "link", prefsrc: "10.0.0.19", flags: [] },
  { type: "local", dst: "10.0.0.19", dev: "eth0", table: "local", protocol: "kernel", scope: "host", prefsrc: "10.0.0.19", flags: [] },
];
const ECMP6 = {
  dst: "2001:db8:5::/48",
  metric: 100,
  flags: [],
  pref: "medium",
  nexthops: [
    { gateway: "2001:db8:1::1", dev: "eth0", weight: 1, flags: [] },
    { gateway: "2001:db8:1::2", dev: "eth0", weight: 1, flags: [] },
  ],
};
const V6 = [
  { type: "unreachable", dst: "2001:db8:9::/48", dev: "lo", table: "5", metric: 1024, flags: [], pref: "medium" },
  ECMP6,
  { type: "multicast", dst: "ff00::/8", dev: "eth0", table: "local", protocol: "kernel", metric: 256, flags: [], pref: "medium" },
];

function failure(dump: unknown): string {
  try {
    importRoutes(dumpEntries(dump), 4);
  } catch (error) {
    if (error instanceof DumpError) return error.detail;
    throw error;
  }
  return "(accepted)";
}

describe("route dumps", () => {
  it("become route lines with every omitted default written out", () => {
    expect(importRoutes(dumpEntries(V4), 4).map((r) => r.spec.line)).toEqual([
      "5.0.0.0/8 tos 0x10 table 100 proto 3 scope 0 metric 0 src 10.0.0.19 via 10.1.0.1 dev eth1 onlink",
      "blackhole 6.0.0.0/8 table 200 proto 3 scope 0 metric 0",
      "0.0.0.0/0 table 254 proto 4 scope 0 metric 7 via 10.0.0.1 dev eth0",
      "8.8.8.0/24 table 254 proto 3 scope 0 metric 0 nexthop via 10.0.0.2 dev eth0 weight 3 nexthop via 10.0.0.3 dev eth0 weight 1 onlink",
      "10.0.0.0/24 table 254 proto 2 scope 253 metric 0 src 10.0.0.19 dev eth0",
      "local 10.0.0.19 table 255 proto 2 scope 254 metric 0 src 10.0.0.19 dev eth0",
    ]);
    expect(importRoutes(dumpEntries(V6), 6).map((r) => r.spec.line)).toEqual([
      "unreachable 2001:db8:9::/48 table 5 proto 3 metric 1024 pref medium",
      "2001:db8:5::/48 table 254 proto 3 metric 100 pref medium nexthop via 2001:db8:1::1 dev eth0 weight 1 nexthop via 2001:db8:1::2 dev eth0 weight 1",
      "multicast ff00::/8 table 255 proto 2 metric 256 pref medium dev eth0",
    ]);
  });

  it("compare ECMP groups whatever member the kernel lists first", () => {
    const swapped = [{ ...ECMP6, nexthops: [...ECMP6.nexthops].reverse() }];
    expect(importRoutes(dumpEntries(swapped), 6)[0].spec.key).toBe(importRoutes(dumpEntries([ECMP6]), 6)[0].spec.key);
    expect(importRoutes(dumpEntries(swapped), 6)[0].spec.line).not.toBe(importRoutes(dumpEntries([ECMP6]), 6)[0].spec.line);
  });

  it("tell each entry's family (a table-all dump holds both)", () => {
    expect(dumpEntries([...V4, ...V6]).map(routeEntryFamily)).toEqual([4, 4, 4, 4, 4, 4, 6, 6, 6]);
  });

  it("are refused, naming the entry and the key, when malformed or not modelled", () => {
    expect(failure([V4[0], { dst: "10.0.0.0/33", dev: "eth0" }])).toBe('entry 2: "dst" "10.0.0.0/33" is not an IPv4 prefix');
    expect(failure([{ dst: "default", nhid: 5 }])).toBe('entry 1: "nhid" is not modelled in routes');
    expect(failure([{ dst: "default", gateway: "fe80::1", dev: "eth0" }])).toBe('entry 1: "gateway" "fe80::1" is not an IPv4 address');
    expect(failure([{ dst: "default", metric: "7", dev: "eth0" }])).toBe('entry 1: "metric" is not a number');
    expect(failure([{ type: "nat", dst: "1.2.3.4" }])).toBe('entry 1: route type "nat" is not modelled');
    expect(failure([{ dst: "default", nexthops: [{ gateway: "10.0.0.1", weight: 0 }] }])).toBe('entry 1: nexthops[0]: "weight" 0 is not 1..256');
    expect(failure([{ dst: "default", table: "nosuchname", dev: "eth0" }])).toBe('entry 1: "table" "nosuchname" is not a known table');
  });
});
