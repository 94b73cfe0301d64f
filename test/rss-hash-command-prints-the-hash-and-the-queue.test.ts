// `nicsim rss hash`: suite case 1 (66.9.149.187:2794 → 161.142.100.80:1766, Microsoft key) is
// 0x51ccc178 on the 4-tuple and 0x323e8fc2 on the 2-tuple; with --queues or --indir it lands on
// table entry 120 of 128. Bad addresses, ports, keys exit 2 with one line.
import { describe, expect, it } from "vitest";
import { nicsim } from "./cli-helpers.js";
import { suite } from "./rss-fixture.js";

const CASE1 = ["--src", "66.9.149.187", "--dst", "161.142.100.80"];
const PORTS = ["--sport", "2794", "--dport", "1766"];

describe("nicsim rss hash", () => {

  it("4-tuple: hash 0x51ccc178", async () => {
    expect((await nicsim("rss", "hash", ...CASE1, ...PORTS))).toEqual({ status: 0, stdout: "hash 0x51ccc178\n", stderr: "" });
  });

  it("no ports: the 2-tuple, hash 0x323e8fc2", async () => {
    expect((await nicsim("rss", "hash", ...CASE1)).stdout).toBe("hash 0x323e8fc2\n");
    expect((await nicsim("rss", "hash", ...CASE1, ...PORTS, "--fields", "sd")).stdout).toBe("hash 0x323e8fc2\n");
  });

  it("--queues 4: queue 0, table entry 120 of 128", async () => {
    expect((await nicsim("rss", "hash", ...CASE1, ...PORTS, "--queues", "4")).stdout).toBe("hash 0x51ccc178\nqueue 0 (table entry 120 of 128)\n");
  });

  it('--indir "weight 1 2 1": entry 120 is in the last quarter, queue 2', async () => {
    expect((await nicsim("rss", "hash", ...CASE1, ...PORTS, "--indir", "weight 1 2 1")).stdout).toBe("hash 0x51ccc178\nqueue 2 (table entry 120 of 128)\n");
  });

  it("--json", async () => {
    const r = await nicsim("rss", "hash", ...CASE1, ...PORTS, "--indir", "equal 4", "--json");
    expect(r.stdout).toBe('{"hash":"0x51ccc178","hashU32":1372373368,"index":120,"queue":0}\n');
    expect((await nicsim("rss", "hash", ...CASE1, "--json")).stdout).toBe('{"hash":"0x323e8fc2","hashU32":842960834}\n');
  });

  it("--indir-size 512: entry 0x178 = 376", async () => {
    expect((await nicsim("rss", "hash", ...CASE1, ...PORTS, "--queues", "3", "--indir-size", "512")).stdout).toBe(
      "hash 0x51ccc178\nqueue 1 (table entry 376 of 512)\n",
    );
  });

  it("IPv6 suite case 1, both tuples", async () => {
    const c = suite.ipv6[0];
    const args = ["rss", "hash", "--src", c.src_ip, "--dst", c.dst_ip];
    expect((await nicsim(...args, "--sport", String(c.src_port), "--dport", String(c.dst_port))).stdout).toBe(`hash ${c.hash_l3l4}\n`);
    expect((await nicsim(...args)).stdout).toBe(`hash ${c.hash_l3}\n`);
  });

  it("--key symmetric hashes both directions alike; hex keys work", async () => {
    expect((await nicsim("rss", "hash", ...CASE1, ...PORTS, "--key", "symmetric")).stdout).toBe("hash 0x9fcc9fcc\n");
    expect((await nicsim("rss", "hash", "--src", "161.142.100.80", "--dst", "66.9.149.187", "--sport", "1766", "--dport", "2794", "--key", "symmetric")).stdout).toBe(
      "hash 0x9fcc9fcc\n",
    );
    expect((await nicsim("rss", "hash", ...CASE1, ...PORTS, "--key", suite.key.hex)).stdout).toBe("hash 0x51ccc178\n");
  });

  it("--hfunc xor and --xfrm symmetric-xor", async () => {
    expect((await nicsim("rss", "hash", ...CASE1, ...PORTS, "--hfunc", "xor")).stdout).toBe("hash 0xe96df70d\n");
    const fwd = (await nicsim("rss", "hash", ...CASE1, ...PORTS, "--xfrm", "symmetric-xor")).stdout;
    const rev = (await nicsim("rss", "hash", "--src", "161.142.100.80", "--dst", "66.9.149.187", "--sport", "1766", "--dport", "2794", "--xfrm", "symmetric-xor")).stdout;
    expect(fwd).toBe(rev);
  });

  const bad: ReadonlyArray<readonly [what: string, args: readonly string[], message: string | RegExp]> = [
    ["a bad address", ["--src", "66.9.149", "--dst", "161.142.100.80"], '--src: "66.9.149" is not an IPv4/IPv6 address'],
    ["a prefix instead of an address", ["--src", "66.9.149.0/24", "--dst", "161.142.100.80"], '--src: "66.9.149.0/24" is a prefix; give one address'],
    ["mixed families", ["--src", "66.9.149.187", "--dst", "::1"], "rss hash: --src is IPv4 but --dst is IPv6"],
    ["a port out of range", [...CASE1, "--sport", "65536", "--dport", "1"], '--sport: "65536" is not an integer from 0 to 65535'],
    ["one port only", [...CASE1, "--sport", "1"], "rss hash: give both --sport and --dport, or neither"],
    ["port fields without ports", [...CASE1, "--fields", "sdfn"], "rss hash: --fields sdfn hashes ports; give --sport and --dport"],
    ["a short key", [...CASE1, "--key", "6d:5a"], '--key: "6d:5a" is not a valid key (RSS key has 2 bytes; a key has 40 or 52 bytes)'],
    ["an unmodelled field letter", [...CASE1, "--fields", "sdm"], /^--fields: "sdm": letter "m" means the L2 destination MAC address to ethtool/],
    ["a table beyond the queues", [...CASE1, "--queues", "2", "--indir", "equal 4"], '--indir "equal 4": spreads over queues 0..3 but the NIC has 2 queues (0..1)'],
    ["a bad table size", [...CASE1, "--queues", "2", "--indir-size", "100"], '--indir-size: "100" is not a power of two from 1 to 65536'],
    ["a missing --dst", ["--src", "66.9.149.187"], "rss hash: --src and --dst are required (see nicsim help)"],
  ];

  const expectOneLine = async (args: readonly string[], message: string | RegExp): Promise<void> => {
    const r = await nicsim(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.endsWith("\n")).toBe(true);
    const lines = r.stderr.slice(0, -1).split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0].startsWith("nicsim: ")).toBe(true);
    const text = lines[0].slice("nicsim: ".length);
    if (typeof message === "string") expect(text).toBe(message);
    else expect(text).toMatch(message);
  };

  for (const [what, args, message] of bad) {
    it(`${what} exits 2 with one line`, () => expectOneLine(["rss", "hash", ...args], message));
  }

  it("an unknown subcommand exits 2 with one line", () => {
    expectOneLine(["rss", "frob"], 'rss: unknown subcommand "frob" (subcommands: hash, spread, key-quality)');
  });
});
