import { describe, expect, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { irqbalanceIdleReason } from "../src/irq/irqbalance-rescan-window.js";
import { irqMovesTables } from "../src/report/irq-moves-table.js";
import { runPoint } from "./engine-helpers.js";

const raw = (run: Record<string, unknown>, irqbalance: Record<string, unknown> = {}, cpus = 4, policy = "irqbalance"): Record<string, unknown> => ({
  host: { cpus },
  nics: [{ name: "eth0", queues: 2 }],
  traffic: { src: "10.0.0.0/8", dst: "10.0.0.1", load: { pps: 1000 } },
  irq: { policy, irqbalance },
  run,
});
const reason = (...args: Parameters<typeof raw>): string | null => irqbalanceIdleReason(validateScenario(raw(...args)));

describe("a run too short for irqbalance to rebalance says so", () => {
  it("knows when no rescan measured load: rescans at k × interval, load counted after the warm-up", () => {
    expect(reason({ duration: "100ms", warmup: "10ms" }, { interval: 10 })).toBe("run-shorter-than-interval");
    // A rescan at exactly the end of the run does not happen.
    expect(reason({ duration: "2s", warmup: "0s" }, { interval: 2 })).toBe("run-shorter-than-interval");
    // Rescans at 1 s and 2 s fall in a 2.5 s warm-up; the next, at 3 s, is the end of the run.
    expect(reason({ duration: "3s", warmup: "2500ms" }, { interval: 1 })).toBe("rescans-in-warm-up");
    // A rescan exactly at the end of the warm-up sees no load either.
    expect(reason({ duration: "2900ms", warmup: "2s" }, { interval: 1 })).toBe("rescans-in-warm-up");
    // The rescan at 3 s is after the warm-up and before the end of a 3.5 s run.
    expect(reason({ duration: "3500ms", warmup: "2500ms" }, { interval: 1 })).toBeNull();
    expect(reason({ duration: "100ms", warmup: "10ms" }, { oneshot: true })).toBe("oneshot");
    expect(reason({ duration: "100ms", warmup: "10ms" }, {}, 1)).toBe("single-cpu");
    expect(reason({ duration: "100ms", warmup: "10ms" }, {}, 4, "round-robin")).toBeNull();
  });

  it("the result and the table under it say why there were no moves", () => {
    const p = runPoint(raw({ duration: "2ms", warmup: "0ms" }));
    expect(p.irqbalance).toEqual({ scans: 1, moves: [], intervalS: 10, idle: "run-shorter-than-interval" });
    expect(irqMovesTables([p]).split("\n")).toEqual([
      "irqbalance: 1 scan, 0 moves",
      "  no rescan: the run ends before the daemon's next scan (--interval 10 s); its one scan placed the IRQs before the run, so no rebalancing was simulated (run longer than the interval, or set irq.irqbalance.interval below run.duration)",
    ]);
  });
});
