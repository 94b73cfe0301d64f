import { describe, expect, it } from "vitest";
import { IrqbalanceInputError, IrqbalanceOptionError, initIrqbalance, topologyFromSpec } from "../src/irq/index.js";

const topology = topologyFromSpec({ sockets: 1, coresPerSocket: 4, threadsPerCore: 1, isolated: "3" });
const irqs = [{ irq: 5, cpu: 0 }];

function refusal(options: object): string {
  try {
    initIrqbalance({ topology, irqs, options });
  } catch (error) {
    if (error instanceof IrqbalanceOptionError) return error.message;
    throw error;
  }
  throw new Error("expected an IrqbalanceOptionError");
}

describe("irqbalance options and inputs", () => {
  it("refuses the option values its command line refuses", () => {
    expect(refusal({ intervalS: 0 })).toBe("intervalS: must be an integer ≥ 1, got 0");
    expect(refusal({ intervalS: 2.5 })).toBe("intervalS: must be an integer ≥ 1, got 2.5");
    expect(refusal({ deepestCache: 0 })).toBe("deepestCache: must be an integer ≥ 1, got 0");
    expect(refusal({ migrateVal: -1 })).toBe("migrateVal: must be an integer ≥ 0, got -1");
    expect(refusal({ bannedCpus: "4" })).toBe("bannedCpus: \"4\": CPU 4 is beyond the host's 4 CPUs (0-3) (the kernel answers ERANGE)");
  });

  it("bans the isolated CPUs unless a banned list replaces them; an empty variable is unset in 1.9.2 and 1.9.5", () => {
    expect(initIrqbalance({ topology, irqs }).tree.banned).toEqual([3]);
    // cputree.c `setup_banned_cpus` of both releases: `if (env && strlen(env))`.
    expect(initIrqbalance({ topology, irqs, options: { bannedCpus: "" } }).tree.banned).toEqual([3]);
    expect(initIrqbalance({ topology, irqs, options: { bannedCpus: [] } }).tree.banned).toEqual([]);
    expect(initIrqbalance({ topology, irqs, options: { bannedCpus: [1, 2] } }).tree.banned).toEqual([1, 2]);
  });

  it("refuses IRQ lists the host cannot have", () => {
    expect(() => initIrqbalance({ topology, irqs: [{ irq: 5, cpu: 4 }] })).toThrow(IrqbalanceInputError);
    expect(() => initIrqbalance({ topology, irqs: [{ irq: 5, cpu: 0 }, { irq: 5, cpu: 1 }] })).toThrow(/listed twice/);
    expect(() => initIrqbalance({ topology, irqs: [{ irq: 5, cpu: 0, node: 1 }] })).toThrow(/irqs\[0\]\.node/);
  });
});
