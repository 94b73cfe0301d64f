/**
 * Bounds no real host reaches, so a typo (`pps: 1e15`, `ghz: 1e-300`) is refused with a reason
 * instead of running for hours or delivering nothing:
 *   - offered load: the line rate of the fastest Ethernet, 800 Gb/s (IEEE 802.3df-2024). In
 *     packets, its minimum frames: 64 bytes plus 8 of preamble and 12 of inter-frame gap on the
 *     wire, 800e9 / (84 × 8) ≈ 1.19e9 packets/s.
 *   - CPU clock: 0.1 to 10 GHz (the schema's upper bound); below 100 MHz no server runs.
 *   - a cost in cycles: at most 10^7 per event (4 ms at 2.5 GHz, far above any interrupt or
 *     per-packet path), and at most 1000 cycles per byte.
 */
import { ConfigError, show } from "./errors.js";
import type { Load } from "./field-types.js";

export const MAX_LINE_RATE_MBPS = 800_000;
/** 800 Gb/s of 64-byte frames, each 84 bytes on the wire. */
export const MAX_PPS = Math.floor((MAX_LINE_RATE_MBPS * 1e6) / (84 * 8));
export const MIN_GHZ = 0.1;
export const MAX_CYCLES_PER_EVENT = 1e7;
export const MAX_CYCLES_PER_BYTE = 1000;

/** Refuses an offered load beyond what any NIC can receive. */
export function checkOfferedLoad(load: Load, path: string): void {
  if ("pps" in load && load.pps > MAX_PPS) {
    throw new ConfigError(
      `${path}.pps`,
      `${show(load.pps)} exceeds ${MAX_PPS} packets/s, the line rate of 800 Gb/s Ethernet (the fastest there is) in 64-byte frames`,
    );
  }
  if ("mbps" in load && load.mbps > MAX_LINE_RATE_MBPS) {
    throw new ConfigError(`${path}.mbps`, `${show(load.mbps)} exceeds ${MAX_LINE_RATE_MBPS} Mbit/s, the line rate of 800 Gb/s Ethernet (the fastest there is)`);
  }
}
