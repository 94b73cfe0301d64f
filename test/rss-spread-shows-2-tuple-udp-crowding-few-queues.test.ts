// examples/rss-udp-2tuple.yaml: 4 clients send 2,000 UDP flows to 8 queues. Hashed on "sd",
// every flow of a client lands on the client's queue, so at most 4 queues work (here 2); hashed
// on "sdfn" the ports spread them over all 8. `nicsim rss spread` shows it; for a 3-queue NIC it
// also prints the table-size effect with the kernel doc's 33% / 16% figures.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nicsim } from "./cli-helpers.js";

interface SpreadDoc {
  readonly points: readonly {
    readonly params: Record<string, string>;
    readonly fields: string;
    readonly spread: { readonly perQueue: readonly { flows: number; share: number }[]; readonly packetImbalance: number };
    readonly tableSizes?: readonly { multiple: number; size: number; entryGap: number }[];
  }[];
}

describe("nicsim rss spread", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "nicsim-spread-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("the 2-tuple example: sd crowds 4 clients onto at most 4 of 8 queues, sdfn uses all 8", async () => {
    const r = await nicsim("rss", "spread", "examples/rss-udp-2tuple.yaml", "--json");
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as SpreadDoc;
    expect(doc.points.map((p) => p.fields)).toEqual(["sd", "sdfn"]);
    const [sd, sdfn] = doc.points;
    const busy = (p: SpreadDoc["points"][number]): number => p.spread.perQueue.filter((q) => q.flows > 0).length;
    expect(busy(sd)).toBeLessThanOrEqual(4);
    expect(busy(sd)).toBe(2);
    expect(sd.spread.packetImbalance).toBeGreaterThan(3.5);
    expect(busy(sdfn)).toBe(8);
    expect(sdfn.spread.packetImbalance).toBeLessThan(1.2);
    expect(doc.points.every((p) => p.tableSizes === undefined)).toBe(true); // 8 queues: a power of two
  });

  it("the text form names the fields and prints one row per queue", async () => {
    const r = await nicsim("rss", "spread", "examples/rss-udp-2tuple.yaml");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('eth0: 8 queues, table 128 entries "default", udp4 hashed on sd (src dst), key microsoft, hfunc toeplitz');
    expect(r.stdout).toContain("udp4 hashed on sdfn (src dst sport dport)");
    expect(r.stdout).toContain("\n    2      0     0.0%       0.0%\n");
  });

  it("3 queues: the table-size effect with 33.3% at 2× and 16.7% at 4×", async () => {
    const path = join(dir, "three.yaml");
    writeFileSync(path, "host: { cpus: 4 }\nnics: [{ name: eth0, queues: 3 }]\ntraffic: { flows: 300, src: 192.0.2.0/24, dst: 10.0.0.1, load: { pps: 1000 } }\n");
    const r = await nicsim("rss", "spread", path);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("2x           8            2-3     1.125      33.3%");
    expect(r.stdout).toContain("4x          16            5-6     1.125      16.7%");
    expect(r.stdout).toContain("entry gap = (max - min) / max entries per queue");
    const doc = JSON.parse((await nicsim("rss", "spread", path, "--json")).stdout) as SpreadDoc;
    expect(doc.points[0].tableSizes?.map((t) => [t.multiple, t.size])).toEqual([[1, 4], [2, 8], [4, 16], [8, 32]]);
  });

  it("a missing scenario exits 2 with one line", async () => {
    const r = await nicsim("rss", "spread", "examples/none.yaml");
    expect([r.status, r.stdout, r.stderr]).toEqual([2, "", "nicsim: examples/none.yaml: no such file\n"]);
  });
});
