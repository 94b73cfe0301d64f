import { describe, expect, it } from "vitest";
import { bottleneckOf } from "../src/report/bottleneck.js";

describe("bottleneckOf names what limits a point", () => {
  const none = { rxRing: 0, backlog: 0 };

  it("a cap whose drops outnumber the receive path's, whatever the CPUs do", () => {
    expect(bottleneckOf({ rxRing: 10, backlog: 0, ingressCap: 11 }, 1)).toBe("ingressCap");
    expect(bottleneckOf({ rxRing: 0, backlog: 5, ingressCap: 0, egressCap: 6 }, 0.2)).toBe("egressCap");
  });

  it("ring or backlog drops: the CPU when one is saturated, else the queue that overflowed", () => {
    expect(bottleneckOf({ rxRing: 100, backlog: 0 }, 1)).toBe("cpu");
    expect(bottleneckOf({ rxRing: 100, backlog: 0 }, 0.95)).toBe("cpu");
    expect(bottleneckOf({ rxRing: 100, backlog: 0 }, 0.94)).toBe("rxRing");
    expect(bottleneckOf({ rxRing: 1, backlog: 2 }, 0.5)).toBe("backlog");
    expect(bottleneckOf({ rxRing: 3, backlog: 2, ingressCap: 1 }, 0.5)).toBe("rxRing");
  });

  it("no drops: replies at the egress cap, else a saturated CPU, else none", () => {
    expect(bottleneckOf(none, 1, 0.995)).toBe("egressCap");
    expect(bottleneckOf(none, 0.96, 0.5)).toBe("cpu");
    expect(bottleneckOf(none, 0.94)).toBe("none");
  });
});
