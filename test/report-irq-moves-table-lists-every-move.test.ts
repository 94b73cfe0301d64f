import { describe, expect, it } from "vitest";
import { irqMovesTables } from "../src/report/irq-moves-table.js";
import type { PointResult } from "../src/report/result-model.js";

function point(params: Record<string, string>, replications: number, irqbalance?: PointResult["irqbalance"]): PointResult {
  return { params, replications, ...(irqbalance === undefined ? {} : { irqbalance }) } as unknown as PointResult;
}

describe("the irqbalance moves under the results table", () => {
  it("is empty when no point runs irqbalance", () => {
    expect(irqMovesTables([point({}, 1)])).toBe("");
  });

  it("lists scans and every move, with the replication when there are several", () => {
    const move = { replication: 1, timeNs: 2.5e9, irq: 33, nic: "eth0", queue: 1, from: 0, to: 3 };
    const text = irqMovesTables([point({ "irq.policy": "cpu0" }, 2), point({ "irq.policy": "irqbalance" }, 2, { scans: 6, moves: [move] })]);
    expect(text.split("\n")).toEqual([
      "irqbalance at irq.policy=irqbalance: 6 scans, 1 move",
      "replication  time s  irq  queue   from cpu  to cpu",
      "-----------  ------  ---  ------  --------  ------",
      "          1   2.500   33  eth0/1         0       3",
    ]);
    expect(irqMovesTables([point({}, 1, { scans: 1, moves: [] })])).toBe("irqbalance: 1 scan, 0 moves");
  });
});
