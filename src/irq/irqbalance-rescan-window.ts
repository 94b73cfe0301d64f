/**
 * Whether irqbalance's rescans during a run can show anything. The daemon starts one `--interval`
 * before the run and places every IRQ in its first scan (perQueue[].cpu); it rescans at
 * k × interval of simulated time (k ≥ 1) while that is before the end of the run, and a rescan
 * moves IRQs only by the load it measured — the CPU time since the end of the warm-up
 * (engine/irqbalance-timer.ts). So "0 moves" is a finding only if some rescan falls after the
 * warm-up and before the end; otherwise this says why there was none.
 */
import type { Scenario } from "../config/scenario.js";

/**
 * Why no rescan measured load during the run: `oneshot` (the daemon exited after placing),
 * `single-cpu` (it exits at start), `run-shorter-than-interval` (no rescan before the end),
 * `rescans-in-warm-up` (every rescan fell inside the warm-up, which counts no load); null when at
 * least one rescan measured load, or without irqbalance.
 */
export type IrqbalanceIdleReason = "oneshot" | "single-cpu" | "run-shorter-than-interval" | "rescans-in-warm-up";

export function irqbalanceIdleReason(scenario: Scenario): IrqbalanceIdleReason | null {
  if (scenario.irq.policy !== "irqbalance") return null;
  if (scenario.host.cpus <= 1) return "single-cpu";
  const settings = scenario.irq.irqbalance;
  if (settings.oneshot) return "oneshot";
  const intervalNs = settings.interval * 1e9;
  const { durationNs, warmupNs } = scenario.run;
  if (intervalNs >= durationNs) return "run-shorter-than-interval";
  // The first rescan strictly after the end of the warm-up.
  const first = (Math.floor(warmupNs / intervalNs) + 1) * intervalNs;
  return first < durationNs ? null : "rescans-in-warm-up";
}
