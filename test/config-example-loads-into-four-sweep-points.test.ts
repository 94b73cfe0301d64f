import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../src/config/load.js";
import { MICROSOFT_RSS_KEY } from "../src/rss/key.js";

const PATH = "examples/ecs-16vcpu-udp.yaml";

describe("the ECS 16-vCPU UDP example", () => {
  const file = loadScenarioFile(PATH);

  it("loads into one point per queue count, in sweep order", () => {
    expect(file.source).toBe(PATH);
    expect(file.points.map((point) => point.params)).toEqual([{ queues: 1 }, { queues: 2 }, { queues: 4 }, { queues: 8 }]);
    expect(file.points.map((point) => point.scenario.nics[0].queues)).toEqual([1, 2, 4, 8]);
  });

  it("keeps the document as written, sweep included", () => {
    expect(file.raw).toMatchObject({ sweep: { queues: [1, 2, 4, 8] }, nics: [{ queues: 4 }] });
  });

  it("resolves host, NIC and IRQ fields into engine units", () => {
    const { scenario } = file.points[2];
    expect(scenario.profile).toBe("ecs");
    expect({ cpus: scenario.host.cpus, ghz: scenario.host.ghz }).toEqual({ cpus: 16, ghz: 2.5 });
    expect(scenario.irq).toEqual({ policy: "round-robin", driverHintNode: "none", firstIrq: 32, affinity: [], irqbalance: { deepestCache: 2, interval: 10, oneshot: false, migrateVal: 0, powerThresh: null, bannedIrqs: [], version: "1.9.2", listing: "kernfs" },
    });
    const nic = scenario.nics[0];
    expect(nic.name).toBe("eth0");
    expect(nic.maxQueues).toBe(8);
    expect(nic.ringSize).toBe(1024);
    expect(nic.addresses).toEqual([{ family: 4, words: [0x0a000013], length: 24, text: "10.0.0.19/24" }]);
    expect(nic.rss.indirSize).toBe(128);
    expect(Array.from(nic.rss.key)).toEqual(Array.from(MICROSOFT_RSS_KEY));
    expect(nic.rps.cpus).toEqual(["0", "0", "0", "0"]);
  });

  it("resolves the traffic: pools, ports, IMIX sizes, load and receiving NIC", () => {
    const { traffic } = file.points[0].scenario;
    expect(traffic.flows).toBe(10000);
    expect(traffic.src).toEqual([{ family: 4, words: [0x64400000], length: 10, text: "100.64.0.0/10" }]);
    expect(traffic.dst).toEqual([{ family: 4, words: [0x0a000013], length: 32, text: "10.0.0.19" }]);
    expect(traffic.protocol).toBe("udp");
    expect(traffic.srcPort).toEqual({ lo: 32768, hi: 60999 });
    expect(traffic.dstPort).toEqual({ lo: 53, hi: 53 });
    expect(traffic.weights).toEqual({ kind: "uniform" });
    expect(traffic.size).toEqual({ sizes: [64, 576, 1500], weights: [7, 4, 1], text: "imix" });
    expect(traffic.arrival).toBe("poisson");
    expect(traffic.load).toEqual({ pps: 2000000 });
    expect(traffic.nic).toBe(0);
  });

  it("converts run durations to ns", () => {
    for (const point of file.points) {
      expect(point.scenario.run).toEqual({ durationNs: 200_000_000, warmupNs: 20_000_000, seed: 1, replications: 1 });
    }
  });

  it("carries a comment header above the brief's content", () => {
    const text = readFileSync(PATH, "utf8");
    expect(text.split("\n")[0]).toMatch(/^# /);
    expect(text.split("\n")[1]).toBe("profile: ecs");
  });
});
