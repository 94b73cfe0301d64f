// The engine's plan picks the hash input of the traffic's flow type (udp4, tcp4, udp6, tcp6)
// from nics[].rss.fields and the table from nics[].rss.indir; defaults keep the 4-tuple and the
// round-robin fill, so existing scenarios hash exactly as before.
import { describe, expect, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { compileFlowRss } from "../src/engine/plan.js";
import { MICROSOFT_RSS_KEY, fillIndirection, hashIpv4, hashIpv4Ports, hashIpv6, parseIndirSpec, toeplitzTable } from "../src/rss/index.js";
import { at, rawWith } from "./config-helpers.js";

const table = toeplitzTable(MICROSOFT_RSS_KEY);

describe("the plan hashes each flow type on its own fields", () => {
  it("defaults: the 4-tuple and i mod queues", () => {
    const rss = compileFlowRss(validateScenario(rawWith((r) => (r.nics = [{ name: "eth0", queues: 3 }]))), 5);
    expect(rss.flowType).toBe("udp4");
    expect(rss.form).toBe("ipv4-sdfn");
    for (let f = 0; f < rss.flows.count; f++) {
      const h = hashIpv4Ports(table, rss.flows.src[f], rss.flows.dst[f], rss.flows.sport[f], rss.flows.dport[f]);
      expect(rss.flowHash[f]).toBe(h);
      expect(rss.flowNicQueue[f]).toBe((h % 128) % 3);
    }
  });

  it("udp4: sd hashes addresses only; tcp traffic keeps tcp4's sdfn", () => {
    const udp = compileFlowRss(validateScenario(rawWith((r) => (r.nics = [{ name: "eth0", rss: { fields: { udp4: "sd" } } }]))), 5);
    expect(udp.form).toBe("ipv4-sd");
    for (let f = 0; f < udp.flows.count; f++) expect(udp.flowHash[f]).toBe(hashIpv4(table, udp.flows.src[f], udp.flows.dst[f]));

    const tcp = compileFlowRss(
      validateScenario(
        rawWith((r) => {
          r.nics = [{ name: "eth0", rss: { fields: { udp4: "sd" } } }];
          at(r, "traffic").protocol = "tcp";
        }),
      ),
      5,
    );
    expect([tcp.flowType, tcp.form]).toEqual(["tcp4", "ipv4-sdfn"]);
  });

  it("udp6: sd on IPv6 addresses", () => {
    const rss = compileFlowRss(
      validateScenario(
        rawWith((r) => {
          r.nics = [{ name: "eth0", rss: { fields: { udp6: "sd" } } }];
          Object.assign(at(r, "traffic"), { src: "2001:db8::/64", dst: "2001:db8:1::1" });
        }),
      ),
      5,
    );
    expect([rss.flowType, rss.form]).toEqual(["udp6", "ipv6-sd"]);
    const w = rss.flows.src;
    for (let f = 0; f < 20; f++) expect(rss.flowHash[f]).toBe(hashIpv6(table, w.subarray(4 * f, 4 * f + 4), rss.flows.dst.subarray(4 * f, 4 * f + 4)));
  });

  it("a user table: queue = table[hash mod size]", () => {
    const rss = compileFlowRss(validateScenario(rawWith((r) => (r.nics = [{ name: "eth0", queues: 3, rss: { indirSize: 16, indir: "weight 1 2 1" } }]))), 5);
    const indir = fillIndirection(parseIndirSpec("weight 1 2 1"), 16, 3);
    expect(Array.from(rss.indir)).toEqual(Array.from(indir));
    for (let f = 0; f < rss.flows.count; f++) expect(rss.flowNicQueue[f]).toBe(indir[rss.flowHash[f] % 16]);
  });
});
