import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadScenarioText } from "../src/config/load.js";
import { importScenario, readSnapshot } from "../src/host/index.js";
import { formatRssKey } from "../src/rss/key.js";
import { HOST_FIXTURES } from "./host-helpers.js";

const ENA = join(HOST_FIXTURES, "snapshot-ena-4vcpu");
const tmp = mkdtempSync(join(tmpdir(), "nicsim-import-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("import: a 4-vCPU ena host", () => {
  const imported = importScenario(readSnapshot(ENA));
  const scenario = loadScenarioText(imported.yaml, "imported").points[0].scenario;

  it("reads host, NIC, RSS and RPS state into a scenario nicsim accepts", () => {
    expect(scenario.host.cpus).toBe(4);
    expect(scenario.host.ghz).toBe(2.5);
    expect(scenario.host.topology.cpus.map((c) => c.core)).toEqual([0, 1, 0, 1]);
    expect(scenario.host.topology.nicNode).toBe(0);
    // 2 cores × 2 threads: the siblings are the snapshot's; how much they slow each other is not.
    expect(scenario.host.smtSpeed).toBe(0.6);
    expect(imported.yaml).toContain("smtSpeed: 0.6  # DEFAULT: assumed");
    const nic = scenario.nics[0];
    expect([nic.name, nic.maxQueues, nic.queues, nic.ringSize]).toEqual(["eth0", 8, 4, 1024]);
    expect(formatRssKey(nic.rss.key)).toBe("77:17:de:5c:4a:bd:8c:52:04:3d:0f:f1:2f:3e:9b:5e:48:4f:2b:6f:b4:4a:ec:d0:1f:39:de:1b:5a:ea:5c:7f:96:f2:0d:a1:57:8a:7e:91");
    expect(nic.rss.fields).toEqual({ tcp4: "sdfn", udp4: "sd", tcp6: "sdfn", udp6: "sd" });
    expect(nic.rss.indirSize).toBe(128);
    // the fixture's table spreads over queues 0-2 only (entry i = i mod 3): kept as the list it is
    expect(nic.rss.indir).toEqual({ kind: "list", queues: Array.from({ length: 128 }, (_, i) => i % 3) });
    expect(nic.rps.cpus).toEqual(["f", "f", "f", "f"]);
    expect(scenario.kernel.netdevBudget).toBe(600);
    expect(scenario.kernel.netdevBudgetNs).toBe(8_000_000);
  });

  it("places each queue's IRQ where /proc/irq/N/effective_affinity_list says", () => {
    expect(scenario.irq.policy).toBe("explicit");
    expect(imported.yaml).toContain('smp_affinity_list: "2"  # eth0 rx-2: IRQ 30 ena-comp-2@pci:0000:00:05.0, /proc/irq/30/effective_affinity_list (smp_affinity_list 0-3)');
  });

  it("says where every value came from", () => {
    expect(imported.yaml).toContain("queues: 4  # ethtool -l eth0: current");
    expect(imported.yaml).toContain("udp4: sd  # ethtool -n eth0 rx-flow-hash udp4");
    expect(imported.yaml).toMatch(/key: "77:17:[0-9a-f:]+"  # ethtool -x eth0/);
    expect(imported.yaml).toContain("netdevBudget: 600  # /proc/sys/net/core/netdev_budget");
    expect(imported.yaml).toContain('xps: ["1", "2", "4", "8"]  # /sys/class/net/eth0/queues/tx-N/xps_cpus');
    expect(scenario.nics[0].xps).toEqual(["1", "2", "4", "8"]);
  });

  it("fills the NIC's coalescing from ethtool -c, adaptive-rx included (net DIM, starting from its values at snapshot time)", () => {
    expect(imported.yaml).toContain("rxUsecs: 8  # ethtool -c eth0");
    expect(imported.yaml).toContain("rxFrames: 128  # ethtool -c eth0");
    expect(imported.yaml).toContain("adaptiveRx: true  # ethtool -c eth0: adaptive-rx on");
    // An ena host: net DIM's EQE table (the driver's).
    expect(scenario.nics[0].coalesce).toEqual({ rxUsecs: 8, rxFrames: 128, adaptiveRx: true, dimProfiles: "eqe", deferHardIrqs: 0, groFlushTimeoutNs: 0 });
  });

  it("marks the traffic block, filled from the counters since boot without --measure samples", () => {
    expect(imported.yaml).toContain("# ---- traffic: NOT in the snapshot");
    expect(scenario.traffic.load).toEqual({ pps: 10000 });
    expect(scenario.traffic.size.sizes).toEqual([300]);
    expect(scenario.traffic.protocol).toBe("udp");
    expect(imported.yaml).toContain("flows: 1000  # ASSUMED");
    // No warning: the host's adaptive-rx is modelled (the coalescing test above).
    expect(imported.warnings).toEqual([]);
  });
});

describe("import: what is missing is a warning and a default with its source", () => {
  it("an ethtool that could not read the rings or the RSS table", () => {
    const dir = join(tmp, "missing");
    cpSync(ENA, dir, { recursive: true });
    rmSync(join(dir, "ethtool", "eth0", "g.txt"));
    rmSync(join(dir, "ethtool", "eth0", "x.txt"));
    appendFileSync(join(dir, "errors"), "ethtool -g eth0: exit 94: Operation not supported \nethtool -x eth0: exit 94: Operation not supported \n");
    const imported = importScenario(readSnapshot(dir));
    expect(imported.warnings).toContain("nics.eth0.ringSize: ethtool -g eth0 exit 94: Operation not supported; using 1024");
    expect(imported.yaml).toContain("ringSize: 1024  # DEFAULT: ethtool -g eth0 exit 94: Operation not supported");
    expect(imported.warnings.some((w) => w.startsWith("nics.eth0.rss.indir: ethtool -x eth0 exit 94: Operation not supported; using the default table"))).toBe(true);
    expect(imported.yaml).toMatch(/^# Warnings:\n# {3}- nics\.eth0\.ringSize/m);
  });

  it("an unreadable file is one error naming it, its line and field", () => {
    const dir = join(tmp, "broken");
    cpSync(ENA, dir, { recursive: true });
    writeFileSync(join(dir, "ethtool", "eth0", "l.txt"), "Channel parameters for eth0:\nPre-set maximums:\nCombined:\teight\n");
    expect(() => readSnapshot(dir)).toThrow('ethtool/eth0/l.txt:3: Combined: "eight" is not a whole number');
  });
});
