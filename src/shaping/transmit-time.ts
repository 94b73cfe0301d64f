/**
 * Transmit time: how many nanoseconds of tokens a packet costs at a rate — the kernel's
 * `psched_l2t_ns` for Ethernet link layers, shared by the shaper (tbf) and the policer.
 *
 *   charged = max(bytes + overhead, mpu)
 *   ns      = floor(charged × 8·10⁹ / rateBps)
 *
 * Cold (`transmitRate`): the rate is reduced to an integer fraction num/den = 8·10⁹/rateBps in
 * lowest terms, once. Hot (`transmitNs`): one multiply, one divide and an exactness fix-up, on
 * numbers a caller passes as scalars (no object, so V8 inlines it into the runtime loops).
 *
 * Differences from the kernel, all below 1 ns per packet:
 * - the kernel keeps the rate in bytes/s (`tc` divides bits by 8, truncating) and computes
 *   `(len × mult) >> shift`, a truncated fixed-point reciprocal; nicsim keeps bits/s and divides
 *   exactly, rounding down as the kernel does.
 * - `linklayer atm` (48-byte cells in 53) is not modelled.
 * Exact while charged × num < 2⁵³, i.e. for every packet below 1,125,899 bytes at any rate.
 */

/** 8·10⁹: bits per byte × ns per second. */
const NS_BITS_PER_BYTE_SECOND = 8_000_000_000;

/** A rate turned into the integers `transmitNs` needs. */
export interface TransmitRate {
  /** Bits per second, an integer ≥ 1. */
  readonly rateBps: number;
  /** 8·10⁹ / gcd(8·10⁹, rateBps). */
  readonly num: number;
  /** rateBps / gcd(8·10⁹, rateBps). */
  readonly den: number;
  /** Bytes added to every packet before charging (tc `overhead`). */
  readonly overhead: number;
  /** Minimum bytes charged per packet (tc `mpu`). */
  readonly mpu: number;
}

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

/**
 * Cold: reduce a rate. `rateBps` must be an integer ≥ 1 and `overhead`, `mpu` integers ≥ 0
 * (the profiles that call this check them).
 */
export function transmitRate(rateBps: number, overhead: number, mpu: number): TransmitRate {
  const g = gcd(NS_BITS_PER_BYTE_SECOND, rateBps);
  return { rateBps, num: NS_BITS_PER_BYTE_SECOND / g, den: rateBps / g, overhead, mpu };
}

/**
 * Hot: ns of tokens that `bytes` cost, `floor(max(bytes + overhead, mpu) × num / den)`.
 * Never allocates or throws.
 */
export function transmitNs(bytes: number, overhead: number, mpu: number, num: number, den: number): number {
  let len = bytes + overhead;
  if (len < mpu) len = mpu;
  const n = len * num;
  // n and q × den are exact integers below 2⁵³; the double quotient can only round *up* across
  // an integer (never down), so one correction step makes the floor exact.
  let q = Math.floor(n / den);
  if (q * den > n) q -= 1;
  return q;
}

/**
 * Cold: the same cost computed with BigInt, for bucket sizes (burst, mtu) that may exceed the
 * hot function's exact range. Returns `undefined` when the result exceeds 2⁵³ − 1 ns (104 days).
 */
export function transmitNsExact(bytes: number, rate: TransmitRate): number | undefined {
  let len = bytes + rate.overhead;
  if (len < rate.mpu) len = rate.mpu;
  const ns = (BigInt(len) * BigInt(rate.num)) / BigInt(rate.den);
  return ns > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(ns);
}
