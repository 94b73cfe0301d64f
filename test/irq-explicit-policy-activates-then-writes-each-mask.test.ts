import { describe, expect, it } from "vitest";
import { IrqAffinityError, placeExplicit, topologyFromSpec } from "../src/irq/index.js";

const flat = topologyFromSpec({ sockets: 1, coresPerSocket: 4, threadsPerCore: 1 });

describe("explicit: per-queue masks, then the x86 rule picks one CPU each", () => {
  it("without masks the allocator spreads the vectors as ip link set up requests them", () => {
    expect([...placeExplicit(6, flat, [])]).toEqual([0, 1, 2, 3, 0, 1]);
  });

  it("a NIC on node 1 gets its vectors on node 1 first", () => {
    const host = topologyFromSpec({ sockets: 2, coresPerSocket: 2, threadsPerCore: 1, nicNode: 1 });
    expect([...placeExplicit(3, host, [])]).toEqual([2, 3, 2]);
  });

  it("writes in queue order; a vector moves only if its CPU leaves its mask", () => {
    // Activation puts q0 on CPU 0 and q1 on CPU 1. q0 ← "2" (CPU 1): moves to CPU 1, the only
    // choice. q1 ← "3" (CPUs 0,1): CPU 1 is still in the mask, so q1 stays — both on CPU 1,
    // though CPU 0 is now idle. Allocating the masks directly would have given 1 and 0.
    expect([...placeExplicit(2, flat, [{ smpAffinity: "2" }, { smpAffinity: "3" }])]).toEqual([1, 1]);
  });

  it("lists work as masks do", () => {
    expect([...placeExplicit(4, flat, [{ smpAffinityList: "3" }, { smpAffinityList: "2-3" }, null, { smpAffinity: "1" }])]).toEqual([3, 2, 2, 0]);
  });

  it("a refused write names its queue", () => {
    let caught: unknown;
    try {
      placeExplicit(2, flat, [null, { smpAffinity: "10" }]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IrqAffinityError);
    expect((caught as IrqAffinityError).queue).toBe(1);
    expect((caught as IrqAffinityError).errno).toBe("EOVERFLOW");
  });
});
