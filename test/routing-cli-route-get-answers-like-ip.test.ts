/**
 * `nicsim route get`: the same words as `ip route get`, `--json` exactly as `ip -j route get`,
 * `--queries` as JSON lines in one process, the kernel's error and exit 2 on a failed lookup,
 * and `--config` reading a full scenario, a routing section alone, or plain `ip -batch` text.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nicsim } from "./cli-helpers.js";

const EXAMPLE = "examples/routing-two-enis.yaml";
let dir = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "nicsim-route-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("nicsim route get", () => {
  it("answers replies from each elastic NIC address out of that NIC (--json as ip -j)", async () => {
    const a = await nicsim("route", "get", "198.51.100.7", "from", "10.0.0.20", "--config", EXAMPLE, "--json");
    const b = await nicsim("route", "get", "198.51.100.7", "from", "10.0.0.21", "--config", EXAMPLE, "--json");
    expect(a.status).toBe(0);
    expect(a.stdout).toBe('[{"dst":"198.51.100.7","from":"10.0.0.20","gateway":"10.0.0.253","dev":"eth1","table":"1001","flags":[],"uid":0,"cache":[]}]\n');
    expect(b.stdout).toBe('[{"dst":"198.51.100.7","from":"10.0.0.21","gateway":"10.0.0.253","dev":"eth2","table":"1002","flags":[],"uid":0,"cache":[]}]\n');
    expect(a.stderr).toBe("");
  });

  it("prints ip's text form without --json", async () => {
    const r = await nicsim("route", "get", "198.51.100.7", "--config", EXAMPLE);
    expect(r.stdout).toBe("198.51.100.7 via 10.0.0.253 dev eth1 src 10.0.0.20 uid 0 \n    cache \n");
  });

  it("prints the kernel's error and exits 2 when the lookup fails", async () => {
    const r = await nicsim("route", "get", "8.8.8.8", "from", "10.0.0.99", "--config", EXAMPLE);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("RTNETLINK answers: Network is unreachable\n");
  });

  it("answers a file of queries as JSON lines in one process", async () => {
    const queries = file("q.txt", "# replies\n198.51.100.7 from 10.0.0.21\n8.8.8.8 from 10.0.0.99\n10.0.0.21 from 198.51.100.7 iif eth2\nnot-an-address\n");
    const r = await nicsim("route", "get", "--queries", queries, "--config", EXAMPLE);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { ok: true, result: { dst: "198.51.100.7", from: "10.0.0.21", gateway: "10.0.0.253", dev: "eth2", table: "1002", flags: [], uid: 0, cache: [] } },
      { ok: false, error: "RTNETLINK answers: Network is unreachable" },
      { ok: true, result: { type: "local", dst: "10.0.0.21", from: "198.51.100.7", dev: "lo", table: "local", flags: [], cache: ["local"], iif: "eth2" } },
      { ok: false, error: 'Error: any valid prefix is expected rather than "not-an-address".' },
    ]);
  });

  it("reads a routing section alone, and plain ip -batch text with the devices it names", async () => {
    const section = file("routing.yaml", "devices: [{ name: eth0 }]\nbatch: |\n  addr add 10.0.0.19/24 dev eth0\n  route add default via 10.0.0.1\n");
    const batch = file("host.batch", "ip addr add 10.0.0.19/24 dev eth0\nip route add default via 10.0.0.1\n");
    const expected = '[{"dst":"8.8.8.8","gateway":"10.0.0.1","dev":"eth0","prefsrc":"10.0.0.19","flags":[],"uid":0,"cache":[]}]\n';
    expect((await nicsim("route", "get", "8.8.8.8", "--config", section, "--json")).stdout).toBe(expected);
    expect((await nicsim("route", "get", "8.8.8.8", "--config", batch, "--json")).stdout).toBe(expected);
    const down = await nicsim("route", "get", "8.8.8.8", "--config", batch, "--devices", "eth0=down", "--json");
    // eth0 down: its address has no connected route, so the gateway is unreachable
    expect(down.stderr).toContain("batch line 2 refused (ip route add default via 10.0.0.1): Error: Nexthop has invalid gateway.");
  });

  it("lists refused batch lines on stderr, keeps going, and --quiet hides them", async () => {
    const batch = file("dup.batch", "addr add 10.0.0.19/24 dev eth0\nroute add default via 10.0.0.1\nroute add default via 10.0.0.2\n");
    const r = await nicsim("route", "get", "8.8.8.8", "--config", batch);
    expect(r.stderr).toBe(`nicsim: ${batch}: batch line 3 refused (route add default via 10.0.0.2): RTNETLINK answers: File exists\n`);
    expect(r.stdout).toContain("via 10.0.0.1 dev eth0");
    expect((await nicsim("route", "get", "8.8.8.8", "--config", batch, "--quiet")).stderr).toBe("");
  });

  it("refuses a line ip cannot read and a line the kernel refuses, each on its own, and applies the rest", async () => {
    const batch = file("mixed.batch", "addr add 10.0.0.19/24 dev eth0\nroute add 10.0.0.0/33 dev eth0\nroute add default via 10.9.9.9\nroute add default via 10.0.0.1\n");
    const r = await nicsim("route", "get", "8.8.8.8", "--config", batch);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      `nicsim: ${batch}: batch line 2 refused (route add 10.0.0.0/33 dev eth0): Error: any valid prefix is expected rather than "10.0.0.0/33".\n` +
        `nicsim: ${batch}: batch line 3 refused (route add default via 10.9.9.9): Error: Nexthop has invalid gateway.\n`,
    );
    expect(r.stdout).toContain("via 10.0.0.1 dev eth0");
  });

  it("reads a scenario fragment whose only key is routing as the routing section", async () => {
    const fragment = file("fragment.yaml", "routing:\n  devices: [{ name: eth0 }]\n  batch: |\n    addr add 10.0.0.19/24 dev eth0\n    route add default via 10.0.0.1\n");
    const r = await nicsim("route", "get", "8.8.8.8", "--config", fragment, "--json");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe('[{"dst":"8.8.8.8","gateway":"10.0.0.1","dev":"eth0","prefsrc":"10.0.0.19","flags":[],"uid":0,"cache":[]}]\n');
  });

  it("reports bad input in one line with exit 2", async () => {
    const cases: [string[], RegExp][] = [
      [["route", "get", "8.8.8.8"], /^nicsim: route get: --config FILE is required/],
      [["route", "show"], /^nicsim: route: expected "get"/],
      [["route", "get", "--config", EXAMPLE], /^nicsim: route get: missing the destination address/],
      [["route", "get", "8.8.8.8", "--config", join(dir, "missing.yaml")], /^nicsim: .*missing\.yaml: no such file$/],
      [["route", "get", "8.8.8.8", "frm", "1.2.3.4", "--config", EXAMPLE], /^nicsim: route get: Error: inet prefix is expected rather than "frm"\.$/],
    ];
    for (const [args, pattern] of cases) {
      const r = await nicsim(...args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr.trimEnd().split("\n"), args.join(" ")).toHaveLength(1);
      expect(r.stderr.trimEnd(), args.join(" ")).toMatch(pattern);
    }
  });
});
