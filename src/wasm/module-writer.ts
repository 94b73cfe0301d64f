/**
 * A minimal WebAssembly binary writer: just what nicsim's generated kernels need (one memory,
 * functions of i32 parameters and locals, no imports), so a kernel can be written as code that
 * emits its instructions, unrolled for its input layout, without a toolchain or a native addon.
 * The format: https://webassembly.github.io/spec/core/binary/ (sections 1, 3, 5, 7, 10).
 */

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  let v = n >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
export function sleb(n: number): number[] {
  const out: number[] = [];
  let v = n | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const I32 = 0x7f;

/** Instruction emitter for one function body (i32 only). */
export class Code {
  readonly bytes: number[] = [];
  localGet(i: number): this {
    return this.op(0x20, ...uleb(i));
  }
  localSet(i: number): this {
    return this.op(0x21, ...uleb(i));
  }
  i32Const(n: number): this {
    return this.op(0x41, ...sleb(n));
  }
  /** i32.load with a constant byte offset (alignment hint 4 bytes). */
  load32(offset: number): this {
    return this.op(0x28, 2, ...uleb(offset));
  }
  /** i32.load16_u with a constant byte offset. */
  load16u(offset: number): this {
    return this.op(0x2f, 1, ...uleb(offset));
  }
  store32(offset: number): this {
    return this.op(0x36, 2, ...uleb(offset));
  }
  add(): this {
    return this.op(0x6a);
  }
  and(): this {
    return this.op(0x71);
  }
  xor(): this {
    return this.op(0x73);
  }
  shl(): this {
    return this.op(0x74);
  }
  shrU(): this {
    return this.op(0x76);
  }
  geU(): this {
    return this.op(0x4f);
  }
  /** block with no result. */
  block(): this {
    return this.op(0x02, 0x40);
  }
  /** loop with no result. */
  loop(): this {
    return this.op(0x03, 0x40);
  }
  br(depth: number): this {
    return this.op(0x0c, ...uleb(depth));
  }
  brIf(depth: number): this {
    return this.op(0x0d, ...uleb(depth));
  }
  end(): this {
    return this.op(0x0b);
  }
  private op(...bytes: number[]): this {
    this.bytes.push(...bytes);
    return this;
  }
}

export interface FunctionSpec {
  readonly name: string;
  /** Number of i32 parameters. */
  readonly params: number;
  /** Number of extra i32 locals. */
  readonly locals: number;
  /** The body, without the final `end`. */
  readonly code: Code;
}

function section(id: number, payload: number[]): number[] {
  return [id, ...uleb(payload.length), ...payload];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function name(text: string): number[] {
  const bytes = [...Buffer.from(text, "utf8")];
  return [...uleb(bytes.length), ...bytes];
}

/**
 * A module with one exported memory ("memory", `pages` × 64 KiB initially) and the given
 * functions exported by name, none returning a value.
 */
export function writeModule(functions: readonly FunctionSpec[], pages: number): Uint8Array {
  const types = functions.map((f) => [0x60, ...uleb(f.params), ...new Array<number>(f.params).fill(I32), 0]);
  const funcs = functions.map((_, i) => uleb(i));
  const memory = [[0x00, ...uleb(pages)]];
  const exports = [[...name("memory"), 0x02, 0], ...functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)])];
  const bodies = functions.map((f) => {
    const locals = f.locals > 0 ? [1, ...uleb(f.locals), I32] : [0];
    const body = [...locals, ...f.code.bytes, 0x0b];
    return [...uleb(body.length), ...body];
  });
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(3, vec(funcs)),
    ...section(5, vec(memory)),
    ...section(7, vec(exports)),
    ...section(10, vec(bodies)),
  ]);
}
