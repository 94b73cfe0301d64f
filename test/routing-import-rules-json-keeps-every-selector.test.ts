/**
 * `ip -j rule show` dumps → `rule` lines: every selector, action and modifier the model has,
 * with the dumped priority; the default rules alone give nothing; entries the model cannot
 * honour are refused with the entry number and the key.
 */
import { describe, expect, it } from "vitest";
import { DumpError, dumpEntries } from "../src/routing/import/dump-entries.js";
import { importRules, ruleFamily } from "../src/routing/import/rules-json.js";

// captured from `ip -j rule show` on kernel 6.18 / iproute2 6.1
const DUMP = [
  { priority: 0, src: "all", table: "local" },
  { priority: 49, src: "all", dst: "1.2.3.0", dstlen: 24, tos: "0x10", uid_start: 100, uid_end: 200, ipproto: "tcp", sport_start: 1000, sport_end: 2000, dport: 443, action: "blackhole" },
  { priority: 50, src: "all", goto: 999, unresolved: null },
  { priority: 70, src: "all", table: "main", suppress_prefixlen: 0 },
  { priority: 80, src: "all", oif: "eth1", action: "prohibit" },
  { priority: 90, src: "all", nop: null },
  { priority: 99, not: null, src: "all", fwmark: "0x5", fwmask: "0xf", iif: "eth7", iif_detached: null, table: "5" },
  { priority: 100, src: "10.0.0.20", table: "1001" },
  { priority: 32766, src: "all", table: "main" },
  { priority: 32767, src: "all", table: "default" },
];

function lines(dump: unknown, family: 4 | 6 = 4): string[] {
  return importRules(dumpEntries(dump), family).map((l) => l.line);
}

function failure(dump: unknown): string {
  try {
    lines(dump);
  } catch (error) {
    if (error instanceof DumpError) return error.detail;
    throw error;
  }
  return "(accepted)";
}

describe("rules dumps", () => {
  it("replace the default rules by the dumped ones, in order, with their priorities", () => {
    expect(lines(DUMP)).toEqual([
      "ip -4 rule del pref 0 lookup local",
      "ip -4 rule del pref 32766 lookup main",
      "ip -4 rule del pref 32767 lookup default",
      "ip -4 rule add pref 0 lookup local",
      "ip -4 rule add pref 49 to 1.2.3.0/24 tos 0x10 uidrange 100-200 ipproto tcp sport 1000-2000 dport 443 blackhole",
      "ip -4 rule add pref 50 goto 999",
      "ip -4 rule add pref 70 lookup main suppress_prefixlength 0",
      "ip -4 rule add pref 80 oif eth1 prohibit",
      "ip -4 rule add pref 90 nop",
      "ip -4 rule add pref 99 not fwmark 0x5/0xf iif eth7 lookup 5",
      "ip -4 rule add pref 100 from 10.0.0.20/32 lookup 1001",
      "ip -4 rule add pref 32766 lookup main",
      "ip -4 rule add pref 32767 lookup default",
    ]);
  });

  it("give nothing when they are the family's defaults (IPv4 local stays merged into main)", () => {
    expect(lines(DUMP.filter((r) => [0, 32766, 32767].includes(r.priority)))).toEqual([]);
    expect(lines([{ priority: 0, src: "all", table: "local" }, { priority: 32766, src: "all", table: "main" }], 6)).toEqual([]);
  });

  it("tell their family by their addresses", () => {
    expect(ruleFamily(dumpEntries(DUMP))).toBe(4);
    expect(ruleFamily(dumpEntries([{ priority: 5, src: "2001:db8::", srclen: 32, table: "7" }]))).toBe(6);
    expect(ruleFamily(dumpEntries([{ priority: 5, src: "all", fwmark: "0x1", table: "7" }]))).toBeUndefined();
  });

  it("are refused, naming the entry and the key, when malformed or not modelled", () => {
    expect(failure([{ priority: 0, src: "all", table: "local" }, { priority: "x", src: "all", table: "main" }])).toBe('entry 2: "priority" is not a number');
    expect(failure([{ src: "all", table: "main" }])).toBe('entry 1: "priority" is missing');
    expect(failure([{ priority: 5, src: "all", l3mdev: null, table: "main" }])).toBe('entry 1: "l3mdev" is not modelled in rules');
    expect(failure([{ priority: 5, src: "all" }])).toBe('entry 1: needs exactly one of "table", "action", "goto" and "nop"');
    expect(failure([{ priority: 5, src: "10.0.0.0", srclen: 40, table: "main" }])).toBe('entry 1: "srclen" 40 is too long');
    expect(failure([{ priority: 5, src: "all", action: "nat", table: "main" }])).toBe('entry 1: needs exactly one of "table", "action", "goto" and "nop"');
    expect(failure({ priority: 5 })).toBe("not a JSON array (an `ip -j … show` dump is one)");
    expect(failure([7])).toBe("entry 1: not an object");
  });
});
