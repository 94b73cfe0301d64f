/**
 * Table-driven Toeplitz hash (the RSS hash of Microsoft's RSS spec and of NICs).
 *
 * Definition (Microsoft, "RSS hashing functions"; docs/receive-path.md): read the key as a bit string, MSB of key[0] first.
 * For every input bit i (MSB of input[0] is bit 0) that is 1, XOR into the result the 32 key bits
 * that start at key bit i. The result is a linear function of the input bits, so it splits per
 * input byte: hash = XOR over positions p of T[p][input[p]], where T[p][b] is the XOR of the key
 * windows for the set bits of b at byte position p. That is the table built here.
 *
 * Cold: `toeplitzTable` validates and builds the table once per key.
 * Hot: every `hash*` function is a fixed run of table lookups; none of them allocates,
 * validates or throws, and all return the hash as an unsigned 32-bit number.
 *
 * Which table: every hot function reads byte positions counted from 0, so a table built for
 * L bytes serves every input of at most L bytes. Build one table per key for
 * `TOEPLITZ_MAX_INPUT` (36 bytes, the IPv6 4-tuple; the default) and use it for all forms.
 * A table built for fewer bytes is enough for the forms that fit: 8 (IPv4), 12 (IPv4 + ports),
 * 32 (IPv6), 36 (IPv6 + ports). Passing a table that is too short is not detected on the hot
 * path (reads past the end give `undefined`, which XORs as 0), so size it at build time.
 *
 * Input layout (network byte order, source before destination):
 *   IPv4: src(4) dst(4) [sport(2) dport(2)]   IPv6: src(16) dst(16) [sport(2) dport(2)]
 * Addresses are passed as unsigned 32-bit words, most significant byte first (an IPv4 address
 * `a.b.c.d` is `a<<24 | b<<16 | c<<8 | d`; an IPv6 address is 4 such words, first word first).
 * Ports are 16-bit numbers; only their low 16 bits are used.
 */

/** Largest input the RSS hash types use: IPv6 source + destination + two ports, in bytes. */
export const TOEPLITZ_MAX_INPUT = 36;

/** Entries per byte position in a table. */
const SPAN = 256;

/**
 * Builds the lookup table for `key` and inputs of up to `inputLength` bytes:
 * `inputLength * 256` entries, entry `[pos * 256 + byteValue]` = XOR of the 32-bit key windows
 * starting at key bits `8*pos + j` for every bit j (0 = MSB) set in `byteValue`.
 *
 * @throws RangeError when `inputLength` is not a non-negative integer or the key is shorter than
 *   `8*inputLength + 31` bits (a 40-byte key covers 36 bytes of input).
 */
export function toeplitzTable(key: Uint8Array, inputLength: number = TOEPLITZ_MAX_INPUT): Uint32Array {
  if (!Number.isInteger(inputLength) || inputLength < 0) {
    throw new RangeError(`Toeplitz input length must be a non-negative integer, got ${inputLength}`);
  }
  const neededBits = inputLength * 8 + 31;
  if (key.length * 8 < neededBits) {
    throw new RangeError(
      `Toeplitz key of ${key.length} bytes is too short for ${inputLength}-byte inputs: ` +
        `needs ${neededBits} bits (${Math.ceil(neededBits / 8)} bytes)`,
    );
  }

  // windows[i] = the 32 key bits starting at key bit i.
  const windows = new Uint32Array(inputLength * 8);
  let reg = ((key[0] << 24) | (key[1] << 16) | (key[2] << 8) | key[3]) >>> 0;
  for (let i = 0; i < windows.length; i++) {
    windows[i] = reg;
    const next = i + 32; // key bit shifted in next
    const bit = next < key.length * 8 ? (key[next >>> 3] >>> (7 - (next & 7))) & 1 : 0;
    reg = ((reg << 1) | bit) >>> 0;
  }

  const table = new Uint32Array(inputLength * SPAN);
  for (let pos = 0; pos < inputLength; pos++) {
    const base = pos * SPAN;
    // Each entry = the entry without its lowest set bit, XOR the window of that bit.
    for (let b = 1; b < SPAN; b++) {
      const low = b & -b; // lowest set bit; bit j from the MSB is 0x80 >>> j
      const j = 7 - (31 - Math.clz32(low));
      table[base + b] = table[base + (b ^ low)] ^ windows[pos * 8 + j];
    }
  }
  return table;
}

// ---------------------------------------------------------------------------------------------
// Hot path. Byte position p of the input reads table[p*256 + byte]; offsets below are p*256.
// Measured with bench/rss.bench.ts (Node 20.20, AMD EPYC VM at 2.45 GHz, table and columns
// passed as arguments, 4096 random tuples per task; results/rss-bench.json). Each lookup costs
// 0.7-0.9 ns: V8 bounds-checks every typed-array read and re-checks each array's map/length
// per loop iteration. When V8 can fold the table in as a constant the IPv4 4-tuple drops to
// ~6.6 ns; callers pass tables in, so the figures below are the ones to expect.
// ---------------------------------------------------------------------------------------------

/** The 4 lookups of one 32-bit word at byte position `base / 256`. */
function word(t: Uint32Array, base: number, w: number): number {
  return (
    t[base + (w >>> 24)] ^
    t[base + 256 + ((w >>> 16) & 255)] ^
    t[base + 512 + ((w >>> 8) & 255)] ^
    t[base + 768 + (w & 255)]
  );
}

/** IPv4 L3 hash: src, dst (8 bytes). Table: ≥ 8 bytes. */
export function hashIpv4(table: Uint32Array, src: number, dst: number): number {
  const t = table;
  return (word(t, 0, src) ^ word(t, 1024, dst)) >>> 0;
}

/**
 * IPv4 + TCP/UDP hash: src, dst, sport, dport (12 bytes). Table: ≥ 12 bytes.
 * Measured: ~10 ns per hash, called in a loop over columns.
 */
export function hashIpv4Ports(table: Uint32Array, src: number, dst: number, sport: number, dport: number): number {
  const t = table;
  return (word(t, 0, src) ^ word(t, 1024, dst) ^ word(t, 2048, ((sport & 0xffff) << 16) | (dport & 0xffff))) >>> 0;
}

/**
 * Batch form of `hashIpv4Ports`: `out[i]` = hash of row i, for i in [0, n). Table: ≥ 12 bytes.
 * Measured: 8.5 ns per hash at n = 64, 8.2 ns at n = 1024.
 */
export function hashIpv4PortsBatch(
  table: Uint32Array,
  src: Uint32Array,
  dst: Uint32Array,
  sport: Uint16Array,
  dport: Uint16Array,
  out: Uint32Array,
  n: number,
): void {
  const t = table;
  let i = 0;
  // Two rows per iteration. V8 (Node 20) re-checks each typed array's map, length and base
  // once per iteration; two rows share those checks (9.7 -> 8.2 ns/hash). Four rows run out of
  // registers and are slower (12.5 ns).
  for (; i + 1 < n; i += 2) {
    const s0 = src[i];
    const d0 = dst[i];
    const p0 = (sport[i] << 16) | dport[i];
    const s1 = src[i + 1];
    const d1 = dst[i + 1];
    const p1 = (sport[i + 1] << 16) | dport[i + 1];
    out[i] = word(t, 0, s0) ^ word(t, 1024, d0) ^ word(t, 2048, p0);
    out[i + 1] = word(t, 0, s1) ^ word(t, 1024, d1) ^ word(t, 2048, p1);
  }
  if (i < n) {
    out[i] = word(t, 0, src[i]) ^ word(t, 1024, dst[i]) ^ word(t, 2048, (sport[i] << 16) | dport[i]);
  }
}

/** IPv6 L3 hash: src, dst as 4 words each (32 bytes). Table: ≥ 32 bytes. */
export function hashIpv6(table: Uint32Array, src: ArrayLike<number>, dst: ArrayLike<number>): number {
  const t = table;
  return (
    (word(t, 0, src[0]) ^
      word(t, 1024, src[1]) ^
      word(t, 2048, src[2]) ^
      word(t, 3072, src[3]) ^
      word(t, 4096, dst[0]) ^
      word(t, 5120, dst[1]) ^
      word(t, 6144, dst[2]) ^
      word(t, 7168, dst[3])) >>>
    0
  );
}

/**
 * IPv6 + TCP/UDP hash: src, dst as 4 words each, sport, dport (36 bytes). Table: 36 bytes.
 * Measured: ~34 ns per hash (36 lookups).
 */
export function hashIpv6Ports(
  table: Uint32Array,
  src: ArrayLike<number>,
  dst: ArrayLike<number>,
  sport: number,
  dport: number,
): number {
  const t = table;
  return (
    (word(t, 0, src[0]) ^
      word(t, 1024, src[1]) ^
      word(t, 2048, src[2]) ^
      word(t, 3072, src[3]) ^
      word(t, 4096, dst[0]) ^
      word(t, 5120, dst[1]) ^
      word(t, 6144, dst[2]) ^
      word(t, 7168, dst[3]) ^
      t[8192 + ((sport >>> 8) & 255)] ^
      t[8448 + (sport & 255)] ^
      t[8704 + ((dport >>> 8) & 255)] ^
      t[8960 + (dport & 255)]) >>>
    0
  );
}

/**
 * `hashIpv6Ports` reading the addresses from a flat word column: source words
 * `words[srcOff .. srcOff+3]`, destination words `words[dstOff .. dstOff+3]`. Table: 36 bytes.
 * Measured: ~31 ns per hash, ~9% faster than `hashIpv6Ports` with separate 4-word arrays.
 */
export function hashIpv6PortsAt(
  table: Uint32Array,
  words: Uint32Array,
  srcOff: number,
  dstOff: number,
  sport: number,
  dport: number,
): number {
  const t = table;
  return (
    (word(t, 0, words[srcOff]) ^
      word(t, 1024, words[srcOff + 1]) ^
      word(t, 2048, words[srcOff + 2]) ^
      word(t, 3072, words[srcOff + 3]) ^
      word(t, 4096, words[dstOff]) ^
      word(t, 5120, words[dstOff + 1]) ^
      word(t, 6144, words[dstOff + 2]) ^
      word(t, 7168, words[dstOff + 3]) ^
      t[8192 + ((sport >>> 8) & 255)] ^
      t[8448 + (sport & 255)] ^
      t[8704 + ((dport >>> 8) & 255)] ^
      t[8960 + (dport & 255)]) >>>
    0
  );
}

/**
 * Generic form: hash of `input[0 .. length)` (any layout, e.g. a header already in wire order).
 * Table: ≥ `length` bytes. Measured: ~22 ns for a 12-byte input (one byte read per lookup).
 */
export function toeplitzHash(table: Uint32Array, input: Uint8Array, length: number = input.length): number {
  const t = table;
  let h = 0;
  for (let i = 0; i < length; i++) h ^= t[(i << 8) | input[i]];
  return h >>> 0;
}
