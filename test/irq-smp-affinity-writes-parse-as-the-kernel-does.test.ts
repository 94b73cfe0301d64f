import { describe, expect, it } from "vitest";
import { IrqAffinityError, parseSmpAffinity, parseSmpAffinityList } from "../src/irq/index.js";

function refusal(write: () => unknown): IrqAffinityError {
  try {
    write();
  } catch (error) {
    if (error instanceof IrqAffinityError) return error;
    throw error;
  }
  throw new Error("expected the kernel to refuse the write");
}

describe("/proc/irq/N/smp_affinity and smp_affinity_list", () => {
  it("smp_affinity is a hex mask, a comma every 32 bits, most significant group first", () => {
    expect(parseSmpAffinity("ff", 16)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(parseSmpAffinity("1,00000000", 64)).toEqual([32]);
    expect(parseSmpAffinity("ffffffff,ffffffff", 64)).toHaveLength(64);
    expect(parseSmpAffinity("4\n", 4)).toEqual([2]);
  });

  it("smp_affinity_list is a CPU list with ranges and strides", () => {
    expect(parseSmpAffinityList("0-3,8", 16)).toEqual([0, 1, 2, 3, 8]);
    expect(parseSmpAffinityList("0-7:1/4", 8)).toEqual([0, 4]);
  });

  it("a mask with no online CPU is EINVAL: the kernel will not switch an interrupt off", () => {
    expect(refusal(() => parseSmpAffinity("0", 8)).errno).toBe("EINVAL");
    expect(refusal(() => parseSmpAffinityList("", 8)).errno).toBe("EINVAL");
    const offline = refusal(() => parseSmpAffinity("c", 4, [0, 1]));
    expect(offline.errno).toBe("EINVAL");
    expect(offline.message).toBe('smp_affinity "c": selects no online CPU (2,3 offline) (the kernel answers EINVAL)');
    expect(parseSmpAffinity("6", 4, [0, 1])).toEqual([1, 2]);
  });

  it("parser refusals keep the bitmap parsers' errno", () => {
    expect(refusal(() => parseSmpAffinity("ff", 4)).errno).toBe("EOVERFLOW");
    expect(refusal(() => parseSmpAffinity("0x3", 4)).errno).toBe("EINVAL");
    expect(refusal(() => parseSmpAffinity("1,0", 32)).errno).toBe("EOVERFLOW");
    expect(refusal(() => parseSmpAffinityList("8", 8)).errno).toBe("ERANGE");
    expect(refusal(() => parseSmpAffinityList("3-1", 8)).errno).toBe("EINVAL");
    expect(refusal(() => parseSmpAffinityList("8", 8)).message).toBe(
      "smp_affinity_list \"8\": CPU 8 is beyond the host's 8 CPUs (0-7) (the kernel answers ERANGE)",
    );
  });

  it("a refusal can name its queue", () => {
    expect(refusal(() => parseSmpAffinity("0", 8)).forQueue(3).message).toBe('queue 3: smp_affinity "0": selects no CPU (the kernel answers EINVAL)');
  });
});
