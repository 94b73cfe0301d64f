/**
 * The scenario's `routing` section: validated with one clear message naming the field, the
 * NICs as devices by default, a batch line iproute2 could not read refused with its line, lines
 * the kernel would refuse accepted (they are modelled), and the published schema accepting it.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { scenarioJsonSchema } from "../src/config/schema.js";
import { validateScenario } from "../src/config/validate.js";
import { compileRouting } from "../src/routing/index.js";
import { violation } from "./config-json-schema-lite.js";
import { expectConfigError, rawWith } from "./config-helpers.js";

const withRouting = (routing: unknown): Record<string, unknown> => rawWith((r) => (r.routing = routing));

describe("the routing section", () => {
  it("resolves, with the NICs as devices when none are listed", () => {
    const s = validateScenario(withRouting({ sysctls: { "net.ipv4.ip_forward": 1 }, batch: "addr add 10.0.0.1/24 dev eth0\nroute add default via 10.0.0.9\n" }));
    expect(s.routing).toEqual({
      family: 4,
      devices: [{ name: "eth0", state: "up" }],
      sysctls: { "net.ipv4.ip_forward": "1" },
      batch: "addr add 10.0.0.1/24 dev eth0\nroute add default via 10.0.0.9\n",
    });
    const tables = compileRouting(s.routing ?? { family: 4, devices: [], sysctls: {}, batch: "" });
    expect(tables.getJson("8.8.8.8").text).toBe('[{"dst":"8.8.8.8","gateway":"10.0.0.9","dev":"eth0","prefsrc":"10.0.0.1","flags":[],"uid":0,"cache":[]}]');
  });

  it("is optional", () => {
    expect(validateScenario(rawWith(() => undefined)).routing).toBeUndefined();
  });

  it("refuses what it cannot model, naming the field", () => {
    expectConfigError(() => validateScenario(withRouting({ family: "ipx" })), 'routing.family: "ipx" must be one of "inet", "inet6"');
    expectConfigError(() => validateScenario(withRouting({ devices: [{ name: "eth0", state: "sleeping" }] })), 'routing.devices[0].state: "sleeping" must be one of "up", "down", "nocarrier"');
    expectConfigError(
      () => validateScenario(withRouting({ devices: [{ name: "eth0" }, { name: "eth0" }] })),
      'routing.devices[1].name: "eth0" is already the name of routing.devices[0]',
    );
    expect(() => validateScenario(withRouting({ sysctls: { "net.ipv4.tcp_syncookies": "1" } }))).toThrowError(
      /^routing\.sysctls: "net\.ipv4\.tcp_syncookies" is not a routing sysctl nicsim models \(net\.ipv4\.ip_forward, /,
    );
    expectConfigError(() => validateScenario(withRouting({ sysctls: { "net.ipv4.conf.eth7.rp_filter": "1" } })), 'routing.sysctls: net.ipv4.conf.eth7.rp_filter: there is no device "eth7"');
    expectConfigError(() => validateScenario(withRouting({ batch: "addr add 10.0.0.1/24 dev eth0\nroute add 10.0.0.0/33 dev eth0" })), 'routing.batch: line 2: Error: any valid prefix is expected rather than "10.0.0.0/33".');
    expectConfigError(() => validateScenario(withRouting({ batch: "link set eth0 up" })), 'routing.batch: line 1: nicsim reads "addr", "route" and "rule" commands, not "link"');
  });

  it("accepts lines the kernel would refuse: they are part of the model", () => {
    const s = validateScenario(withRouting({ batch: "route add default via 10.9.9.9" }));
    expect(compileRouting(s.routing ?? { family: 4, devices: [], sysctls: {}, batch: "" }).refused.map((l) => l.error)).toEqual(["Error: Nexthop has invalid gateway."]);
  });

  it("is in the published schema, which accepts the elastic-NIC example", () => {
    const schema = scenarioJsonSchema() as Record<string, unknown>;
    expect(violation(schema, parse(readFileSync("examples/routing-two-enis.yaml", "utf8")))).toBeUndefined();
    expect(violation(schema, withRouting({ family: "inet6", devices: [{ name: "eth0", state: "nocarrier" }], sysctls: { "net.ipv6.conf.all.forwarding": "1" }, batch: "" }))).toBeUndefined();
    expect(violation(schema, withRouting({ devices: [{ name: "eth0", state: "off" }] }))).toBeDefined();
  });
});
