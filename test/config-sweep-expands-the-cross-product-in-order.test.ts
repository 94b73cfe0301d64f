import { describe, expect, it } from "vitest";
import { expandSweep } from "../src/config/sweep.js";
import { rawWith } from "./config-helpers.js";

describe("a sweep expands into the cross product, first axis outermost", () => {
  it("orders points with the last axis turning fastest", () => {
    const raw = rawWith((r) => {
      r.nics = [{ name: "eth0", maxQueues: 8 }];
      r.sweep = { queues: [1, 2], "traffic.load.pps": [1000, 2000, 3000] };
    });
    const points = expandSweep(raw);
    expect(points.map((p) => p.params)).toEqual([
      { queues: 1, "traffic.load.pps": 1000 },
      { queues: 1, "traffic.load.pps": 2000 },
      { queues: 1, "traffic.load.pps": 3000 },
      { queues: 2, "traffic.load.pps": 1000 },
      { queues: 2, "traffic.load.pps": 2000 },
      { queues: 2, "traffic.load.pps": 3000 },
    ]);
    expect(points.map((p) => [p.scenario.nics[0].queues, p.scenario.traffic.load])).toEqual([
      [1, { pps: 1000 }],
      [1, { pps: 2000 }],
      [1, { pps: 3000 }],
      [2, { pps: 1000 }],
      [2, { pps: 2000 }],
      [2, { pps: 3000 }],
    ]);
  });

  it("queues is shorthand for every NIC", () => {
    const raw = rawWith((r) => {
      r.nics = [{ name: "eth0" }, { name: "eth1" }];
      r.sweep = { queues: [3] };
    });
    expect(expandSweep(raw)[0].scenario.nics.map((nic) => nic.queues)).toEqual([3, 3]);
  });

  it("missing mappings on a path are created", () => {
    const raw = rawWith((r) => (r.sweep = { "kernel.maxBacklog": [10, 20] }));
    expect(expandSweep(raw).map((p) => p.scenario.kernel.maxBacklog)).toEqual([10, 20]);
  });

  it("the raw document is left untouched", () => {
    const raw = rawWith((r) => (r.sweep = { "host.cpus": [1, 2] }));
    const before = structuredClone(raw);
    expandSweep(raw);
    expect(raw).toEqual(before);
  });

  it("no sweep gives one point with no params", () => {
    const points = expandSweep(rawWith(() => {}));
    expect(points).toHaveLength(1);
    expect(points[0].params).toEqual({});
  });
});
