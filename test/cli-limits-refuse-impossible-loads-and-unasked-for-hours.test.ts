import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, expandSweep } from "../src/config/index.js";
import { nicsim } from "./cli-helpers.js";

const BASE = {
  host: { cpus: 4 },
  nics: [{ name: "eth0", addresses: ["10.0.0.1/24"], maxQueues: 4 }],
  traffic: { flows: 16, src: "192.0.2.0/24", dst: "10.0.0.1", load: { pps: 100000 } as Record<string, number> },
  run: { duration: "1ms" },
};

function refusal(doc: unknown): string {
  try {
    expandSweep(doc);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return "accepted";
}

/**
 * Issue 19, defects 4 and 11: loads no NIC can receive, clocks and costs outside physics, and
 * runs of hours that nobody asked for are refused before any work; routing lines the kernel
 * refuses and shard files given to report are not passed over in silence.
 */
describe("limits", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "nicsim-limits-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a load beyond 800 Gb/s Ethernet's line rate is refused, saying why", async () => {
    expect(refusal({ ...BASE, traffic: { ...BASE.traffic, load: { pps: 1e15 } } })).toBe(
      "traffic.load.pps: 1000000000000000 exceeds 1190476190 packets/s, the line rate of 800 Gb/s Ethernet (the fastest there is) in 64-byte frames",
    );
    expect(refusal({ ...BASE, traffic: { ...BASE.traffic, load: { mbps: 1e12 } } })).toBe(
      "traffic.load.mbps: 1000000000000 exceeds 800000 Mbit/s, the line rate of 800 Gb/s Ethernet (the fastest there is)",
    );
    expect(refusal({ ...BASE, traffic: { ...BASE.traffic, load: { pps: 148_809_524 } } })).toBe("accepted");
  });

  it("a clock or a cost outside physical ranges is refused", async () => {
    expect(refusal({ ...BASE, host: { cpus: 4, ghz: 1e-300 } })).toBe("host.ghz: 1e-300 must be >= 0.1");
    expect(refusal({ ...BASE, costs: { stackPerPacket: 1e15 } })).toBe("costs.stackPerPacket: 1000000000000000 must be <= 10000000");
    expect(refusal({ ...BASE, costs: { perByte: 1e6 } })).toBe("costs.perByte: 1000000 must be <= 1000");
  });

  it("hours of simulation need --yes: refused at once, with the estimate", { timeout: 15_000 }, async () => {
    const r = await nicsim("run", "test/fixtures/outputs/hours-of-work.yaml", "--jobs", "1");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "nicsim: run: 1.0e+10 packets to simulate, about 83 min on 1 thread (at 2 M packets/s each); pass --yes to run it, or shorten run.duration or lower the load\n",
    );
  });

  it("validate and run say how many routing batch lines the kernel refuses, and show the first", async () => {
    const file = "test/fixtures/outputs/refused-routes.yaml";
    const note = `nicsim: ${file}: 2 routing batch lines refused as the kernel would refuse them (nicsim route get --config ${file} lists them); the first: line 2 (route add default via 10.9.9.9 dev eth0): Error: Nexthop has invalid gateway.\n`;
    const v = await nicsim("validate", file);
    expect([v.status, v.stdout, v.stderr]).toEqual([0, `${file}: valid, 1 point\n`, note]);
    const r = await nicsim("run", file, "--format", "csv");
    expect([r.status, r.stderr]).toEqual([0, note]);
  });

  it("report refuses a shard file", async () => {
    const shard = join(dir, "shard.json");
    expect((await nicsim("run", "test/fixtures/cli/tiny.yaml", "--quiet", "--shard", "1/1", "--json", shard)).status).toBe(0);
    const r = await nicsim("report", shard, "--html", join(dir, "r.html"));
    expect([r.status, r.stderr]).toEqual([
      2,
      `nicsim: report: ${shard} is shard 1/1 of a sharded run (its points hold only that shard's replications); put the shards together with nicsim merge first\n`,
    ]);
  });
});
