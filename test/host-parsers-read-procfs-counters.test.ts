import { describe, expect, it } from "vitest";
import { cpuinfoGhz, parseLscpuParse, parseProcNetDev, parseProcNetSnmp, parseProcSoftirqs, parseProcStat, parseSoftnetStat } from "../src/host/index.js";
import { fixture } from "./host-helpers.js";

describe("softnet_stat", () => {
  it("reads 9 columns (2.6.x): no received_rps, CPU by line", () => {
    const s = parseSoftnetStat(...fixture("softnet-9.txt"));
    expect(s.columns).toBe(9);
    expect(s.cpuIdKnown).toBe(false);
    expect(s.cpus[0]).toMatchObject({ cpu: 0, processed: 0xb2a1, dropped: 0, timeSqueeze: 3, receivedRps: null, flowLimit: null });
    expect(s.cpus[1]).toMatchObject({ cpu: 1, processed: 0x1f00, dropped: 2 });
  });
  it("reads 11 columns (received_rps, flow_limit_count)", () => {
    const s = parseSoftnetStat(...fixture("softnet-11.txt"));
    expect(s.cpus[0]).toMatchObject({ receivedRps: 16, flowLimit: 0 });
    expect(s.cpus[1]).toMatchObject({ flowLimit: 1 });
  });
  it("reads 13 columns and takes the CPU id from column 13 (CPU 1 offline: lines are CPUs 0 and 2)", () => {
    const s = parseSoftnetStat(...fixture("softnet-13-cpu1-offline.txt"));
    expect(s.cpuIdKnown).toBe(true);
    expect(s.cpus.map((c) => c.cpu)).toEqual([0, 2]);
  });
  it("reads 15 columns (this machine's kernel)", () => {
    const s = parseSoftnetStat(...fixture("softnet-15.txt"));
    expect(s.columns).toBe(15);
    expect(s.cpus.map((c) => c.cpu)).toEqual([0, 1]);
  });
  it("refuses a width no kernel prints, naming file and line", () => {
    expect(() => parseSoftnetStat("00000001 00000000 00000000\n", "softnet_stat")).toThrow(/^softnet_stat:1: 3 columns; softnet_stat has 9, 10, 11, 13 or 15/);
  });
});

describe("/proc/stat, /proc/softirqs, /proc/net/dev, /proc/net/snmp, lscpu, cpuinfo", () => {
  it("reads per-CPU irq and softirq ticks", () => {
    const ticks = parseProcStat(...fixture("proc-stat.txt"));
    expect(ticks.map((t) => t.cpu)).toEqual([0, 1]);
    expect(ticks[0].softirq).toBeGreaterThanOrEqual(0);
  });
  it("reads NET_RX per CPU", () => {
    const rx = parseProcSoftirqs(...fixture("proc-softirqs.txt"));
    expect([...rx.keys()]).toEqual([0, 1]);
  });
  it("reads device counters and snmp pairs", () => {
    expect(parseProcNetDev(...fixture("proc-net-dev.txt")).get("lo")).toBeDefined();
    const snmp = parseProcNetSnmp(...fixture("proc-net-snmp.txt"));
    expect(snmp.has("Udp.InDatagrams")).toBe(true);
    expect(snmp.has("Tcp.InSegs")).toBe(true);
  });
  it("reads lscpu -p rows, SMT siblings listed after every first thread", () => {
    const rows = parseLscpuParse(...fixture("lscpu-p-2socket-smt.txt"));
    expect(rows).toHaveLength(8);
    expect(rows[4]).toEqual({ cpu: 4, core: 0, socket: 0, node: 0 });
  });
  it("takes the clock from the model name, else cpu MHz", () => {
    expect(cpuinfoGhz("model name\t: Intel(R) Xeon(R) Platinum 8269CY CPU @ 2.50GHz\ncpu MHz\t\t: 3200.000\n")).toEqual({ ghz: 2.5, from: "model name" });
    expect(cpuinfoGhz("model name\t: AMD EPYC 7K62\ncpu MHz\t\t: 2595.124\n")).toEqual({ ghz: 2.595, from: "cpu MHz" });
  });
});
