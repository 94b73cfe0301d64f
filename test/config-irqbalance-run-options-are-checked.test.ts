import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/config/errors.js";
import { validateScenario } from "../src/config/validate.js";

const base = {
  host: { cpus: 4 },
  nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 4, queues: 4 }],
  traffic: { src: "100.64.0.0/10", dst: "10.0.0.19", load: { pps: 100000 } },
};

function withDaemon(irqbalance: Record<string, unknown>): ReturnType<typeof validateScenario> {
  return validateScenario({ ...base, irq: { policy: "irqbalance", irqbalance } });
}

function failure(irqbalance: Record<string, unknown>): ConfigError {
  try {
    withDaemon(irqbalance);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("accepted");
}

describe("irq.irqbalance run options", () => {
  it("take the daemon's defaults", () => {
    expect(withDaemon({}).irq.irqbalance).toEqual({ deepestCache: 2, interval: 10, oneshot: false, migrateVal: 0, powerThresh: null, bannedIrqs: [], version: "1.9.2", listing: "kernfs" });
  });

  it("are passed on as written", () => {
    const settings = withDaemon({ interval: 3, oneshot: true, migrateval: 2, powerthresh: 1, bannedIrqs: [33, 34] }).irq.irqbalance;
    expect(settings).toMatchObject({ interval: 3, oneshot: true, migrateVal: 2, powerThresh: 1, bannedIrqs: [33, 34] });
  });

  it("refuse what the daemon refuses, naming the field", () => {
    expect(failure({ interval: 0 }).path).toBe("irq.irqbalance.interval");
    expect(failure({ interval: 1.5 }).path).toBe("irq.irqbalance.interval");
    expect(failure({ oneshot: "yes" }).message).toBe('irq.irqbalance.oneshot: "yes" must be true or false');
    expect(failure({ migrateval: -1 }).path).toBe("irq.irqbalance.migrateval");
    expect(failure({ bannedIrqs: [-1] }).path).toBe("irq.irqbalance.bannedIrqs[0]");
  });
});
