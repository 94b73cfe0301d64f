/**
 * A host rebuilt from its dumps has the dumped routes exactly (every imported line applies, and
 * the model's routes read back equal the dump), answers like the configuration that made the
 * dumps, reaches gateways the replay could not otherwise reach through temporary routes, and
 * drops kernel routes the dump no longer has. Without an addr dump, the addresses come from
 * the routes. (The kernel itself is the oracle in routing-imported-dumps-agree-with-the-kernel.)
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadRoutingConfig } from "../src/cli/commands/route-config.js";
import { dumpEntries } from "../src/routing/import/dump-entries.js";
import { DumpCollector } from "../src/routing/import/dump-files.js";
import { SCAFFOLD_PROTOCOL, importHost } from "../src/routing/import/host-import.js";
import { modelRouteSpecs } from "../src/routing/import/model-routes.js";
import { importRoutes } from "../src/routing/import/routes-json.js";
import { compileRouting } from "../src/routing/index.js";
import type { RoutingConfig } from "../src/routing/index.js";

const DIR = "examples/host-dumps";
const QUERIES = [
  "8.8.8.8",
  "8.8.8.8 from 10.0.0.20",
  "8.8.8.8 from 10.0.0.21",
  "10.0.0.50",
  "10.0.0.50 from 10.0.0.21",
  "8.8.8.8 from 10.0.0.20 oif eth1",
  "10.0.0.21 from 198.51.100.7 iif eth2",
  "10.0.0.20 from 10.0.0.50 iif eth2",
  "fibmatch 8.8.8.8 from 10.0.0.21",
  "10.0.0.255",
  "10.0.0.20",
];

function fromDumps(...names: string[]): RoutingConfig {
  const collector = new DumpCollector(undefined);
  for (const name of names) collector.add({ source: name, text: readFileSync(`${DIR}/${name}`, "utf8") });
  return importHost(collector.dumps(undefined), 4);
}

function answers(config: RoutingConfig): string[] {
  const tables = compileRouting(config);
  return QUERIES.map((q) => tables.getJson(q).text);
}

const ALL = ["links.json", "addrs.json", "rules.json", "rules6.json", "routes.json", "sysctl.txt"];

describe("a host imported from its dumps", () => {
  it("holds exactly the dumped routes of both families, every line applied", () => {
    const tables = compileRouting(fromDumps(...ALL));
    expect(tables.refused).toEqual([]);
    const dump = dumpEntries(JSON.parse(readFileSync(`${DIR}/routes.json`, "utf8")));
    for (const family of [4, 6] as const) {
      const dumped = importRoutes(dump.filter((e) => (family === 6) === e.has("pref")), family).map((r) => r.spec.key);
      expect(modelRouteSpecs(tables.state, family).map((s) => s.key).sort()).toEqual(dumped.sort());
    }
  });

  it("answers as the configuration the dumps were taken from (examples/routing-two-enis.yaml)", () => {
    const scenario = answers(loadRoutingConfig("examples/routing-two-enis.yaml", { devices: undefined, family: undefined }));
    expect(answers(fromDumps(...ALL))).toEqual(scenario);
    // rules and routes alone: the addresses are read back from the routes; rp_filter is not known
    const partial = answers(fromDumps("rules.json", "routes.json"));
    const rpFilterQueries = new Set([QUERIES.indexOf("10.0.0.20 from 10.0.0.50 iif eth2")]);
    expect(partial.filter((_, i) => !rpFilterQueries.has(i))).toEqual(scenario.filter((_, i) => !rpFilterQueries.has(i)));
  });

  it("reaches a gateway whose route is gone through a temporary route, and drops deleted kernel routes", () => {
    const links = JSON.stringify([
      { ifindex: 1, ifname: "lo", flags: ["LOOPBACK", "UP", "LOWER_UP"] },
      { ifindex: 2, ifname: "eth0", flags: ["UP", "LOWER_UP"] },
      { ifindex: 3, ifname: "eth1", flags: ["UP", "LOWER_UP"] },
    ]);
    const addrs = JSON.stringify([{ ifindex: 2, ifname: "eth0", flags: ["UP", "LOWER_UP"], addr_info: [{ family: "inet", local: "10.0.0.19", prefixlen: 24, scope: "global" }] }]);
    // as the kernel dumps it after: route add 10.5.0.0/16 dev eth1; route add 8.8.8.0/24 via
    // 10.5.0.1; route del 10.5.0.0/16; route add default via 10.0.0.1; route del 10.0.0.0/24 dev eth0
    const routes = JSON.stringify([
      { dst: "default", gateway: "10.0.0.1", dev: "eth0", flags: [] },
      { dst: "8.8.8.0/24", gateway: "10.5.0.1", dev: "eth1", flags: [] },
      { type: "local", dst: "10.0.0.19", dev: "eth0", table: "local", protocol: "kernel", scope: "host", prefsrc: "10.0.0.19", flags: [] },
      { type: "broadcast", dst: "10.0.0.255", dev: "eth0", table: "local", protocol: "kernel", scope: "link", prefsrc: "10.0.0.19", flags: [] },
      { type: "local", dst: "127.0.0.0/8", dev: "lo", table: "local", protocol: "kernel", scope: "host", prefsrc: "127.0.0.1", flags: [] },
      { type: "local", dst: "127.0.0.1", dev: "lo", table: "local", protocol: "kernel", scope: "host", prefsrc: "127.0.0.1", flags: [] },
      { type: "broadcast", dst: "127.255.255.255", dev: "lo", table: "local", protocol: "kernel", scope: "link", prefsrc: "127.0.0.1", flags: [] },
    ]);
    const collector = new DumpCollector(undefined);
    for (const [source, text] of [["links", links], ["addrs", addrs], ["routes", routes]]) collector.add({ source, text });
    const config = importHost(collector.dumps(undefined), 4);
    expect(config.batch).toContain(`ip -4 route append 10.5.0.1 dev eth1 table 254 proto ${SCAFFOLD_PROTOCOL}`);
    expect(config.batch).toContain("ip -4 route del 10.0.0.0/24 table 254 proto 2 scope 253 metric 0 src 10.0.0.19 dev eth0");
    const tables = compileRouting(config);
    expect(tables.refused).toEqual([]);
    expect(tables.getJson("8.8.8.8").text).toBe('[{"dst":"8.8.8.8","gateway":"10.5.0.1","dev":"eth1","prefsrc":"10.0.0.19","flags":[],"uid":0,"cache":[]}]');
    expect(tables.getJson("10.0.0.7").text).toBe('[{"dst":"10.0.0.7","gateway":"10.0.0.1","dev":"eth0","prefsrc":"10.0.0.19","flags":[],"uid":0,"cache":[]}]');
    // the temporary route is gone: the gateway itself now matches only the default route
    expect(tables.getJson("fibmatch 10.5.0.1").text).toContain(`"dst":"default"`);
  });
});
