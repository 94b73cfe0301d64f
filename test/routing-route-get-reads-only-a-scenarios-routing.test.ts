/**
 * `nicsim route get --config SCENARIO` reads the scenario's routing section, checked as
 * `nicsim run` checks it (same messages), and the NICs' names when the section lists no devices;
 * the other sections are neither loaded nor checked (bench/startup.bench.ts: start-up cost).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRoutingConfig } from "../src/cli/commands/route-config.js";
import { ConfigError } from "../src/config/errors.js";
import { loadScenarioText } from "../src/config/load.js";

const EXAMPLE = "examples/routing-two-enis.yaml";
const NO_OPTIONS = { devices: undefined, family: undefined };
let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "nicsim-route-scenario-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The example with `edit` applied to its text, written to a file; returns the path. */
function variant(name: string, edit: (text: string) => string): string {
  const path = join(dir, name);
  writeFileSync(path, edit(readFileSync(EXAMPLE, "utf8")));
  return path;
}

/** The message a loader throws, or "" when it does not. */
function messageOf(load: () => unknown): string {
  try {
    load();
    return "";
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

describe("route get on a scenario file", () => {
  it("gives the routing that a validated run of the scenario uses", () => {
    const run = loadScenarioText(readFileSync(EXAMPLE, "utf8"), EXAMPLE).points[0].scenario.routing;
    expect(loadRoutingConfig(EXAMPLE, NO_OPTIONS)).toEqual(run);
  });

  it("takes the NICs' names as its devices when routing lists none, as a run does", () => {
    const path = variant("no-devices.yaml", (t) => t.replace(/ {2}devices:\n(?: {4}- .*\n)+/, ""));
    const run = loadScenarioText(readFileSync(path, "utf8"), path).points[0].scenario.routing;
    expect(run?.devices.map((d) => d.name)).toEqual(["eth1", "eth2"]);
    expect(loadRoutingConfig(path, NO_OPTIONS)).toEqual(run);
  });

  it("refuses a routing error with the message a run gives", () => {
    const path = variant("bad-batch.yaml", (t) => t.replace("lookup 1002", "lookup 1002 frobnicate"));
    const run = messageOf(() => loadScenarioText(readFileSync(path, "utf8"), path));
    expect(run).toMatch(/^ConfigError: routing\.batch: line \d+: /);
    expect(messageOf(() => loadRoutingConfig(path, NO_OPTIONS))).toBe(run);
  });

  it("checks the NICs' names it reads, and only those", () => {
    const noDevices = (t: string): string => t.replace(/ {2}devices:\n(?: {4}- .*\n)+/, "");
    const duplicate = variant("duplicate-nic.yaml", (t) => noDevices(t).replace("name: eth2,", "name: eth1,"));
    expect(() => loadRoutingConfig(duplicate, NO_OPTIONS)).toThrow(ConfigError);
    expect(messageOf(() => loadRoutingConfig(duplicate, NO_OPTIONS))).toBe(messageOf(() => loadScenarioText(readFileSync(duplicate, "utf8"), duplicate)));
    // A section route get does not read: the run refuses it, route get answers.
    const badTraffic = variant("bad-traffic.yaml", (t) => t.replace("flows: 1000", "flows: -3"));
    expect(messageOf(() => loadScenarioText(readFileSync(badTraffic, "utf8"), badTraffic))).toMatch(/^ConfigError: traffic\.flows: /);
    expect(loadRoutingConfig(badTraffic, NO_OPTIONS).devices.map((d) => d.name)).toEqual(["eth1", "eth2"]);
  });
});
