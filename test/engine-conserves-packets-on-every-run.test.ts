import { beforeAll, describe, expect, it } from "vitest";
import type { PointResult } from "../src/report/result-model.js";
import { runPoints } from "./engine-helpers.js";

/**
 * Every packet offered in the measurement window is, at the end, delivered, dropped at a full
 * rx ring, dropped at a full backlog, or still in flight (ring, backlog, on a CPU) — on every
 * kind of run: 1 to 8 queues, overload, tiny rings, IPv6, Zipf, constant arrivals, several NICs,
 * all IRQs on CPU 0, RPS with and without backlog drops, with and without warm-up.
 */

/** 8 CPUs, one NIC, 500 UDP flows at 3 Mpps (3× one CPU's capacity), 4 ms measured after 1 ms. */
function base(edit: (raw: Record<string, unknown>) => void = () => {}): Record<string, unknown> {
  const raw: Record<string, unknown> = {
    host: { cpus: 8 },
    nics: [{ name: "eth0", addresses: ["10.0.0.1/24"], queues: 4, ringSize: 256 }],
    traffic: { flows: 500, src: "192.0.2.0/24", dst: "10.0.0.1", load: { pps: 3000000 } },
    run: { duration: "5ms", warmup: "1ms" },
  };
  edit(raw);
  return raw;
}

const nic = (raw: Record<string, unknown>): Record<string, unknown> => (raw.nics as Record<string, unknown>[])[0];
const traffic = (raw: Record<string, unknown>): Record<string, unknown> => raw.traffic as Record<string, unknown>;
const run = (raw: Record<string, unknown>): Record<string, unknown> => raw.run as Record<string, unknown>;

const CASES: ReadonlyArray<readonly [name: string, raw: Record<string, unknown>]> = [
  ["1 queue in overload (ring drops)", base((r) => (nic(r).queues = 1))],
  ["2 queues", base((r) => (nic(r).queues = 2))],
  ["4 queues", base()],
  ["8 queues", base((r) => (nic(r).queues = 8))],
  ["tiny rings of 2", base((r) => Object.assign(nic(r), { queues: 2, ringSize: 2 }))],
  ["a ring of 1 with every cost zero", base((r) => Object.assign(r, { costs: { hardIrq: 0, pollOverhead: 0, driverPerPacket: 0, stackPerPacket: 0, perByte: 0 } }, { nics: [{ name: "eth0", addresses: ["10.0.0.1/24"], ringSize: 1 }] }))],
  [
    "IPv6 traffic",
    base((r) => {
      nic(r).addresses = ["2001:db8:1::1/64"];
      Object.assign(traffic(r), { src: "2001:db8::/64", dst: "2001:db8:1::1" });
    }),
  ],
  ["Zipf flow weights", base((r) => (traffic(r).weights = { zipf: 1.2 }))],
  ["constant arrivals", base((r) => (traffic(r).arrival = "constant"))],
  ["IMIX sizes and exponential costs", base((r) => Object.assign(r, { costs: { distribution: "exponential" } }, { traffic: { ...traffic(r), size: "imix" } }))],
  [
    "two NICs, traffic to the second",
    base((r) => {
      r.nics = [
        { name: "eth0", addresses: ["10.0.0.1/24"], queues: 2 },
        { name: "eth1", addresses: ["10.1.0.1/24"], queues: 3, ringSize: 64 },
      ];
      traffic(r).dst = "10.1.0.1";
    }),
  ],
  ["every IRQ on CPU 0", base((r) => (r.irq = { policy: "cpu0" }))],
  ["RPS from 1 queue to CPUs 0-3", base((r) => Object.assign(nic(r), { queues: 1, rps: { cpus: "f" } }))],
  [
    "RPS with maxBacklog 5 (backlog drops)",
    base((r) => {
      Object.assign(nic(r), { queues: 1, rps: { cpus: "e" } });
      r.kernel = { maxBacklog: 5 };
    }),
  ],
  ["RPS masks per queue, one queue without", base((r) => Object.assign(nic(r), { queues: 2, rps: { cpus: ["f0", "0"] } }))],
  ["no warm-up", base((r) => (run(r).warmup = "0s"))],
  ["no warm-up, RPS with drops", base((r) => Object.assign(r, { kernel: { maxBacklog: 2 } }, { run: { duration: "3ms" } }, { nics: [{ name: "eth0", addresses: ["10.0.0.1/24"], rps: { cpus: "2" } }] }))],
  ["2 replications", base((r) => (run(r).replications = 2))],
  ["a sweep over queues", base((r) => (r.sweep = { queues: [1, 3] }))],
];

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

function check(name: string, p: PointResult): void {
  const where = `${name} ${JSON.stringify(p.params)}`;
  const { conservation: c, drops } = p;
  expect(c.ok, where).toBe(true);
  expect(c.offered, where).toBe(p.offered.packets);
  expect(c.delivered, where).toBe(p.delivered.packets);
  expect(p.offered.packets, where).toBe(p.delivered.packets + drops.rxRing + drops.backlog + c.inFlight);
  expect(c.dropped, where).toBe(drops.total);
  expect(drops.total, where).toBe(drops.rxRing + drops.backlog);
  // Drops by cause: ring drops are counted per queue, backlog drops per target CPU.
  expect(sum(p.perQueue.map((q) => q.drops)), where).toBe(drops.rxRing);
  expect(sum(p.perCpu.map((cpu) => cpu.softnet.dropped)), where).toBe(drops.backlog);
  // Every delivered packet finished its stack work on exactly one CPU.
  expect(sum(p.perCpu.map((cpu) => cpu.softnet.processed)), where).toBe(p.delivered.packets);
  for (const cpu of p.perCpu) expect(cpu.packets, where).toBe(cpu.softnet.processed);
  for (const n of [p.delivered.packets, drops.rxRing, drops.backlog, c.inFlight]) expect(n, where).toBeGreaterThanOrEqual(0);
  expect(p.offered.packets, where).toBeGreaterThan(0);
}

describe("the engine conserves packets on every run", () => {
  let results: ReadonlyArray<readonly [string, readonly PointResult[]]> = [];
  beforeAll(() => {
    results = CASES.map(([name, raw]) => [name, runPoints(raw)] as const);
  });

  it("offered = delivered + ring drops + backlog drops + in flight, and the breakdowns add up", () => {
    for (const [name, points] of results) for (const p of points) check(name, p);
  });

  it("the table exercises every kind of loss", () => {
    const all = results.flatMap(([, points]) => points);
    expect(all.some((p) => p.drops.rxRing > 0)).toBe(true);
    expect(all.some((p) => p.drops.backlog > 0)).toBe(true);
    expect(all.some((p) => p.drops.total === 0)).toBe(true);
    expect(all.some((p) => p.conservation.inFlight > 0)).toBe(true);
  });

  it("every packet delivered or dropped at a backlog was polled from a ring; without warm-up, no more than entered", () => {
    for (const [name, points] of results) {
      for (const p of points) {
        const polled = sum(p.perCpu.map((cpu) => cpu.polled));
        expect(polled, name).toBeGreaterThanOrEqual(p.delivered.packets + p.drops.backlog);
        if (name.startsWith("no warm-up")) expect(polled, name).toBeLessThanOrEqual(sum(p.perQueue.map((q) => q.packets)));
      }
    }
  });

  /**
   * Regression: arrivals enter rings lazily, at their IRQ CPU's next step; arrivals after that
   * CPU's last step but before the end must still meet their ring (accepted or dropped), or a
   * queue's packets + drops fall short of what arrived and in-flight exceeds what rings hold.
   */
  it("every offered packet is either accepted into its ring or dropped there", () => {
    for (const [name, points] of results) {
      for (const p of points) expect(sum(p.perQueue.map((q) => q.packets + q.drops)), `${name} ${JSON.stringify(p.params)}`).toBe(p.offered.packets);
    }
  });
});
