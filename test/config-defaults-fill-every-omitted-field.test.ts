import { describe, expect, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { MICROSOFT_RSS_KEY } from "../src/rss/key.js";
import { minimalRaw, rawWith } from "./config-helpers.js";

describe("defaults fill every omitted field", () => {
  const scenario = validateScenario(minimalRaw());

  it("profile, host clock and IRQ policy", () => {
    expect(scenario.profile).toBe("ecs");
    expect({ cpus: scenario.host.cpus, ghz: scenario.host.ghz }).toEqual({ cpus: 4, ghz: 2.5 });
    // No topology given: one socket of single-thread cores, NIC node unknown.
    expect([scenario.host.topology.cpus.length, scenario.host.topology.nicNode]).toEqual([4, -1]);
    expect(scenario.irq).toEqual({ policy: "round-robin", driverHintNode: "none", firstIrq: 32, affinity: [], irqbalance: { deepestCache: 2, interval: 10, oneshot: false, migrateVal: 0, powerThresh: null, bannedIrqs: [], version: "1.9.2", listing: "kernfs" },
    });
  });

  it("NIC: one queue, maxQueues = queues, 1024 descriptors, Microsoft key, 128 entries, RPS off", () => {
    const nic = scenario.nics[0];
    expect(nic).toMatchObject({ name: "eth0", addresses: [], maxQueues: 1, queues: 1, driver: "rx-only", ringSize: 1024, gro: true });
    expect(Array.from(nic.rss.key)).toEqual(Array.from(MICROSOFT_RSS_KEY));
    expect(nic.rss.indirSize).toBe(128);
    expect(nic.rps.cpus).toEqual(["0"]);
    expect(nic.rps.flowCnt).toBe(0);
  });

  it("SMT siblings run at host.topology.smtSpeed 0.6 while both are busy; a host without siblings at 1", () => {
    expect(scenario.host.smtSpeed).toBe(1);
    const smt = validateScenario(rawWith((raw) => (raw.host = { cpus: 4, topology: { sockets: 1, coresPerSocket: 2, threadsPerCore: 2 } })));
    expect(smt.host.smtSpeed).toBe(0.6);
    const set = validateScenario(rawWith((raw) => (raw.host = { cpus: 4, topology: { sockets: 1, coresPerSocket: 2, threadsPerCore: 2, smtSpeed: 0.55 } })));
    expect(set.host.smtSpeed).toBe(0.55);
  });

  it("maxQueues follows queues when only queues is given", () => {
    const nic = validateScenario(rawWith((raw) => (raw.nics = [{ name: "eth0", queues: 6 }]))).nics[0];
    expect(nic.maxQueues).toBe(6);
    expect(nic.rps.cpus).toEqual(["0", "0", "0", "0", "0", "0"]);
  });

  it("traffic: 1000 uniform UDP flows of 64 bytes from ephemeral ports to port 53, Poisson", () => {
    expect(scenario.traffic).toMatchObject({
      flows: 1000,
      protocol: "udp",
      srcPort: { lo: 32768, hi: 60999 },
      dstPort: { lo: 53, hi: 53 },
      weights: { kind: "uniform" },
      size: { sizes: [64], weights: [1], text: "64" },
      arrival: "poisson",
      nic: 0,
      bulk: null,
    });
  });

  it("traffic.bulk: 64 KiB bursts of 1448-byte segments on a 25 Gbit/s link, frames of the segment plus 66 header bytes", () => {
    const raw = rawWith((r) => Object.assign(r.traffic as Record<string, unknown>, { protocol: "tcp", size: undefined, bulk: {} }));
    delete (raw.traffic as Record<string, unknown>).size;
    const traffic = validateScenario(raw).traffic;
    expect(traffic.bulk).toEqual({ segment: 1448, train: 45, frameBytes: 1514, spacingNs: ((1514 + 20) * 8) / 25 });
    expect(traffic.size.sizes).toEqual([1514]);
  });

  it("tcp traffic defaults to destination port 80", () => {
    const raw = rawWith((r) => ((r.traffic as Record<string, unknown>).protocol = "tcp"));
    expect(validateScenario(raw).traffic.dstPort).toEqual({ lo: 80, hi: 80 });
  });

  it("costs in CPU cycles", () => {
    expect(scenario.costs).toEqual({
      hardIrq: 2500,
      pollOverhead: 600,
      driverPerPacket: 450,
      stackPerPacket: 1900,
      perByte: 0.25,
      rpsEnqueue: 200,
      ipi: 2500,
      routeRule: 30,
      numaRemotePercent: 25,
      rpsCrossNode: 400,
      groPerSegment: 150,
      txCompletion: 400,
      distribution: "fixed",
    });
  });

  it("kernel sysctls, with netdev_budget_usecs stored in ns", () => {
    expect(scenario.kernel).toEqual({
      napiWeight: 64,
      netdevBudget: 300,
      netdevBudgetNs: 2_000_000,
      maxBacklog: 1000,
      rpsSockFlowEntries: 0,
      devWeight: 64,
    });
  });

  it("run: 100 ms, no warm-up, seed 1, one replication", () => {
    expect(scenario.run).toEqual({ durationNs: 100_000_000, warmupNs: 0, seed: 1, replications: 1 });
  });
});
