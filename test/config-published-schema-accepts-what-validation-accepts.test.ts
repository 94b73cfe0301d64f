import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { scenarioJsonSchema } from "../src/config/schema.js";
import { expandSweep } from "../src/config/sweep.js";
import { validateScenario } from "../src/config/validate.js";
import { properties, violation } from "./config-json-schema-lite.js";
import { at, minimalRaw, rawWith } from "./config-helpers.js";

const schema = scenarioJsonSchema() as Record<string, unknown>;

/** Documents validation accepts, covering every accepted form of every field. */
const ACCEPTED: Record<string, unknown>[] = [
  minimalRaw(),
  rawWith((r) => {
    r.profile = "none";
    r.host = { cpus: 4096, ghz: 10 };
    r.nics = [
      {
        name: "ens5:0",
        addresses: ["10.0.0.19/24", "2001:db8::19/64", "192.0.2.1"],
        maxQueues: 1024,
        queues: 2,
        ringSize: 65536,
        rss: { key: "ab".repeat(40), indirSize: 65536 },
        rps: { cpus: ["ff,00000000", "1"] },
      },
      { name: "eth1", rss: { key: Array(52).fill("0f").join(":"), indirSize: 1 }, rps: { cpus: " f\n" } },
    ];
    r.irq = { policy: "cpu0" };
    r.costs = { hardIrq: 0, pollOverhead: 1, driverPerPacket: 2.5, stackPerPacket: 3, perByte: 0, rpsEnqueue: 4, ipi: 5, distribution: "exponential" };
    r.kernel = { napiWeight: 1, netdevBudget: 1_000_000, netdevBudgetUsecs: 10_000_000, maxBacklog: 0, devWeight: 4096 };
    r.run = { duration: "1.5 s", warmup: "50\u00b5s", seed: 4294967295, replications: 1000 };
  }),
  rawWith((r) => {
    r.host = { cpus: 64 };
    Object.assign(at(r, "traffic"), {
      flows: 10_000_000,
      src: ["198.51.100.0/24", "203.0.113.7"],
      dst: ["10.0.0.0/8"],
      protocol: "tcp",
      srcPort: 0,
      dstPort: "1000-2000",
      weights: { zipf: 1.1 },
      size: { bytes: [64, 1500], weights: [0.9, 0.1] },
      arrival: "constant",
      load: { mbps: 200 },
      nic: "eth0",
    });
    r.sweep = { queues: [1, 2], "traffic.load.mbps": [100.5], "nics[0].rps.cpus": ["0", "f"] };
  }),
  rawWith((r) => Object.assign(at(r, "traffic"), { src: "2001:db8::/32", dst: "::1", size: [64, 65535], srcPort: "5-5" })),
  rawWith((r) => Object.assign(at(r, "traffic"), { size: "imix", weights: "uniform", dstPort: 65535 })),
];

describe("the published schema accepts what validation accepts", () => {
  it("the ECS example file", () => {
    const example: unknown = parse(readFileSync("examples/ecs-16vcpu-udp.yaml", "utf8"));
    expect(violation(schema, example)).toBeUndefined();
  });

  it.each(ACCEPTED.map((raw, i) => [i, raw] as const))("accepted document %i", (_i, raw) => {
    expect(() => expandSweep(raw)).not.toThrow();
    expect(violation(schema, raw)).toBeUndefined();
  });

  it("and rejects what single-field rules reject", () => {
    const rejected: Record<string, unknown>[] = [
      rawWith((r) => (at(r, "host").foo = 1)),
      rawWith((r) => (at(r, "traffic").load = { pps: 0 })),
      rawWith((r) => (at(r, "traffic").load = { pps: 1, mbps: 1 })),
      rawWith((r) => (r.run = { duration: 0.2 })),
      rawWith((r) => (r.nics = [{ name: "a name with spaces" }])),
      rawWith((r) => (r.nics = [{ name: "eth0", rss: { indirSize: 100 } }])),
      rawWith((r) => (r.nics = [{ name: "eth0", rps: { cpus: 3 } }])),
      rawWith((r) => (at(r, "traffic").size = "jumbo")),
      rawWith((r) => delete r.host),
    ];
    for (const raw of rejected) {
      expect(() => validateScenario(raw)).toThrow();
      expect(violation(schema, raw)).toBeDefined();
    }
  });

  it("every property has a description", () => {
    const missing = [...properties(schema)].filter(([, sub]) => typeof sub.description !== "string").map(([path]) => path);
    expect(missing).toEqual([]);
  });
});
