import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { kernfsNameHash, kernfsOrder, listingOrder } from "../src/irq/kernfs-order.js";
import { listDir } from "./irqbalance-daemon.js";

describe("sysfs lists a directory in kernfs name-hash order", () => {
  it("hashes a name as kernfs_name_hash does", () => {
    // "0" is byte 48: (0 + (48 << 4) + (48 >> 4)) × 11 = 8481; × 0x61C88647 = 13913347880487,
    // mod 2³² = 1948808743, & 0x7fffffff = 1948808743.
    expect(kernfsNameHash("0")).toBe(1948808743);
    expect(kernfsNameHash("cpu0")).toBe(2102464413);
    expect(kernfsNameHash("cpu1")).toBe(925720685);
  });

  it("lists cpu0-7 odd ones first, cpu0 last: the order irqbalance builds its tree in", () => {
    const names = Array.from({ length: 8 }, (_, c) => `cpu${c}`);
    expect(kernfsOrder(names)).toEqual(["cpu7", "cpu5", "cpu3", "cpu1", "cpu6", "cpu4", "cpu2", "cpu0"]);
    expect(listingOrder([0, 1, 2, 3, 4, 5, 6, 7], "cpu", "kernfs")).toEqual([7, 5, 3, 1, 6, 4, 2, 0]);
    expect(listingOrder([3, 1, 2], "cpu", "ascending")).toEqual([1, 2, 3]);
  });

  it.skipIf(!existsSync("/sys/kernel/irq"))("matches this kernel's readdir of /sys/kernel/irq (one numeric entry per IRQ)", () => {
    const listed = listDir("/sys/kernel/irq");
    expect(listed.length).toBeGreaterThan(1);
    expect(listed).toEqual(kernfsOrder(listed));
  });
});
