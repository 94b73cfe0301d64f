import { describe, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { at, expectConfigError, rawWith } from "./config-helpers.js";

describe("rates must be positive", () => {
  it("a negative pps", () => {
    const raw = rawWith((r) => (at(r, "traffic").load = { pps: -5 }));
    expectConfigError(() => validateScenario(raw), "traffic.load.pps: -5 must be > 0");
  });

  it("a zero mbps", () => {
    const raw = rawWith((r) => (at(r, "traffic").load = { mbps: 0 }));
    expectConfigError(() => validateScenario(raw), "traffic.load.mbps: 0 must be > 0");
  });

  it("a load with both or neither of pps and mbps", () => {
    const both = rawWith((r) => (at(r, "traffic").load = { pps: 1, mbps: 1 }));
    expectConfigError(() => validateScenario(both), 'traffic.load: {"pps":1,"mbps":1} must have exactly one of pps, mbps');
    const neither = rawWith((r) => (at(r, "traffic").load = {}));
    expectConfigError(() => validateScenario(neither), "traffic.load: {} must have exactly one of pps, mbps");
  });

  it("a rate given as text", () => {
    const raw = rawWith((r) => (at(r, "traffic").load = { pps: "1M" }));
    expectConfigError(() => validateScenario(raw), 'traffic.load.pps: "1M" must be a number > 0');
  });

  it("a zero clock (a clock below 0.1 GHz: src/config/physical-limits.ts)", () => {
    const raw = rawWith((r) => (r.host = { cpus: 4, ghz: 0 }));
    expectConfigError(() => validateScenario(raw), "host.ghz: 0 must be >= 0.1");
  });
});
