// `rss spread` needs no simulation: a queue's expected packet share is the sum of its flows'
// weights (uniform, or Zipf 1/k^s for flow k-1, as the packet source draws flows) over the
// total; imbalance is max/mean. The queues come from the same code path as the engine's plan.
import { describe, expect, it } from "vitest";
import { flowWeightsOf } from "../src/cli/commands/rss-spread.js";
import { validateScenario } from "../src/config/validate.js";
import { compileFlowRss, compilePlan } from "../src/engine/plan.js";
import { queueSpread } from "../src/rss/index.js";
import { rawWith } from "./config-helpers.js";

describe("queueSpread", () => {
  it("uniform: shares follow flow counts", () => {
    const s = queueSpread([0, 0, 1, 2], null, 4);
    expect(s.perQueue.map((q) => q.flows)).toEqual([2, 1, 1, 0]);
    expect(s.perQueue.map((q) => q.share)).toEqual([0.5, 0.25, 0.25, 0]);
    expect(s.packetImbalance).toBe(2); // 0.5 / 0.25
    expect(s.flowImbalance).toBe(2);
  });

  it("Zipf s = 1 over 3 flows: weights 1, 1/2, 1/3", () => {
    const w = flowWeightsOf({ kind: "zipf", s: 1 }, 3);
    expect(Array.from(w ?? [])).toEqual([1, 1 / 2, 1 / 3]);
    const s = queueSpread([1, 0, 0], w, 2);
    const total = 1 + 1 / 2 + 1 / 3;
    expect(s.perQueue[0].share).toBeCloseTo(5 / 6 / total, 12);
    expect(s.perQueue[1].share).toBeCloseTo(1 / total, 12);
    expect(s.packetImbalance).toBeCloseTo(1 / total / 0.5, 12);
    expect(flowWeightsOf({ kind: "uniform" }, 3)).toBeNull();
  });
});

describe("one code path with the engine", () => {
  it("compilePlan's flow queues are compileFlowRss's, offset by the NIC's first queue", () => {
    const scenario = validateScenario(
      rawWith((r) => {
        r.nics = [
          { name: "eth0", queues: 2 },
          { name: "eth1", addresses: ["10.0.0.1/24"], queues: 3, rss: { indir: "weight 1 2 1", indirSize: 64, fields: { udp4: "sd" } } },
        ];
      }),
    );
    const plan = compilePlan(scenario, 42);
    const rss = compileFlowRss(scenario, 42);
    expect(rss.nic).toBe(1);
    expect(Array.from(plan.flowHash)).toEqual(Array.from(rss.flowHash));
    expect(Array.from(plan.flowQueue)).toEqual(Array.from(rss.flowNicQueue, (q) => q + 2));
  });
});
