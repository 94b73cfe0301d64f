import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../src/config/load.js";
import { runScenario } from "../src/pool/run-scenario.js";
import { runPoint, scenarioFrom } from "./engine-helpers.js";

/**
 * RFS in the simulated path (examples/rfs-follows-the-application.yaml): it steers only flows
 * whose socket records a CPU — TCP in ESTABLISHED, or a connected UDP socket
 * (sock_rps_record_flow in include/net/sock.h; __udp_queue_rcv_skb in net/ipv4/udp.c saves the
 * flow hash only when inet_daddr is set). An unconnected UDP server gets plain RPS.
 */
describe("RFS in the simulated path (examples/rfs-follows-the-application.yaml)", () => {
  const result = runScenario(loadScenarioFile("examples/rfs-follows-the-application.yaml"));
  const processed = (protocol: string, entries: number): number[] => {
    const point = result.points.find((p) => p.params["traffic.protocol"] === protocol && p.params["kernel.rpsSockFlowEntries"] === entries);
    if (point === undefined) throw new Error(`no point for ${protocol} ${entries}`);
    expect(point.conservation.ok).toBe(true);
    return point.perCpu.map((c) => c.softnet.processed);
  };
  const share = (counts: number[], cpus: number[]): number =>
    cpus.reduce((s, c) => s + counts[c], 0) / counts.reduce((a, b) => a + b, 0);

  it("without the sock flow table, plain RPS spreads the stack work over CPUs 1-7", () => {
    for (const protocol of ["udp", "tcp"]) {
      const counts = processed(protocol, 0);
      expect(counts[0]).toBe(0);
      for (let c = 1; c <= 7; c++) expect(counts[c] / counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.1);
    }
  });

  it("with it, the stack work of TCP connections follows the application to CPUs 4-7", () => {
    expect(share(processed("tcp", 32768), [4, 5, 6, 7])).toBeGreaterThan(0.95);
  });

  it("with it, an unconnected UDP server's packets still follow plain RPS, exactly", () => {
    // The same job (same seed) with and without the sock flow table: every CPU processes exactly
    // the same packets, and CPUs 4-7 keep 4 of the 7 RPS CPUs' share (≈ 0.57), not ~all of it.
    const raw = loadScenarioFile("examples/rfs-follows-the-application.yaml").raw as Record<string, unknown>;
    const { sweep: _sweep, ...base } = raw;
    const run = (entries: number): number[] => runPoint({ ...base, kernel: { rpsSockFlowEntries: entries } }).perCpu.map((c) => c.softnet.processed);
    expect(run(32768)).toEqual(run(0));
    expect(share(run(32768), [4, 5, 6, 7])).toBeLessThan(0.7);
    expect(share(processed("udp", 32768), [4, 5, 6, 7])).toBeLessThan(0.7);
  });

  it("a connected UDP socket is steered like TCP; a TCP socket cannot be unconnected", () => {
    const raw = loadScenarioFile("examples/rfs-follows-the-application.yaml").raw as Record<string, unknown>;
    const { sweep: _sweep, ...base } = raw;
    const traffic = base.traffic as Record<string, unknown>;
    const counts = runPoint({ ...base, traffic: { ...traffic, socket: "connected" } }).perCpu.map((c) => c.softnet.processed);
    expect(share(counts, [4, 5, 6, 7])).toBeGreaterThan(0.95);
    expect(() => scenarioFrom({ ...base, traffic: { ...traffic, protocol: "tcp", socket: "unconnected" } })).toThrow(/^traffic\.socket: "unconnected" is a UDP socket mode/);
  });
});
