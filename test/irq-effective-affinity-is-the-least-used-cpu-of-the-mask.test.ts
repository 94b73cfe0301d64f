import { describe, expect, it } from "vitest";
import { VectorMatrix, VectorSpaceError, placeVectors } from "../src/irq/index.js";

const ff = [0, 1, 2, 3, 4, 5, 6, 7];

describe("x86 delivers each vector to one CPU: most free vectors, ties to the first", () => {
  it("four vectors with mask ff on 8 idle CPUs land on CPUs 0, 1, 2, 3", () => {
    // All 8 CPUs have 200 free: v0 → CPU 0 (first of the tie), which then has 199; v1 → CPU 1
    // (first of the seven at 200); v2 → CPU 2; v3 → CPU 3.
    expect([...placeVectors([ff, ff, ff, ff], 8)]).toEqual([0, 1, 2, 3]);
  });

  it("a ninth vector on the same mask wraps to CPU 0: all eight now have 199 free", () => {
    expect([...placeVectors(Array.from({ length: 9 }, () => ff), 8)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 0]);
  });

  it("vectors already in use count: CPU 0 with legacy IRQs is passed over", () => {
    const matrix = new VectorMatrix(4, { allocated: [3, 1, 0, 0] });
    expect([...placeVectors([[0, 1, 2, 3], [0, 1], [0, 1], [0, 1]], matrix)]).toEqual([2, 1, 1, 0]);
    // [0,1]: CPU 0 has 197 free, CPU 1 199 → 1; then 198 → 1 again (198 > 197); then 197 = 197 → tie → CPU 0.
  });

  it("a single-CPU mask pins the vector; offline CPUs are skipped", () => {
    const matrix = new VectorMatrix(4, { online: [0, 2, 3] });
    expect(matrix.allocate([3])).toBe(3);
    expect(matrix.allocate([1, 2])).toBe(2);
    expect(() => matrix.allocate([1])).toThrow(VectorSpaceError);
  });

  it("a full CPU is ENOSPC", () => {
    const matrix = new VectorMatrix(2, { perCpu: 1 });
    expect(matrix.allocate([0, 1])).toBe(0);
    expect(matrix.allocate([0, 1])).toBe(1);
    expect(() => matrix.allocate([0, 1])).toThrow(/ENOSPC/);
  });

  it("a new mask that still contains the CPU leaves the interrupt where it is", () => {
    const matrix = new VectorMatrix(8);
    const cpu = matrix.allocate([5]);
    expect(matrix.retarget(cpu, ff)).toBe(5);
    expect(matrix.retarget(5, [0, 1])).toBe(0);
    expect(matrix.allocatedOn(5)).toBe(0);
    expect(matrix.allocatedOn(0)).toBe(1);
  });

  it("activation tries the device's node first, then the affinity", () => {
    const matrix = new VectorMatrix(8);
    const node1 = [4, 5, 6, 7];
    expect([0, 1, 2, 3, 4].map(() => matrix.activate(ff, node1))).toEqual([4, 5, 6, 7, 4]);
    expect(matrix.activate([0, 1], node1)).toBe(0);
  });
});
