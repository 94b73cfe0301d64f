import { describe, expect, it } from "vitest";
import { CpuListError, parseCpuList } from "../src/rps/cpulist.js";
import { vendorDefaultEffectiveMask, vendorDefaultMask } from "../src/rps/vendor-default.js";

describe("the vendor image's RPS rule", () => {
  it("writes q = cpus/8 f digits, clamped to 1..2", () => {
    expect([4, 8, 15, 16, 24, 64, 128].map(vendorDefaultMask)).toEqual(["f", "f", "f", "ff", "ff", "ff", "ff"]);
  });

  it("so a 64-vCPU host still spreads RPS over CPUs 0-7 only", () => {
    expect(vendorDefaultEffectiveMask(64)).toBe("ff");
  });

  it("leaves RPS off where the kernel refuses the write (fewer than 4 CPUs)", () => {
    expect(vendorDefaultEffectiveMask(2)).toBe("0");
    expect(vendorDefaultEffectiveMask(4)).toBe("f");
  });
});

describe("CPU lists (bitmap_parselist)", () => {
  it("reads CPUs, ranges and strides", () => {
    expect(parseCpuList("0-3,8", 16)).toEqual([0, 1, 2, 3, 8]);
    expect(parseCpuList("0-7:1/2", 16)).toEqual([0, 2, 4, 6]);
    expect(parseCpuList("3,1,3", 4)).toEqual([1, 3]);
    expect(parseCpuList("", 4)).toEqual([]);
  });

  it("refuses bad syntax with EINVAL and missing CPUs with ERANGE", () => {
    const refusal = (text: string, cpus: number): CpuListError => {
      try {
        parseCpuList(text, cpus);
      } catch (error) {
        if (error instanceof CpuListError) return error;
      }
      throw new Error(`expected ${text} to be refused`);
    };
    expect(refusal("3-1", 4).errno).toBe("EINVAL");
    expect(refusal("a", 4).errno).toBe("EINVAL");
    expect(refusal("1,,2", 4).errno).toBe("EINVAL");
    expect(refusal("0-4", 4).message).toBe('"0-4": CPU 4 is beyond the host\'s 4 CPUs (0-3) (the kernel answers ERANGE)');
  });
});
