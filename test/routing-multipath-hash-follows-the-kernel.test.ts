/**
 * The multipath hash's parts against outside references: SipHash-2-4 against the test vectors
 * of its paper (Aumasson & Bernstein, appendix A: key 00..0f, messages 00.., 64-bit results),
 * the slices `fib_rebalance` gives weighted paths, and a flow's path in the simulated packet
 * path following the same hash as `route get` — spread over the paths by weight. (The hash
 * itself is checked against the kernel by the conformance cases and the kernel test.)
 */
import { describe, expect, it } from "vitest";
import { compileRouting, routeFlow } from "../src/routing/index.js";
import { siphash24, upperBounds } from "../src/routing/lookup/multipath-hash.js";
import { Prng } from "../src/traffic/prng.js";

const K0 = 0x0706050403020100n;
const K1 = 0x0f0e0d0c0b0a0908n;
const message = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => i);

describe("the multipath hash", () => {
  it("is SipHash-2-4 as its paper's vectors say", () => {
    expect(siphash24(K0, K1, message(0))).toBe(0x726fdb47dd0e0e31n);
    expect(siphash24(K0, K1, message(1))).toBe(0x74f839c593dc67fdn);
    expect(siphash24(K0, K1, message(8))).toBe(0x93f5f5799a932462n);
    expect(siphash24(K0, K1, message(15))).toBe(0xa129ca6149be45e5n);
    expect(siphash24(K0, K1, message(63))).toBe(0x958a324ceb064572n);
  });

  it("gives live paths slices of 2^31 in proportion to their weights, dead ones none", () => {
    expect(upperBounds([1, 1], [true, true])).toEqual([2 ** 30 - 1, 2 ** 31 - 1]);
    expect(upperBounds([1, 3, 2], [true, true, true])).toEqual([357913940, 1431655764, 2147483647]);
    expect(upperBounds([1, 3, 2], [true, false, true])).toEqual([715827882, -1, 2147483647]);
  });

  it("sends each flow's reply out the path route get names, spreading flows by weight", () => {
    const tables = compileRouting({
      family: 4,
      devices: [
        { name: "eth0", state: "up" },
        { name: "eth1", state: "up" },
      ],
      sysctls: { "net.ipv4.fib_multipath_hash_seed": "7", "net.ipv4.fib_multipath_hash_policy": "1" },
      batch: "addr add 10.0.0.19/24 dev eth0\naddr add 10.1.0.19/24 dev eth1\naddr add 192.0.2.10/32 dev lo\nroute add default nexthop via 10.0.0.1 weight 1 nexthop via 10.1.0.1 weight 3",
    });
    const rng = new Prng(42, 1);
    const count = new Map<string, number>();
    const flows = 1000;
    for (let i = 0; i < flows; i++) {
      const src = 0xc6336400n + BigInt(rng.nextBelow(256)); // 198.51.100.x
      const sport = 1024 + rng.nextBelow(60000);
      // to 192.0.2.10 (on lo): the reply's source belongs to neither path, so the hash decides
      const r = routeFlow(tables, { family: 4, src, dst: 0xc000020an, iif: "eth0", proto: 6, sport, dport: 443 });
      expect(r.verdict).toBe("local");
      const dev = r.outDev ?? "none";
      count.set(dev, (count.get(dev) ?? 0) + 1);
      if (i < 20) {
        // the reply: from our address to the flow's source, ports swapped, TCP
        const q = `198.51.100.${Number(src & 0xffn)} from 192.0.2.10 ipproto tcp sport 443 dport ${sport}`;
        const g = tables.get(q);
        expect(g.ok && tables.state.devName(g.answer.dev ?? 0), q).toBe(dev);
      }
      // to eth0's own address: fib_select_multipath prefers the path whose source it is
      expect(routeFlow(tables, { family: 4, src, dst: 0x0a000013n, iif: "eth0", proto: 6, sport, dport: 443 }).outDev).toBe("eth0");
    }
    const share1 = (count.get("eth1") ?? 0) / flows;
    // weights 1:3
    expect(share1).toBeGreaterThan(0.68);
    expect(share1).toBeLessThan(0.82);
  });
});
