import { describe, expect, it } from "vitest";
import { localSpread, placeCpu0, placeDriverHint, placeRoundRobin, topologyFromSpec } from "../src/irq/index.js";

// 2 sockets × 4 cores × 2 threads: node 0 = CPUs 0-3,8-11, node 1 = 4-7,12-15.
const host = topologyFromSpec({ sockets: 2, coresPerSocket: 4, threadsPerCore: 2, nicNode: 1 });

describe("driver-hint: vector v on cpumask_local_spread(v, node)", () => {
  it("node -1 (i40e, iavf): the v-th online CPU, wrapping at the CPU count", () => {
    expect([...placeDriverHint(18, host)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1]);
  });

  it("the NIC's node (mlx5-style): that node's CPUs first, ascending, then the rest", () => {
    expect([...placeDriverHint(10, host, { node: "nic" })]).toEqual([4, 5, 6, 7, 12, 13, 14, 15, 0, 1]);
    expect(localSpread(15, 1, host)).toBe(11);
    expect(localSpread(16, 1, host)).toBe(4);
  });

  it("the other static policies: cpu0 and round-robin", () => {
    expect([...placeCpu0(3)]).toEqual([0, 0, 0]);
    expect([...placeRoundRobin(5, 4)]).toEqual([0, 1, 2, 3, 0]);
  });
});
