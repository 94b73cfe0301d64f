/**
 * Exponential variates by the ziggurat method (G. Marsaglia & W. W. Tsang, "The Ziggurat Method
 * for Generating Random Variables", J. Stat. Software 5(8), 2000), 256 strips.
 *
 * One 32-bit draw gives the strip (low 8 bits) and a 24-bit position in it (high 24 bits); about
 * 98.9% of draws land inside their strip's rectangle and cost one compare and one multiply. The
 * rest take the exact wedge/tail test. The result is exactly Exp(1) distributed (up to the 24-bit
 * position resolution), unlike approximations; the tests check mean, variance and the CDF.
 *
 * Measured (Node 20, 2-vCPU EPYC VM): 20.3 ns per variate with `-Math.log(1 - u)` through
 * `Prng.nextFloat`, vs the figure recorded in `Prng.nextExp`.
 */

const STRIPS = 256;
const SCALE = 16777216; // 2^24: position resolution within a strip
/** Right edge of the base strip, and the common area of every strip (Marsaglia & Tsang). */
const R = 7.69711747013104972;
const AREA = 3.949659822581572e-3;

/** ke[i]: a 24-bit position below ke[i] is inside strip i's rectangle. */
export const ZIGGURAT_KE = new Int32Array(STRIPS); // values < 2^24; Int32 loads stay int32 in V8
/** we[i]: value of one position unit in strip i. */
export const ZIGGURAT_WE = new Float64Array(STRIPS);
/** fe[i]: density exp(-x_i) at strip i's edge. */
export const ZIGGURAT_FE = new Float64Array(STRIPS);

{
  let de = R;
  let te = de;
  const q = AREA / Math.exp(-de);
  ZIGGURAT_KE[0] = Math.floor((de / q) * SCALE);
  ZIGGURAT_KE[1] = 0;
  ZIGGURAT_WE[0] = q / SCALE;
  ZIGGURAT_WE[STRIPS - 1] = de / SCALE;
  ZIGGURAT_FE[0] = 1;
  ZIGGURAT_FE[STRIPS - 1] = Math.exp(-de);
  for (let i = STRIPS - 2; i >= 1; i--) {
    de = -Math.log(AREA / de + Math.exp(-de));
    ZIGGURAT_KE[i + 1] = Math.floor((de / te) * SCALE);
    te = de;
    ZIGGURAT_FE[i] = Math.exp(-de);
    ZIGGURAT_WE[i] = de / SCALE;
  }
}

/**
 * The slow path for a draw `u` (32 random bits) that fell outside its rectangle: the base strip's
 * tail or a wedge test, drawing more 32-bit values from `rng` as needed.
 */
export function exponentialSlowPath(u: number, rng: { nextU32(): number }): number {
  return slowPath(u, rng);
}

/**
 * The slow path writing its result into `out[0]`, for hot loops: a double returned by a call
 * V8 does not inline is boxed, and so is every value merged with it.
 */
export function exponentialSlowPathInto(u: number, rng: { nextU32(): number }, out: Float64Array): void {
  out[0] = slowPath(u, rng);
}

function slowPath(u: number, rng: { nextU32(): number }): number {
  for (;;) {
    const i = u & 255;
    const j = u >>> 8;
    if (i === 0) {
      // Tail beyond R: memoryless, so R + Exp(1) by inversion.
      return R - Math.log(1 - rng.nextU32() * 2.3283064365386963e-10);
    }
    const x = j * ZIGGURAT_WE[i];
    const uniform = rng.nextU32() * 2.3283064365386963e-10;
    if (ZIGGURAT_FE[i] + uniform * (ZIGGURAT_FE[i - 1] - ZIGGURAT_FE[i]) < Math.exp(-x)) return x;
    u = rng.nextU32();
    const i2 = u & 255;
    const j2 = u >>> 8;
    if (j2 < ZIGGURAT_KE[i2]) return j2 * ZIGGURAT_WE[i2];
  }
}
