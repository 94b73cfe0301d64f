// `ethtool -X` table fills against hand-computed tables: default (i mod queues), equal N,
// start S equal N, weight w0 w1 … (entry i → the smallest j with i < ⌊T·(w0+…+wj)/W⌋), and an
// explicit list. Queue = table[hash mod size].
import { describe, expect, it } from "vitest";
import { fillIndirection, formatIndirSpec, parseIndirSpec, queueOf } from "../src/rss/index.js";

const fill = (text: string, size: number, queues: number): number[] => Array.from(fillIndirection(parseIndirSpec(text), size, queues));

describe("ethtool -X fills", () => {
  it("default: entry i = i mod queues", () => {
    expect(fill("default", 8, 3)).toEqual([0, 1, 2, 0, 1, 2, 0, 1]);
  });

  it("equal 3 on 4 queues, 8 entries: 0 1 2 0 1 2 0 1 (queue 3 unused)", () => {
    expect(fill("equal 3", 8, 4)).toEqual([0, 1, 2, 0, 1, 2, 0, 1]);
  });

  it("start 2 equal 2, 8 entries: 2 3 2 3 2 3 2 3", () => {
    expect(fill("start 2 equal 2", 8, 4)).toEqual([2, 3, 2, 3, 2, 3, 2, 3]);
  });

  it("weight 1 2 1, 8 entries: 0 0 1 1 1 1 2 2", () => {
    expect(fill("weight 1 2 1", 8, 3)).toEqual([0, 0, 1, 1, 1, 1, 2, 2]);
  });

  it("weight 1 1 1, 8 entries: bounds ⌊8/3⌋ = 2, ⌊16/3⌋ = 5, 8 → 0 0 1 1 1 2 2 2", () => {
    expect(fill("weight 1 1 1", 8, 3)).toEqual([0, 0, 1, 1, 1, 2, 2, 2]);
  });

  it("weight 3 1, 8 entries: 0 ×6, 1 ×2", () => {
    expect(fill("weight 3 1", 8, 2)).toEqual([0, 0, 0, 0, 0, 0, 1, 1]);
  });

  it("a zero weight skips its queue: weight 1 0 1, 4 entries: 0 0 2 2", () => {
    expect(fill("weight 1 0 1", 4, 3)).toEqual([0, 0, 2, 2]);
    expect(fill("weight 0 1", 4, 2)).toEqual([1, 1, 1, 1]);
  });

  it("weights totalling the table size: weight 4 2 1 1, 8 entries", () => {
    expect(fill("weight 4 2 1 1", 8, 4)).toEqual([0, 0, 0, 0, 1, 1, 2, 3]);
  });

  it("an explicit list, in brackets with commas or spaces", () => {
    expect(fill("[3, 2 1,0]", 4, 4)).toEqual([3, 2, 1, 0]);
  });

  it("queue = table[hash mod size]: 0x51ccc178 → entry 120 of 128", () => {
    const table = fillIndirection(parseIndirSpec("weight 1 2 1"), 128, 3);
    // Entries 96..127 belong to queue 2 (⌊128·3/4⌋ = 96).
    expect(queueOf(table, 0x51ccc178)).toBe(2);
    expect(queueOf(fillIndirection(parseIndirSpec("equal 4"), 128, 4), 0x51ccc178)).toBe(120 % 4);
  });

  it("specs read back in ethtool words", () => {
    for (const text of ["default", "equal 4", "start 2 equal 3", "weight 1 2 1", "[0, 1]"]) expect(formatIndirSpec(parseIndirSpec(text))).toBe(text);
    expect(formatIndirSpec(parseIndirSpec("  start 0   equal 4 "))).toBe("equal 4");
  });

  it("syntax errors say what is wrong", () => {
    expect(() => parseIndirSpec("equal")).toThrowError('equal must be a non-negative integer, got nothing');
    expect(() => parseIndirSpec("equal 0")).toThrowError("spreads over no queue; N must be at least 1");
    expect(() => parseIndirSpec("start 1 weight 2")).toThrowError(/^"start S" must be followed by "equal N"/);
    expect(() => parseIndirSpec("weight")).toThrowError("weight needs at least one weight");
    expect(() => parseIndirSpec("weight 1 x")).toThrowError('weight 1 must be a non-negative integer, got "x"');
    expect(() => parseIndirSpec("equal 4 5")).toThrowError('unexpected "5" after "equal 4"');
    expect(() => parseIndirSpec("[1, 2")).toThrowError('a list must end with "]"');
    expect(() => parseIndirSpec("round-robin")).toThrowError(/^not a table; write "default", "equal N"/);
  });
});
