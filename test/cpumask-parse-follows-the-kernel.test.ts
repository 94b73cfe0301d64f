import { describe, expect, it } from "vitest";
import { CpuMaskError, parseCpuMask } from "../src/rps/cpumask.js";

function refusal(text: string, cpus: number): CpuMaskError {
  try {
    parseCpuMask(text, cpus);
  } catch (error) {
    if (error instanceof CpuMaskError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

describe("parseCpuMask reads rps_cpus as the kernel does", () => {
  it("one group selects the low CPUs, ascending", () => {
    expect(parseCpuMask("f", 16)).toEqual([0, 1, 2, 3]);
    expect(parseCpuMask("A5", 16)).toEqual([0, 2, 5, 7]);
  });

  it("commas split 32-bit groups, most significant first", () => {
    expect(parseCpuMask("ff,00000000", 64)).toEqual([32, 33, 34, 35, 36, 37, 38, 39]);
    expect(parseCpuMask("1,0", 64)).toEqual([32]);
    expect(parseCpuMask("80000000,1", 64)).toEqual([0, 63]);
  });

  it("zero turns RPS off", () => {
    expect(parseCpuMask("0", 4)).toEqual([]);
    expect(parseCpuMask("00000000,00000000", 64)).toEqual([]);
  });

  it("white space and runs of separators are skipped, as the kernel's reverse scan does", () => {
    expect(parseCpuMask(" 3\n", 4)).toEqual([0, 1]);
    expect(parseCpuMask("1,,0", 64)).toEqual([32]);
    expect(parseCpuMask("1 0", 64)).toEqual([32]);
    expect(parseCpuMask(",f", 64)).toEqual([0, 1, 2, 3]);
  });

  it("an empty write is the empty mask: RPS off", () => {
    expect(parseCpuMask("", 4)).toEqual([]);
    expect(parseCpuMask("\n", 4)).toEqual([]);
  });

  it("a bit at or above the CPU count overflows", () => {
    const error = refusal("ff", 4);
    expect(error.errno).toBe("EOVERFLOW");
    expect(error.message).toBe('"ff": selects CPU 4, but the host has 4 CPUs (the kernel answers EOVERFLOW)');
    expect(refusal("f0", 4).errno).toBe("EOVERFLOW");
  });

  it("more than 8 hex digits in a group overflow, leading zeros included", () => {
    const error = refusal("123456789", 64);
    expect(error.errno).toBe("EOVERFLOW");
    expect(error.message).toBe('"123456789": a group has more than 8 hex digits (32 bits) (the kernel answers EOVERFLOW)');
    expect(refusal("000000001", 4).errno).toBe("EOVERFLOW");
  });

  it("more groups than the CPUs need overflow", () => {
    expect(refusal("0,f", 16).message).toBe('"0,f": more 32-bit groups than 16 CPUs need (1) (the kernel answers EOVERFLOW)');
  });

  it("a character that is not a hex digit is invalid, the x of 0x included", () => {
    expect(refusal("x", 4).message).toBe('"x": invalid hex digit "x" (the kernel answers EINVAL)');
    expect(refusal("fg", 4).message).toBe('"fg": invalid hex digit "g" (the kernel answers EINVAL)');
    expect(refusal("0xf", 4).errno).toBe("EINVAL");
    expect(refusal("0-3", 4).errno).toBe("EINVAL");
  });
});
