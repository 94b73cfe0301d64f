import { describe, expect, it } from "vitest";
import { LoadError } from "../src/config/errors.js";
import { parseEthtoolChannels, parseEthtoolRxfh, parseEthtoolRxfhJson, parseLscpuParse, parseProcStat } from "../src/host/index.js";

describe("unreadable snapshot content is one line naming file, line and field", () => {
  it("a count that is not a number", () => {
    const text = "Channel parameters for eth0:\nPre-set maximums:\nCombined:\tmany\n";
    expect(() => parseEthtoolChannels(text, "ethtool/eth0/l.txt")).toThrow('ethtool/eth0/l.txt:3: Combined: "many" is not a whole number');
  });
  it("output of another command", () => {
    expect(() => parseEthtoolChannels("Ring parameters for eth0:\n", "l.txt")).toThrow('l.txt:1: unexpected line "Ring parameters for eth0:"');
    expect(() => parseEthtoolChannels("\n", "l.txt")).toThrow('l.txt: no "Pre-set maximums:" section: not `ethtool -l` output');
  });
  it("a bad key byte", () => {
    const text = "RSS hash key:\n6d:5a:zz\n";
    expect(() => parseEthtoolRxfh(text, "x.txt")).toThrow('x.txt:2: RSS hash key byte 2: "zz" is not two hex digits');
  });
  it("an indirection table row out of order", () => {
    const text = "RX flow hash indirection table for eth0 with 2 RX ring(s):\n    8:      0     1\n";
    expect(() => parseEthtoolRxfh(text, "x.txt")).toThrow("x.txt:2: indirection table: row starts at 8, expected 0");
  });
  it("JSON that is not JSON, and a JSON member of the wrong type", () => {
    expect(() => parseEthtoolRxfhJson("{", "x.json")).toThrow(/^x\.json: not JSON/);
    expect(() => parseEthtoolRxfhJson('[{"rss-hash-function": 3}]', "x.json")).toThrow("x.json: rss-hash-function: is not a string");
  });
  it("a short /proc/stat line and a bad lscpu field; errors are LoadErrors (exit 2 in the CLI)", () => {
    expect(() => parseProcStat("cpu0 1 2 3\n", "stat")).toThrow("stat:1: cpu0: 3 fields; need at least 7");
    let caught: unknown;
    try {
      parseLscpuParse("0,x,0,0\n", "lscpu-p.txt");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LoadError);
    expect(String((caught as Error).message)).toBe('lscpu-p.txt:1: CORE: "x" is not a whole number');
  });
});
