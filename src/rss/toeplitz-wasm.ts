/**
 * The table-driven Toeplitz hash of whole flow sets in WebAssembly: one generated kernel per
 * word form (IPv4/IPv6 × sd/sdfn, the forms `flow-hash.ts` runs on 32-bit words), unrolled for
 * its layout. A WebAssembly load has no per-access bounds check (the engine reserves guard
 * pages) and its constant offset folds the column base and the table position into the
 * instruction, so a lookup is shift, mask, load, xor — where V8's JS typed-array read adds a
 * bounds check and a map/length re-check (toeplitz.ts). Same table, same results bit for bit
 * (test/rss-wasm-kernels-equal-the-js-kernels.test.ts).
 *
 * Memory (one instance per process, 4 pages): the key's table at 0 (36 positions × 256 × 4
 * bytes), then the columns of one chunk of CHUNK flows: src and dst words, sport, dport, out.
 * `hashWordFormsWasm` copies each chunk in (memcpy), runs the kernel, copies the hashes out.
 *
 * Measured (bench/rss.bench.ts, Node 20, 2-vCPU EPYC, median of 5 runs at load average 5–6;
 * ns per hash): IPv4 4-tuple 3.8 in batches of 1024 and 5.8 in batches of 64 (JS batch: 6.4 and
 * 6.9, JS scalar 7.5); IPv6 4-tuple 12.1 in batches of 1024, 15.1 in 64, 11.7 in 4096 (JS scalar
 * 28.9). In batches of 64 the extra third over a batch of 1024 is the per-call cost (five copies and
 * the call), which only columns living in this memory would remove. Most of the rest is the 12
 * (36) table loads; SIMD would only vectorise the index arithmetic, as WebAssembly has no gather.
 */
import { Code, writeModule, type FunctionSpec } from "../wasm/module-writer.js";

/** Flows per kernel call. */
const CHUNK = 4096;
const TABLE = 0;
const TABLE_BYTES = 36 * 256 * 4;
const SRC = 40960;
const DST = SRC + CHUNK * 16;
const SPORT = DST + CHUNK * 16;
const DPORT = SPORT + CHUNK * 2;
const OUT = DPORT + CHUNK * 2;
const PAGES = Math.ceil((OUT + CHUNK * 4) / 65536);

/** The forms the kernels compute. */
export type WordForm = "ipv4-sd" | "ipv4-sdfn" | "ipv6-sd" | "ipv6-sdfn";

// Locals of every kernel: 0 = n (parameter), 1 = i (flow), 2 = x (current input word),
// 3 = i·4, 4 = i·16, 5 = i·2.
const N = 0;
const I = 1;
const X = 2;
const A4 = 3;
const A16 = 4;
const A2 = 5;

/** Emit the XOR of the table entries of word x (in local X) at byte positions pos..pos+3. */
function lookupWord(code: Code, pos: number, first: boolean): void {
  // Byte k of x (k = 0: most significant) times 4, as a byte offset: shift then mask 0x3fc.
  const shifts: ReadonlyArray<readonly [op: "shr" | "shl", by: number]> = [
    ["shr", 22],
    ["shr", 14],
    ["shr", 6],
    ["shl", 2],
  ];
  shifts.forEach(([op, by], k) => {
    code.localGet(X).i32Const(by);
    if (op === "shr") code.shrU();
    else code.shl();
    code.i32Const(0x3fc).and().load32(TABLE + (pos + k) * 1024);
    if (!(first && k === 0)) code.xor();
  });
}

/** Emit the XOR of the table entries of a 16-bit port (in local X) at byte positions pos, pos+1. */
function lookupPort(code: Code, pos: number): void {
  code.localGet(X).i32Const(6).shrU().i32Const(0x3fc).and().load32(TABLE + pos * 1024).xor();
  code.localGet(X).i32Const(2).shl().i32Const(0x3fc).and().load32(TABLE + (pos + 1) * 1024).xor();
}

function kernel(form: WordForm): FunctionSpec {
  const v6 = form.startsWith("ipv6");
  const ports = form.endsWith("sdfn");
  const words = v6 ? 4 : 1;
  const code = new Code();
  code.block().loop();
  code.localGet(I).localGet(N).geU().brIf(1);
  code.localGet(I).i32Const(2).shl().localSet(A4);
  if (v6) code.localGet(I).i32Const(4).shl().localSet(A16);
  if (ports) code.localGet(I).i32Const(1).shl().localSet(A2);
  // The store's address first; the hash accumulates on the stack above it.
  code.localGet(A4);
  const base = v6 ? A16 : A4;
  let pos = 0;
  for (const column of [SRC, DST]) {
    for (let w = 0; w < words; w++) {
      code.localGet(base).load32(column + w * 4).localSet(X);
      lookupWord(code, pos, pos === 0);
      pos += 4;
    }
  }
  if (ports) {
    code.localGet(A2).load16u(SPORT).localSet(X);
    lookupPort(code, pos);
    code.localGet(A2).load16u(DPORT).localSet(X);
    lookupPort(code, pos + 2);
  }
  code.store32(OUT);
  code.localGet(I).i32Const(1).add().localSet(I);
  code.br(0).end().end();
  return { name: form, params: 1, locals: 5, code };
}

const FORMS: readonly WordForm[] = ["ipv4-sd", "ipv4-sdfn", "ipv6-sd", "ipv6-sdfn"];

interface Kernels {
  readonly run: Readonly<Record<WordForm, (n: number) => void>>;
  /** Views of the module's memory (it never grows, so they stay valid). */
  readonly table: Uint32Array;
  readonly src: Uint32Array;
  readonly dst: Uint32Array;
  readonly sport: Uint16Array;
  readonly dport: Uint16Array;
  readonly out: Uint32Array;
  /** The table currently in memory (by identity), so a flow set's chunks copy it once. */
  loadedTable: Uint32Array | null;
}

let kernels: Kernels | null | undefined;

/** Compile and instantiate the kernels once; null where WebAssembly is not available. */
function instance(): Kernels | null {
  if (kernels !== undefined) return kernels;
  try {
    const module = new WebAssembly.Module(writeModule(FORMS.map(kernel), PAGES));
    const exports = new WebAssembly.Instance(module, {}).exports as Record<string, unknown>;
    const buffer = (exports.memory as WebAssembly.Memory).buffer;
    const run = Object.fromEntries(FORMS.map((f) => [f, exports[f] as (n: number) => void])) as Record<WordForm, (n: number) => void>;
    kernels = {
      run,
      table: new Uint32Array(buffer, TABLE, TABLE_BYTES / 4),
      src: new Uint32Array(buffer, SRC, CHUNK * 4),
      dst: new Uint32Array(buffer, DST, CHUNK * 4),
      sport: new Uint16Array(buffer, SPORT, CHUNK),
      dport: new Uint16Array(buffer, DPORT, CHUNK),
      out: new Uint32Array(buffer, OUT, CHUNK),
      loadedTable: null,
    };
  } catch {
    kernels = null;
  }
  return kernels;
}

/** Whether the WebAssembly kernels run here (they fall back to JS otherwise). */
export function wasmKernelsAvailable(): boolean {
  return instance() !== null;
}

/**
 * `out[f]` = the Toeplitz hash of flow f for f in [0, n), in `form`, with `table` (toeplitzTable
 * for ≥ 12 bytes (IPv4) or 36 bytes (IPv6)). Returns false, computing nothing, where
 * WebAssembly is not available. `src`/`dst` hold `words` (1 or 4) words per flow.
 */
export function hashWordFormsWasm(
  form: WordForm,
  table: Uint32Array,
  src: Uint32Array,
  dst: Uint32Array,
  sport: Uint16Array,
  dport: Uint16Array,
  out: Uint32Array,
  n: number,
): boolean {
  const k = instance();
  if (k === null) return false;
  if (k.loadedTable !== table) {
    k.table.fill(0);
    k.table.set(table.length > k.table.length ? table.subarray(0, k.table.length) : table);
    k.loadedTable = table;
  }
  const words = form.startsWith("ipv6") ? 4 : 1;
  const ports = form.endsWith("sdfn");
  const run = k.run[form];
  // One chunk whose columns are exactly n long (a batch) copies without subarray views.
  const whole = n <= CHUNK && src.length === n * words && dst.length === n * words && (!ports || (sport.length === n && dport.length === n));
  for (let at = 0; at < n; at += CHUNK) {
    const m = Math.min(CHUNK, n - at);
    k.src.set(whole ? src : src.subarray(at * words, (at + m) * words));
    k.dst.set(whole ? dst : dst.subarray(at * words, (at + m) * words));
    if (ports) {
      k.sport.set(whole ? sport : sport.subarray(at, at + m));
      k.dport.set(whole ? dport : dport.subarray(at, at + m));
    }
    run(m);
    out.set(m === CHUNK ? k.out : k.out.subarray(0, m), at);
  }
  return true;
}
