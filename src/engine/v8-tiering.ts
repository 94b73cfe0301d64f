/**
 * How V8 compiles the engine's hot loops: with on-stack replacement (OSR) off.
 *
 * The engine's hot functions (the isolated, sink and peer loops, the arrival generator's `fill`)
 * are called thousands of times a job and each call loops over a batch of packets. V8 first
 * optimises such a function in the middle of a call (OSR). When optimised code later bails out
 * (a branch it had never seen, such as the end of the warm-up), V8 replaces it in the middle of
 * the loop again, and from then on each call enters that OSR code from the interpreter at the
 * loop's back edge: the function rarely runs long enough unoptimised to be optimised as a whole
 * again, and the OSR code, entered with the interpreter's values, runs slower. Which code a
 * process ends up with depended on the timing of its background compiles, so the same job ran at
 * one of two or three speeds from one process to the next.
 *
 * Measured (Node 20.20, V8 11.3, 2-vCPU EPYC VM; fresh processes, alternating):
 * - the bench point's 4-queue job after the sweep's other jobs ran its isolated loop in 21–23 ms
 *   in 2 processes of 8 and in 33–47 ms in the other 6; with OSR off, in 22–26 ms in 7 of 8;
 * - the pool bench's sweep (8 jobs, 1 s simulated each, one process): 1.46–1.64 s → 1.23–1.31 s;
 * - one 1 s job per process, median CPU time of 7: bench point 0.31 → 0.27 s, rps_cpus fff0
 *   0.67 → 0.59 s, ffff 0.98 → 0.91 s, vendor-default 1.30 → 1.26 s.
 *
 * With OSR off a function is optimised only between calls, so no loop may run for a whole job in
 * one call: the event heap's loop (simulation.ts `run`) returns every few thousand turns.
 * `--no-use-osr` is a V8 flag (v8/src/flags/flag-definitions.h `use_osr`) read each time V8
 * would ask for OSR (v8/src/execution/tiering-manager.cc `TrySetOsrUrgency`), so setting it once
 * the process runs takes effect for every later decision, in every thread (V8's flags are per
 * process).
 */
import { setFlagsFromString } from "node:v8";

let set = false;

/** Turn on-stack replacement off for this process (once; before the first job's hot loops run). */
export function keepHotLoopsOffOsr(): void {
  if (set) return;
  set = true;
  setFlagsFromString("--no-use-osr");
}
