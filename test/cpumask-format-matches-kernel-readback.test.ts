import { describe, expect, it } from "vitest";
import { formatCpuMask, parseCpuMask } from "../src/rps/cpumask.js";

describe("formatCpuMask prints what reading rps_cpus back shows", () => {
  it("the first group is as wide as the CPU count needs", () => {
    expect(formatCpuMask([0, 1, 2, 3], 4)).toBe("f");
    expect(formatCpuMask([0, 1, 2, 3], 16)).toBe("000f");
    expect(formatCpuMask([], 8)).toBe("00");
    expect(formatCpuMask([0], 1)).toBe("1");
  });

  it("every further group has 8 digits, a comma every 32 bits", () => {
    expect(formatCpuMask([0, 1, 2, 3], 40)).toBe("00,0000000f");
    expect(formatCpuMask([32, 33, 34, 35, 36, 37, 38, 39], 64)).toBe("000000ff,00000000");
    expect(formatCpuMask([0, 31], 32)).toBe("80000001");
    expect(formatCpuMask([95], 96)).toBe("80000000,00000000,00000000");
  });

  it("reads back through parseCpuMask", () => {
    const cpus = [1, 5, 31, 32, 64, 70];
    expect(parseCpuMask(formatCpuMask(cpus, 72), 72)).toEqual(cpus);
  });

  it("refuses CPUs outside the host", () => {
    expect(() => formatCpuMask([4], 4)).toThrowError(RangeError);
  });
});
