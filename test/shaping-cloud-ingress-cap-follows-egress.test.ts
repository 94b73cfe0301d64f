import { describe, expect, it } from "vitest";
import {
  ShapingParamError,
  arpBackgroundPps,
  ecsIngressMbps,
  egressCapProblem,
  mbpsToBps,
  resolveBandwidth,
} from "../src/shaping/index.js";

/** docs/cloud-profile.md "Bandwidth": egress ≤ 200 Mbps; ingress 100 while egress < 100, = egress above. */
describe("under the ecs profile the ingress cap follows the egress bought", () => {
  it.each([
    [5, 100],
    [99, 100],
    [100, 100],
    [100.5, 100.5],
    [150, 150],
    [200, 200],
  ])("egress %d Mbps → ingress %d Mbps (derived)", (egress, ingress) => {
    expect(ecsIngressMbps(egress)).toBe(ingress);
    const bw = resolveBandwidth("ecs", { egressMbps: egress });
    expect([bw.egressMbps, bw.ingressMbps, bw.ingressSource]).toEqual([egress, ingress, "derived"]);
  });

  it("egress 201 Mbps is an error naming the field, the value and the limit", () => {
    expect(egressCapProblem(201, "ecs")).toMatch(/^201 Mbps exceeds .* \(200 Mbps\)/);
    let error: unknown;
    try {
      resolveBandwidth("ecs", { egressMbps: 201 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ShapingParamError);
    expect((error as ShapingParamError).key).toBe("egressMbps");
    expect((error as ShapingParamError).message).toMatch(/^egressMbps: 201 Mbps exceeds/);
  });

  it("non-positive or non-numeric figures are errors under either profile", () => {
    for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(egressCapProblem(bad, "ecs")).toMatch(/not a positive number of Mbps/);
      expect(egressCapProblem(bad, "none")).toMatch(/not a positive number of Mbps/);
    }
  });

  it("an explicit ingress may be lower than the derived cap, not higher, and needs an egress figure", () => {
    expect(resolveBandwidth("ecs", { egressMbps: 5, ingressMbps: 20 })).toMatchObject({ ingressMbps: 20, ingressSource: "given" });
    expect(() => resolveBandwidth("ecs", { egressMbps: 5, ingressMbps: 101 })).toThrow(/ingressMbps: 101 Mbps exceeds the ecs ingress cap for 5 Mbps egress \(100 Mbps/);
    expect(() => resolveBandwidth("ecs", { egressMbps: 150, ingressMbps: 151 })).toThrow(/ingressMbps/);
    expect(() => resolveBandwidth("ecs", { ingressMbps: 50 })).toThrow(/needs egress\.mbps/);
  });

  it("internal bandwidth: 1, 10 or 25 Gbps under ecs (default 10); any positive figure under none", () => {
    expect(resolveBandwidth("ecs", { egressMbps: 5 }).internalGbps).toBe(10);
    for (const tier of [1, 10, 25]) expect(resolveBandwidth("ecs", { internalGbps: tier }).internalGbps).toBe(tier);
    expect(() => resolveBandwidth("ecs", { internalGbps: 40 })).toThrow(/internalGbps: 40 is not an ecs internal bandwidth tier/);
    expect(resolveBandwidth("none", { internalGbps: 40 }).internalGbps).toBe(40);
    expect(resolveBandwidth("none", {}).internalGbps).toBeNull();
  });

  it("profile none: no 200 Mbps limit, no derived ingress, no ARP background", () => {
    const bw = resolveBandwidth("none", { egressMbps: 1000 });
    expect(bw).toMatchObject({ egressMbps: 1000, ingressMbps: null, ingressSource: "none", arpBackgroundBps: 0 });
  });

  it("no bandwidth section: no caps at all (the report should say so)", () => {
    expect(resolveBandwidth("ecs", undefined)).toMatchObject({ egressMbps: null, ingressMbps: null, internalGbps: null, arpBackgroundBps: 0 });
  });

  it("the ~200 Kbps ARP background: on under ecs with a bandwidth section, 416.67 pps of 60-byte frames", () => {
    expect(resolveBandwidth("ecs", { egressMbps: 5 }).arpBackgroundBps).toBe(200_000);
    expect(resolveBandwidth("ecs", { egressMbps: 5, arpBackground: false }).arpBackgroundBps).toBe(0);
    expect(arpBackgroundPps(60)).toBeCloseTo(416.6667, 3);
    expect(arpBackgroundPps(64)).toBe(390.625);
    expect(arpBackgroundPps()).toBe(arpBackgroundPps(60));
  });

  it("Mbps are 10^6 bit/s, rounded to whole bits", () => {
    expect(mbpsToBps(5)).toBe(5_000_000);
    expect(mbpsToBps(1.1)).toBe(1_100_000); // 1.1 × 1e6 = 1100000.0000000002 in doubles
  });
});
