// A key is flagged when flows differing only in the low q bits of one field cannot reach all
// 2^min(q, log2 size) entries. The symmetric 6d5a key does this for 128 consecutive source
// ports on a 128-entry table (64 of 128); a nearly all-zero key reaches one entry; the
// Microsoft key reaches all 128 with 7 bits of any field, yet 4 consecutive source addresses
// reach only 2 of 4 possible entries of an 8-entry table.
import { describe, expect, it } from "vitest";
import { MICROSOFT_RSS_KEY, SYMMETRIC_RSS_KEY, keyQuality } from "../src/rss/index.js";
import { nicsim } from "./cli-helpers.js";

describe("key quality flags", () => {
  it("symmetric key, sport low 7 bits, 128 entries: rank 6, 64 of 128, flagged", () => {
    const q = keyQuality(SYMMETRIC_RSS_KEY, "sport", 7, 128);
    expect(q).toMatchObject({ rank: 6, reachable: 64, possible: 128, flagged: true, inputBits: [79, 78, 77, 76, 75, 74, 73] });
  });

  it("symmetric key, any field, low 3 bits, 8 entries: 4 of 8", () => {
    for (const field of ["src", "dst", "sport", "dport"] as const) expect(keyQuality(SYMMETRIC_RSS_KEY, field, 3, 8)).toMatchObject({ reachable: 4, flagged: true });
  });

  it("a degenerate key (all zero but its last byte) reaches one entry: flagged", () => {
    const key = new Uint8Array(40);
    key[39] = 0x01;
    for (const field of ["src", "dst", "sport", "dport"] as const) expect(keyQuality(key, field, 7, 128)).toMatchObject({ rank: 0, reachable: 1, flagged: true });
  });

  it("Microsoft key: 7 low bits of any field reach all 128 entries", () => {
    for (const field of ["src", "dst", "sport", "dport"] as const) expect(keyQuality(MICROSOFT_RSS_KEY, field, 7, 128)).toMatchObject({ rank: 7, flagged: false });
  });

  it("Microsoft key: the low 2 bits of the source address reach 2 of 4 entries of an 8-entry table", () => {
    expect(keyQuality(MICROSOFT_RSS_KEY, "src", 2, 8)).toMatchObject({ rank: 1, reachable: 2, possible: 4, flagged: true });
  });

  it("more varied bits than index bits can at best fill the table", () => {
    expect(keyQuality(MICROSOFT_RSS_KEY, "sport", 12, 128)).toMatchObject({ possible: 128, reachable: 128 });
  });

  it("a field that is not hashed reaches one entry", () => {
    expect(keyQuality(MICROSOFT_RSS_KEY, "sport", 7, 128, { fields: 3 })).toMatchObject({ inputBits: [], rank: 0, reachable: 1, flagged: true });
  });

  it("bad arguments are refused", () => {
    expect(() => keyQuality(MICROSOFT_RSS_KEY, "sport", 17, 128)).toThrowError("bits must be an integer from 1 to 16 for sport, got 17");
    expect(() => keyQuality(MICROSOFT_RSS_KEY, "src", 4, 100)).toThrowError("table size must be a power of two from 1 to 65536, got 100");
  });
});

describe("nicsim rss key-quality", () => {

  it("prints FLAG for the symmetric key and exits 0", async () => {
    const r = await nicsim("rss", "key-quality", "--key", "symmetric", "--field", "sport", "--bits", "7");
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("sport       73-79  low 7      6  64 of 128");
    expect(r.stdout).toContain("FLAG sport: flows differing only in the low 7 bits of sport reach 64 of 128 table entries (rank 6 < 7)");
  });

  it("no FLAG for the Microsoft key at the defaults", async () => {
    const r = await nicsim("rss", "key-quality");
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain("FLAG");
    expect(r.stdout.split("\n").filter((line) => line.endsWith("128 of 128"))).toHaveLength(4);
  });

  it("--json gives the results", async () => {
    const r = await nicsim("rss", "key-quality", "--key", "symmetric", "--field", "dport", "--bits", "3", "--indir-size", "8", "--json");
    const doc = JSON.parse(r.stdout) as { key: string; results: { rank: number; reachable: number; flagged: boolean }[] };
    expect(doc.key).toBe("symmetric");
    expect(doc.results).toMatchObject([{ rank: 2, reachable: 4, flagged: true }]);
  });

  it("a bad --field exits 2 with one line", async () => {
    const r = await nicsim("rss", "key-quality", "--field", "proto");
    expect([r.status, r.stdout, r.stderr]).toEqual([2, "", 'nicsim: --field: "proto" must be one of src, dst, sport, dport\n']);
  });
});
