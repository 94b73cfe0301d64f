/**
 * One unit per table for a family of rate columns (packets or bits per second), chosen from the
 * values the table shows: the largest unit the largest value reaches (4 Mpps, 88.5 kpps, 300 pps),
 * with enough decimals that the smallest non-zero value keeps two significant digits. A value
 * that is not zero is never printed as zero (300 pps beside 5 kpps is 0.30 kpps, not 0.0), and a
 * table of cloud-sized loads reads in kpps instead of 0.000 Mpps.
 */

export interface RateUnit {
  /** `Mpps`, `kpps`, `pps`, `Gbps`, `Mbps`, `kbps`, `bps`. */
  readonly name: string;
  /** Base units (pps, bps) per unit. */
  readonly scale: number;
  readonly decimals: number;
  /** A value in base units, in this unit, with this unit's decimals (no unit name). */
  readonly format: (x: number) => string;
}

interface UnitStep {
  readonly name: string;
  readonly scale: number;
  /** Decimals a value of this unit always gets (Mpps keeps whole packets per second: 1.998). */
  readonly minDecimals: number;
}

const PACKET_STEPS: readonly UnitStep[] = [
  { name: "pps", scale: 1, minDecimals: 0 },
  { name: "kpps", scale: 1e3, minDecimals: 1 },
  { name: "Mpps", scale: 1e6, minDecimals: 3 },
];

const BIT_STEPS: readonly UnitStep[] = [
  { name: "bps", scale: 1, minDecimals: 0 },
  { name: "kbps", scale: 1e3, minDecimals: 1 },
  { name: "Mbps", scale: 1e6, minDecimals: 1 },
  { name: "Gbps", scale: 1e9, minDecimals: 2 },
];

/** toFixed's limit is 100; rates this small relative to the table's largest do not occur. */
const MAX_DECIMALS = 20;

function chooseUnit(steps: readonly UnitStep[], values: readonly number[]): RateUnit {
  const shown = values.filter((x) => Number.isFinite(x) && x > 0);
  const max = Math.max(0, ...shown);
  const step = [...steps].reverse().find((s) => max >= s.scale) ?? steps[0];
  const min = Math.min(...shown.map((x) => x / step.scale));
  // Two significant digits of the smallest: 0.3 → 2 decimals (0.30), 0.00042 → 5 (0.00042).
  const wanted = shown.length === 0 ? 0 : 1 - Math.floor(Math.log10(min));
  const decimals = Math.min(MAX_DECIMALS, Math.max(step.minDecimals, wanted));
  return { name: step.name, scale: step.scale, decimals, format: (x) => (x / step.scale).toFixed(decimals) };
}

/** The unit of a table's packets-per-second columns, from every value they show. */
export function packetRateUnit(pps: readonly number[]): RateUnit {
  return chooseUnit(PACKET_STEPS, pps);
}

/** The unit of a table's bits-per-second columns, from every value they show. */
export function bitRateUnit(bps: readonly number[]): RateUnit {
  return chooseUnit(BIT_STEPS, bps);
}
