import { describe, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { at, expectConfigError, rawWith } from "./config-helpers.js";

describe("unknown keys are rejected at every depth", () => {
  it("at the top level", () => {
    const raw = rawWith((r) => (r.hosts = {}));
    expectConfigError(
      () => validateScenario(raw),
      "hosts: unknown key; allowed: profile, host, nics, irq, traffic, costs, kernel, run, routing, bandwidth, app, sweep",
    );
  });

  it("one level down", () => {
    const raw = rawWith((r) => (at(r, "host").foo = 1));
    expectConfigError(() => validateScenario(raw), "host.foo: unknown key; allowed: cpus, ghz, topology");
  });

  it("inside a list item", () => {
    const raw = rawWith((r) => (r.nics = [{ name: "eth0", queue: 4 }]));
    expectConfigError(
      () => validateScenario(raw),
      "nics[0].queue: unknown key; allowed: name, addresses, maxQueues, queues, driver, pci, vectors, ringSize, rss, rps, xps, coalesce",
    );
  });

  it("three levels down", () => {
    const raw = rawWith((r) => (r.nics = [{ name: "eth0", rss: { table: 64 } }]));
    expectConfigError(() => validateScenario(raw), "nics[0].rss.table: unknown key; allowed: key, hfunc, hashReport, inputXfrm, fields, indirSize, indir");
    const load = rawWith((r) => (at(r, "traffic").load = { pps: 1, bps: 2 }));
    expectConfigError(() => validateScenario(load), "traffic.load.bps: unknown key; allowed: pps, mbps");
  });

  it("keys that are not identifiers are quoted", () => {
    const raw = rawWith((r) => (r.run = { "dura tion": "1s" }));
    expectConfigError(() => validateScenario(raw), 'run."dura tion": unknown key; allowed: duration, warmup, seed, replications');
  });
});
