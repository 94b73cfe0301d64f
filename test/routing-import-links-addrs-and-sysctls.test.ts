/**
 * `ip -j link show` → devices and their states; `ip -j addr show` → `addr add` lines with
 * scope, noprefixroute, metric and broadcast (lo's own addresses skipped, IPv6 replayed oldest
 * first); `sysctl -a` text → the routing sysctls the model knows; each refused by entry/line.
 */
import { describe, expect, it } from "vitest";
import { importAddrs } from "../src/routing/import/addrs-json.js";
import { DumpError, dumpEntries } from "../src/routing/import/dump-entries.js";
import { detectDump } from "../src/routing/import/dump-kind.js";
import { importLinks } from "../src/routing/import/links-json.js";
import { importSysctls } from "../src/routing/import/sysctl-text.js";
import { makeDevices } from "../src/routing/model/build.js";

// abridged from `ip -j link show` / `ip -j addr show` (kernel 6.18, iproute2 6.1)
const LINKS = [
  { ifindex: 1, ifname: "lo", flags: ["LOOPBACK", "UP", "LOWER_UP"], operstate: "UNKNOWN" },
  { ifindex: 5, link: "nsp1", ifname: "eth1", flags: ["NO-CARRIER", "BROADCAST", "MULTICAST", "UP", "M-DOWN"], operstate: "LOWERLAYERDOWN" },
  { ifindex: 3, link: "nsp0", ifname: "eth0", flags: ["BROADCAST", "MULTICAST", "UP", "LOWER_UP"], operstate: "UP" },
  { ifindex: 7, link: "nsp2", ifname: "eth2", flags: ["BROADCAST", "MULTICAST", "M-DOWN"], operstate: "DOWN" },
];
const life = { valid_life_time: 4294967295, preferred_life_time: 4294967295 };
const ADDRS = [
  {
    ...LINKS[0],
    addr_info: [
      { family: "inet", local: "127.0.0.1", prefixlen: 8, scope: "host", label: "lo", ...life },
      { family: "inet6", local: "::1", prefixlen: 128, scope: "host", ...life },
    ],
  },
  {
    ...LINKS[2],
    addr_info: [
      { family: "inet", local: "10.9.0.1", prefixlen: 16, scope: "link", label: "eth0", ...life },
      { family: "inet", local: "10.0.0.19", prefixlen: 24, broadcast: "10.0.0.255", scope: "global", label: "eth0", ...life },
      { family: "inet", local: "10.0.0.30", prefixlen: 24, scope: "global", secondary: true, label: "eth0", ...life },
      { family: "inet6", local: "2001:db8:1::21", prefixlen: 128, scope: "global", ...life },
      { family: "inet6", local: "2001:db8:1::20", prefixlen: 64, scope: "global", ...life },
      { family: "inet6", local: "2001:db8:1::99", prefixlen: 64, scope: "global", tentative: true, ...life },
    ],
  },
  { ...LINKS[1], addr_info: [{ family: "inet", local: "10.1.0.19", prefixlen: 24, metric: 5, scope: "global", noprefixroute: true, label: "eth1", ...life }] },
];

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DumpError) return error.detail;
    throw error;
  }
  return "(accepted)";
}

describe("link, addr and sysctl dumps", () => {
  it("give the devices in ifindex order with their states", () => {
    expect(importLinks(dumpEntries(LINKS))).toEqual([
      { name: "eth0", state: "up" },
      { name: "eth1", state: "nocarrier" },
      { name: "eth2", state: "down" },
    ]);
    expect(failure(() => importLinks(dumpEntries([LINKS[1], { ...LINKS[2], ifname: "eth1" }])))).toBe('entry 2: device "eth1" (ifindex 3) is listed twice');
    expect(failure(() => importLinks(dumpEntries([{ ifindex: 2, ifname: "eth0" }])))).toBe('entry 1: "flags" is missing');
  });

  it("give addr add lines that rebuild the kernel's address lists", () => {
    expect(importAddrs(dumpEntries(ADDRS)).map((l) => l.line)).toEqual([
      "ip -4 addr add 10.9.0.1/16 dev eth0 scope link",
      "ip -4 addr add 10.0.0.19/24 dev eth0 brd 10.0.0.255 scope global",
      "ip -4 addr add 10.0.0.30/24 dev eth0 scope global",
      "ip -6 addr add 2001:db8:1::20/64 dev eth0 scope global",
      "ip -6 addr add 2001:db8:1::21/128 dev eth0 scope global",
      "ip -4 addr add 10.1.0.19/24 dev eth1 scope global noprefixroute metric 5",
    ]);
    const peer = [{ ...LINKS[2], addr_info: [{ family: "inet", local: "10.0.0.1", address: "10.0.0.2", prefixlen: 32 }] }];
    expect(failure(() => importAddrs(dumpEntries(peer)))).toBe("entry 1: addr_info[0]: peer addresses are not modelled");
    const bad = [{ ...LINKS[2], addr_info: [{ family: "inet", local: "10.0.0.1", prefixlen: "24" }] }];
    expect(failure(() => importAddrs(dumpEntries(bad)))).toBe('entry 1: addr_info[0]: "prefixlen" is not a number');
  });

  it("read the routing sysctls out of sysctl -a and skip the rest", () => {
    const text = "net.core.somaxconn = 4096\nnet.ipv4.conf.all.rp_filter = 1\nnet.ipv4.conf.eth0.rp_filter = 2\nnet.ipv4.conf.eth9.rp_filter = 2\nnet.ipv4.ip_forward = 1\nnet.ipv6.conf.all.forwarding = 0\nnet.ipv6.conf.all.rp_filter = 1\n";
    expect(importSysctls(text, makeDevices([{ name: "eth0", state: "up" }]))).toEqual({
      "net.ipv4.conf.all.rp_filter": "1",
      "net.ipv4.conf.eth0.rp_filter": "2",
      "net.ipv4.ip_forward": "1",
      "net.ipv6.conf.all.forwarding": "0",
    });
    expect(failure(() => importSysctls("net.ipv4.ip_forward = yes", makeDevices([])))).toBe('line 1: net.ipv4.ip_forward: "yes" is not a number');
    expect(failure(() => importSysctls("net.ipv4.ip_forward = 1\nnot a sysctl line", makeDevices([])))).toBe('line 2: not "name = value"');
  });

  it("are recognised by their content", () => {
    expect(detectDump(JSON.stringify(LINKS))?.kind).toBe("links");
    expect(detectDump(JSON.stringify(ADDRS))?.kind).toBe("addrs");
    expect(detectDump('[{"priority":0,"src":"all","table":"local"}]')?.kind).toBe("rules");
    expect(detectDump('[{"dst":"default","dev":"eth0"}]')?.kind).toBe("routes");
    expect(detectDump("net.ipv4.ip_forward = 1\n")?.kind).toBe("sysctls");
    expect(detectDump("[]")?.kind).toBe("empty");
    expect(detectDump("route add default via 10.0.0.1\n")).toBeUndefined();
    expect(failure(() => detectDump('[{"priority":0,'))).toMatch(/^not valid JSON: /);
    expect(failure(() => detectDump('[{"priority":0,"table":"local"},{"dst":"default"}]'))).toBe("entry 2: a routes entry in a dump of rules");
    expect(failure(() => detectDump('[{"foo":1}]'))).toMatch(/^entry 1: not an entry of an ip -j dump/);
  });
});
