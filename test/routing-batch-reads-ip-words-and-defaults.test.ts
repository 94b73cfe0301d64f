/**
 * The batch is read as iproute2 6.1 reads it: `ip`/`-4`/`-6` prefixes, abbreviations, comments,
 * its defaults (table local for local routes, scope link for a route without gateway, protocol
 * boot, `lookup main` for a rule, hex tos), family from the addresses, its own refusals
 * ("Cannot find device"), and a line it could not read stops with the line number.
 */
import { describe, expect, it } from "vitest";
import { BatchLineError, parseBatch } from "../src/routing/batch/parse-batch.js";
import type { BatchLine } from "../src/routing/batch/requests.js";

const hasDevice = (name: string): boolean => ["eth0", "eth1", "lo"].includes(name);
const read = (text: string, family: 4 | 6 = 4): BatchLine[] => parseBatch(text, { family, hasDevice });
const one = (text: string, family: 4 | 6 = 4): BatchLine["request"] => read(text, family)[0].request;

describe("the ip -batch reader", () => {
  it("skips blank and comment lines and keeps line numbers", () => {
    const lines = read("# hosts\n\nip -4 route add default via 10.0.0.1 # the gateway\n  ro a 10.1.0.0/16 dev eth0\n");
    expect(lines.map((l) => [l.line, l.request.kind])).toEqual([
      [3, "route"],
      [4, "route"],
    ]);
  });

  it("fills iproute2's route defaults", () => {
    expect(one("route add 10.1.0.0/16 dev eth0")).toMatchObject({ op: "add", family: 4, type: 1, table: 254, scope: 253, protocol: 3, metric: undefined });
    expect(one("route add default via 10.0.0.1")).toMatchObject({ dst: 0n, dstLen: 0, scope: 0, gateway: 0x0a000001n });
    expect(one("route add local 198.51.100.0/24 dev lo")).toMatchObject({ type: 2, table: 255, scope: 254 });
    expect(one("route del 10.1.0.0/16")).toMatchObject({ op: "del", type: 0, typeGiven: false, scope: 255, protocol: 0 });
    expect(one("r replace 10/8 via 10.0.0.1 dev eth1 t 100 m 7 tos 10 proto static")).toMatchObject({ op: "replace", dst: 0x0a000000n, dstLen: 8, table: 100, metric: 7, tos: 0x10, protocol: 4 });
    expect(one("route prepend 192.0.2.0/24 nexthop via 10.0.0.1 weight 2 nexthop via 10.0.1.1 dev eth1 onlink")).toMatchObject({
      op: "prepend",
      multipath: [
        { gateway: 0x0a000001n, dev: undefined, weight: 2, onlink: false },
        { gateway: 0x0a000101n, dev: "eth1", weight: 1, onlink: true },
      ],
    });
  });

  it("takes the family from the addresses, or from -6 / the batch family", () => {
    expect(one("route add 2001:db8::/32 via 2001:db8::1")).toMatchObject({ family: 6 });
    expect(one("rule add fwmark 1 lookup 100", 6)).toMatchObject({ family: 6 });
    expect(one("ip -6 rule add fwmark 1 lookup 100")).toMatchObject({ family: 6 });
    expect(one("ip -4 rule add fwmark 1 lookup 100", 6)).toMatchObject({ family: 4 });
  });

  it("fills iproute2's rule defaults", () => {
    expect(one("rule add from 10.0.0.20 lookup 1001")).toMatchObject({ op: "add", action: 1, table: 1001, srcLen: 32, pref: undefined });
    expect(one("rule add fwmark 0x10/0xf0")).toMatchObject({ action: 1, table: 254, mark: 0x10, mask: 0xf0 });
    expect(one("rule add pref 10 to 9.9.9.0/24 unreachable")).toMatchObject({ action: 7, table: 0, pref: 10 });
    expect(one("rule add not iif eth7 goto 300 pref 5")).toMatchObject({ invert: true, iif: "eth7", action: 2, gotoTarget: 300 });
    expect(one("ru del pri 100")).toMatchObject({ op: "del", action: 0, table: 0, pref: 100 });
    expect(one("rule add uidrange 1000-1999 ipproto tcp dport 443 sport 1024-65534 lookup 50")).toMatchObject({
      uidRange: { start: 1000, end: 1999 },
      ipProto: 6,
      dport: { start: 443, end: 443 },
      sport: { start: 1024, end: 65534 },
    });
  });

  it("reads addresses with their scope defaults", () => {
    expect(one("a add 10.0.0.19/24 dev eth0")).toMatchObject({ kind: "addr", op: "add", local: 0x0a000013n, prefixLen: 24, scope: 0 });
    expect(one("addr add 127.0.0.2/8 dev lo")).toMatchObject({ scope: 254 });
    expect(one("addr add 10.9.0.1/24 dev eth1 scope link noprefixroute metric 5 brd +")).toMatchObject({ scope: 253, noprefixroute: true, metric: 5, broadcast: "+" });
  });

  it("refuses a device that does not exist the way ip does, without stopping", () => {
    expect(one("route add default via 10.0.0.1 dev eth9")).toEqual({ kind: "refused", message: 'Cannot find device "eth9"' });
    expect(one("addr add 10.0.0.1/24 dev eth9")).toEqual({ kind: "refused", message: 'Cannot find device "eth9"' });
    expect(one("rule add iif eth9 lookup 100")).toMatchObject({ kind: "rule", iif: "eth9" });
  });

  const UNREADABLE: [string, string][] = [
    ["route add 10.0.0.0/33 dev eth0", 'Error: any valid prefix is expected rather than "10.0.0.0/33".'],
    ["route add 10.0.0.0/8 metric x", 'Error: argument "x" is wrong: "metric" value is invalid\n'],
    ["rule add sport 99999 lookup 5", 'Error: argument "99999" is wrong: invalid port range\n'],
    ["route add 10.0.0.0/8 via", 'Command line is not complete. Try option "help"'],
    ["link set eth0 up", 'nicsim reads "addr", "route" and "rule" commands, not "link"'],
  ];

  it("refuses a line ip could not read on its own, with ip's message, and reads the next", () => {
    for (const [line, message] of UNREADABLE) {
      const lines = read(`addr add 10.0.0.1/24 dev eth0\n${line}\nroute add default via 10.0.0.9`);
      expect(lines.map((l) => l.request.kind), line).toEqual(["addr", "refused", "route"]);
      expect(lines[1], line).toEqual({ line: 2, text: line, request: { kind: "refused", message } });
    }
  });

  it("stops on such a line, naming it, when asked to (scenario validation)", () => {
    for (const [line, message] of UNREADABLE) {
      let caught: unknown;
      try {
        parseBatch(`addr add 10.0.0.1/24 dev eth0\n${line}`, { family: 4, hasDevice, unreadable: "throw" });
      } catch (error) {
        caught = error;
      }
      expect(caught, line).toBeInstanceOf(BatchLineError);
      expect((caught as BatchLineError).message, line).toBe(`batch line 2: ${message}`);
    }
  });
});
