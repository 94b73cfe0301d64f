import { describe, expect, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { expectConfigError, rawWith } from "./config-helpers.js";

describe("queues above maxQueues are rejected", () => {
  it("names the NIC, the queue count and the maximum", () => {
    const raw = rawWith((r) => (r.nics = [{ name: "eth0", maxQueues: 8, queues: 16 }]));
    expectConfigError(() => validateScenario(raw), "nics[0].queues: 16 exceeds maxQueues 8");
  });

  it("accepts queues equal to maxQueues", () => {
    const raw = rawWith((r) => (r.nics = [{ name: "eth0", maxQueues: 8, queues: 8 }]));
    expect(validateScenario(raw).nics[0].queues).toBe(8);
  });

  it("points at the right NIC in a list", () => {
    const raw = rawWith((r) => (r.nics = [{ name: "eth0" }, { name: "eth1", maxQueues: 2, queues: 3 }]));
    expectConfigError(() => validateScenario(raw), "nics[1].queues: 3 exceeds maxQueues 2");
  });
});
