import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/config/errors.js";
import { runPoint, scenarioFrom, ZERO_COSTS } from "./engine-helpers.js";

/**
 * `traffic.network` (issue 5): public traffic meets the ingress/egress caps, private traffic the
 * internal bandwidth. `auto` (the default) decides by the source prefixes and refuses to guess
 * when they are partly private and partly public.
 */
function doc(src: string | string[], network?: string): Record<string, unknown> {
  return {
    profile: "ecs",
    host: { cpus: 4, ghz: 2.5 },
    nics: [{ name: "eth0", addresses: ["10.0.0.1/24"], queues: 4, ringSize: 4096 }],
    traffic: { flows: 64, src, dst: "10.0.0.1", size: 1000, arrival: "constant", load: { pps: 20_000 }, ...(network === undefined ? {} : { network }) },
    costs: { ...ZERO_COSTS, stackPerPacket: 500 },
    bandwidth: { egress: { mbps: 5 }, ingress: { burst: 3000 } },
    run: { duration: "100ms", warmup: "10ms", seed: 7 },
  };
}

describe("traffic.network", () => {
  it("auto: public sources meet the public cap, private ones the internal bandwidth", () => {
    expect(scenarioFrom(doc("198.51.100.0/24")).bandwidth?.ingress?.kind).toBe("public");
    expect(scenarioFrom(doc("172.16.5.0/24")).bandwidth?.ingress?.kind).toBe("internal");
  });

  it("private: public-looking peers inside the provider's network use the internal bandwidth, and nothing is capped at 100 Mbps", () => {
    const capped = runPoint(doc("198.51.100.0/24"));
    const inside = runPoint(doc("198.51.100.0/24", "private"));
    expect(capped.drops.ingressCap).toBeGreaterThan(0);
    expect(capped.bandwidth?.appliedCap).toBe("public");
    expect(inside.drops.ingressCap).toBe(0);
    expect(inside.bandwidth?.appliedCap).toBe("internal");
    expect(inside.delivered.pps).toBeGreaterThan(capped.delivered.pps * 1.5);
  });

  it("public: private sources meet the public caps", () => {
    const s = scenarioFrom(doc("10.1.0.0/16", "public"));
    expect(s.bandwidth?.ingress).toEqual(expect.objectContaining({ kind: "public", rateBps: 100e6 }));
    expect(runPoint(doc("10.1.0.0/16", "public")).drops.ingressCap).toBeGreaterThan(0);
  });

  it("auto refuses sources that are partly private and partly public; a wrong value names the field", () => {
    expect(() => scenarioFrom(doc(["10.0.0.0/8", "198.51.100.0/24"]))).toThrow(
      new ConfigError("traffic.network", `"auto" cannot tell which bandwidth traffic.src uses: its prefixes are partly private (RFC 1918 / ULA) and partly public; say public or private`),
    );
    expect(scenarioFrom(doc(["10.0.0.0/8", "198.51.100.0/24"], "public")).bandwidth?.ingress?.kind).toBe("public");
    expect(() => scenarioFrom(doc("10.0.0.0/8", "internal"))).toThrow(`traffic.network: "internal" must be one of "auto", "public", "private"`);
  });
});
