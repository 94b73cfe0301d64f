import { describe, it } from "vitest";
import { loadScenarioText } from "../src/config/load.js";
import { validateScenario } from "../src/config/validate.js";
import { expectConfigError } from "./config-helpers.js";

const ALLOWED = "a mapping with keys profile, host, nics, irq, traffic, costs, kernel, run, routing, bandwidth, app, sweep";

describe("the top level must be a mapping", () => {
  it("a list", () => {
    expectConfigError(() => validateScenario([1, 2]), `the scenario must be ${ALLOWED}; got [1,2]`);
  });

  it("an empty file", () => {
    expectConfigError(() => loadScenarioText("", "empty.yaml"), `the scenario must be ${ALLOWED}; got null`);
  });

  it("a plain string", () => {
    expectConfigError(() => loadScenarioText("hello\n", "s.yaml"), `the scenario must be ${ALLOWED}; got "hello"`);
  });

  it("a mapping without required sections", () => {
    expectConfigError(() => validateScenario({}), "host: missing; required: a mapping with keys cpus, ghz, topology");
  });
});
