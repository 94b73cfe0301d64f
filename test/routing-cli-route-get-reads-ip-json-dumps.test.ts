/**
 * `nicsim route get … --config rules.json --config routes.json`: a host's own `ip -j` dumps
 * (and sysctl output) as the routing input, recognised by content, with at most one batch file
 * applied after them; a malformed or duplicated dump exits 2 with one message naming the file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nicsim } from "./cli-helpers.js";

const DIR = "examples/host-dumps";
const dump = (name: string): string[] => ["--config", `${DIR}/${name}`];
let dir = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "nicsim-dumps-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("nicsim route get from ip -j dumps", () => {
  it("answers from rules and routes dumps as the kernel that printed them did", async () => {
    const r = await nicsim("route", "get", "198.51.100.7", "from", "10.0.0.21", ...dump("rules.json"), ...dump("routes.json"), "--json");
    // the kernel's own `ip -j route get 198.51.100.7 from 10.0.0.21` in the dumped namespace
    expect(r.stdout).toBe('[{"dst":"198.51.100.7","from":"10.0.0.21","gateway":"10.0.0.253","dev":"eth2","table":"1002","flags":[],"uid":0,"cache":[]}]\n');
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("takes every dump of a host, IPv6 included, and a batch to apply after them", async () => {
    const all = ["links.json", "addrs.json", "rules.json", "rules6.json", "routes.json", "sysctl.txt"].flatMap(dump);
    const v6 = await nicsim("route", "get", "2001:db8:5::1", ...all, "--json");
    expect(v6.stdout).toBe('[{"dst":"2001:db8:5::1","from":"::","gateway":"2001:db8:0:1::1","dev":"eth1","prefsrc":"2001:db8:0:1::20","metric":1024,"flags":[],"pref":"medium"}]\n');
    const change = file("change.batch", "rule add from 10.0.0.21 lookup 1001 pref 100\n");
    const r = await nicsim("route", "get", "198.51.100.7", "from", "10.0.0.21", ...all, "--config", change);
    expect(r.stdout).toBe("198.51.100.7 from 10.0.0.21 via 10.0.0.253 dev eth1 table 1001 uid 0 \n    cache \n");
    expect(r.stderr).toBe("");
  });

  it("exits 2 with one message naming the file for dumps it cannot use", async () => {
    const rules = JSON.parse(readFileSync(`${DIR}/rules.json`, "utf8")) as Record<string, unknown>[];
    const badPriority = file("rules.json", JSON.stringify(rules.map((r, i) => (i === 2 ? { ...r, priority: "high" } : r))));
    const broken = file("broken.json", '[{"priority":0,"src":"all"');
    const scenario = "examples/routing-two-enis.yaml";
    const ambiguous = file("marks.json", '[{"priority":0,"src":"all","table":"local"},{"priority":5,"src":"all","fwmark":"0x1","table":"7"}]');
    const cases: [string[], RegExp][] = [
      [["--config", badPriority, ...dump("routes.json")], /^nicsim: .*rules\.json: entry 3: "priority" is not a number\n$/],
      [["--config", broken], /^nicsim: .*broken\.json: not valid JSON: /],
      [[...dump("rules.json"), "--config", badPriority], /^nicsim: .*rules\.json: examples\/host-dumps\/rules\.json is already an IPv4 ip -j rule show dump; give one file of each kind\n$/],
      [[...dump("rules.json"), "--config", scenario], /^nicsim: examples\/routing-two-enis\.yaml: a scenario or routing section cannot be combined with ip -j dumps; give an ip -batch file to apply after them\n$/],
      [["--config", ambiguous], /^nicsim: .*marks\.json: cannot tell IPv4 from IPv6 rules .*give --family inet or inet6\n$/],
      [[...dump("links.json"), ...dump("routes.json"), "--devices", "eth1"], /^nicsim: --devices: the devices come from examples\/host-dumps\/links\.json\n$/],
    ];
    for (const [args, message] of cases) {
      const r = await nicsim("route", "get", "8.8.8.8", ...args);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.split("\n").filter((l) => l !== "")).toHaveLength(1);
      expect(r.status).toBe(2);
    }
    // told the family, the rules load (and this host has no route at all)
    expect((await nicsim("route", "get", "2001:db8::1", "--config", ambiguous, "--family", "inet6")).stderr).toBe("RTNETLINK answers: Network is unreachable\n");
  });
});
