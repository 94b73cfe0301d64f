import { describe, expect, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { expectConfigError, rawWith } from "./config-helpers.js";

function withRps(cpus: unknown, queues = 4): Record<string, unknown> {
  return rawWith((r) => {
    r.host = { cpus: 8 };
    r.nics = [{ name: "eth0", queues, rps: { cpus } }];
  });
}

describe("bad RPS masks are rejected", () => {
  it("a non-hex digit, with the kernel's errno", () => {
    expectConfigError(() => validateScenario(withRps("fg")), 'nics[0].rps.cpus: "fg": invalid hex digit "g" (the kernel answers EINVAL)');
  });

  it("a mask that selects a CPU the host does not have, in a per-queue list", () => {
    expectConfigError(
      () => validateScenario(withRps(["f", "f", "f00", "f"])),
      'nics[0].rps.cpus[2]: "f00": selects CPU 8, but the host has 8 CPUs (the kernel answers EOVERFLOW)',
    );
  });

  it("a list with the wrong number of masks", () => {
    expectConfigError(() => validateScenario(withRps(["f", "f", "f"])), "nics[0].rps.cpus: 3 masks given for 4 rx queues");
  });

  it("a mask YAML read as a number", () => {
    expectConfigError(
      () => validateScenario(withRps(10)),
      'nics[0].rps.cpus: 10 is a number; write the mask as a quoted hex string, e.g. "10"',
    );
  });

  it("one mask applies to every queue; a list gives one per queue", () => {
    expect(validateScenario(withRps("fe")).nics[0].rps.cpus).toEqual(["fe", "fe", "fe", "fe"]);
    expect(validateScenario(withRps(["1", "2"], 2)).nics[0].rps.cpus).toEqual(["1", "2"]);
  });
});
