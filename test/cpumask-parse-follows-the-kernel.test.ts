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

  it("surrounding whitespace and the newline echo adds are ignored", () => {
    expect(parseCpuMask(" 3\n", 4)).toEqual([0, 1]);
  });

  it("bits above the online CPUs are dropped", () => {
    expect(parseCpuMask("ff", 4)).toEqual([0, 1, 2, 3]);
  });

  it("more than 8 significant digits in a group overflow; leading zeros do not", () => {
    const error = refusal("123456789", 64);
    expect(error.errno).toBe("EOVERFLOW");
    expect(error.message).toBe('"123456789": group "123456789" overflows 32 bits (the kernel answers EOVERFLOW)');
    expect(parseCpuMask("000000001", 4)).toEqual([0]);
  });

  it("a character that is not a hex digit is invalid", () => {
    expect(refusal("x", 4).message).toBe('"x": invalid hex digit "x" (the kernel answers EINVAL)');
    expect(refusal("fg", 4).message).toBe('"fg": invalid hex digit "g" (the kernel answers EINVAL)');
    expect(refusal("f f", 4).errno).toBe("EINVAL");
  });

  it("empty masks, empty groups and a 0x prefix are invalid", () => {
    expect(refusal("", 4).message).toBe('"": empty mask (the kernel answers EINVAL)');
    expect(refusal("1,,0", 64).message).toBe('"1,,0": empty group between commas (the kernel answers EINVAL)');
    expect(refusal(",f", 64).errno).toBe("EINVAL");
    expect(refusal("0xf", 4).message).toBe('"0xf": a "0x" prefix is not accepted; write plain hex digits (the kernel answers EINVAL)');
  });

  it("a non-zero mask with no online CPU is invalid", () => {
    const error = refusal("f0", 4);
    expect(error.errno).toBe("EINVAL");
    expect(error.message).toBe('"f0": selects no online CPU; the host has 4 CPUs (the kernel answers EINVAL)');
  });
});
