/**
 * Per-flow route verdicts (what the engine will use): on the elastic-NIC host, a flow to an
 * address is delivered and its reply leaves by the NIC owning that address; arriving on the
 * other NIC it fails the strict reverse-path check; traffic for other hosts is dropped when
 * the host does not forward and goes out a NIC when it does; rule and route failures name
 * their cause; the rules evaluated are counted.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { compileRouting, routeFlow } from "../src/routing/index.js";
import type { RoutingConfig } from "../src/routing/index.js";

const example = parse(readFileSync("examples/routing-two-enis.yaml", "utf8")) as { routing: { batch: string; sysctls: Record<string, string> } };

function host(extraBatch = "", sysctls: Record<string, string> = example.routing.sysctls): ReturnType<typeof compileRouting> {
  const config: RoutingConfig = {
    family: 4,
    devices: [
      { name: "eth1", state: "up" },
      { name: "eth2", state: "up" },
    ],
    sysctls,
    batch: example.routing.batch + extraBatch,
  };
  return compileRouting(config);
}

const flow = { family: 4 as const, src: 0xc6336407n, dst: 0x0a000015n, iif: "eth2", proto: 6, sport: 40000, dport: 443 };

describe("per-flow route verdicts", () => {
  it("deliver here and reply out of the NIC that owns the address", () => {
    const v = routeFlow(host(), flow);
    expect(v).toMatchObject({ verdict: "local", outDev: "eth2", replySource: 0x0a000015n, cause: undefined, replyCause: undefined });
    // input: the local rule answers (1); reply: local, then `from 10.0.0.21 lookup 1002` (2)
    expect(v.rulesEvaluated).toBe(3);
    expect(routeFlow(host(), { ...flow, dst: 0x0a000014n, iif: "eth1" })).toMatchObject({ verdict: "local", outDev: "eth1", replySource: 0x0a000014n });
  });

  it("drop a flow that arrives on the other NIC under strict rp_filter", () => {
    expect(routeFlow(host(), { ...flow, iif: "eth1" })).toMatchObject({ verdict: "drop", cause: "rpFilter" });
    expect(routeFlow(host("", {}), { ...flow, iif: "eth1" })).toMatchObject({ verdict: "local", outDev: "eth2" });
  });

  it("forward only when the host forwards", () => {
    const transit = { ...flow, dst: 0x08080808n };
    expect(routeFlow(host(), transit)).toMatchObject({ verdict: "drop", cause: "notForwarding" });
    expect(routeFlow(host("", { "net.ipv4.ip_forward": "1" }), transit)).toMatchObject({ verdict: "forward", outDev: "eth1" });
  });

  it("name the cause of a failure", () => {
    const h = host("\nrule add pref 10 to 8.8.8.0/24 blackhole\nrule add pref 11 to 8.8.4.0/24 prohibit\nroute add unreachable 9.9.9.0/24", { "net.ipv4.ip_forward": "1" });
    expect(routeFlow(h, { ...flow, dst: 0x08080808n })).toMatchObject({ verdict: "drop", cause: "blackhole" });
    expect(routeFlow(h, { ...flow, dst: 0x08080404n })).toMatchObject({ verdict: "drop", cause: "prohibit" });
    expect(routeFlow(h, { ...flow, dst: 0x09090909n })).toMatchObject({ verdict: "drop", cause: "unreachable" });
    expect(routeFlow(h, { ...flow, src: 0x7f000001n })).toMatchObject({ verdict: "drop", cause: "martian" });
  });
});
