import { describe, expect, it } from "vitest";
import {
  parseEthtoolChannels,
  parseEthtoolChannelsJson,
  parseEthtoolCoalesce,
  parseEthtoolFlowHash,
  parseEthtoolRings,
  parseEthtoolRingsJson,
  parseEthtoolRxfh,
  parseEthtoolRxfhJson,
  parseEthtoolStats,
  perQueueRxPackets,
  rxQueues,
} from "../src/host/index.js";
import { MICROSOFT_RSS_KEY } from "../src/rss/key.js";
import { fixture } from "./host-helpers.js";

describe("ethtool -l", () => {
  it("reads the netlink form (n/a for absent counts)", () => {
    const c = parseEthtoolChannels(...fixture("ethtool-l-netlink.txt"));
    expect(c.max).toEqual({ rx: null, tx: null, other: null, combined: 16 });
    expect(rxQueues(c)).toEqual({ current: 2, max: 16 });
  });
  it("reads the old ioctl form of the cloud guide (0 for absent, spaces not tabs): max 2, current 1", () => {
    const c = parseEthtoolChannels(...fixture("ethtool-l-cloud-guide.txt"));
    expect(c.current).toEqual({ rx: null, tx: null, other: null, combined: 1 });
    expect(rxQueues(c)).toEqual({ current: 1, max: 2 });
  });
  it("counts rx-only channels when a driver has no combined ones", () => {
    expect(rxQueues(parseEthtoolChannels(...fixture("ethtool-l-separate-rx-tx.txt")))).toEqual({ current: 4, max: 8 });
  });
  it("reads the JSON form (6.15+), absent keys absent", () => {
    const c = parseEthtoolChannelsJson(...fixture("ethtool-l.json"));
    expect(rxQueues(c)).toEqual({ current: 4, max: 16 });
    expect(c.current.rx).toBeNull();
  });
});

describe("ethtool -g", () => {
  it("reads the netlink text form with the newer lines", () => {
    expect(parseEthtoolRings(...fixture("ethtool-g-netlink.txt"))).toEqual({ rxMax: 8192, rx: 1024, txMax: 8192, tx: 1024 });
  });
  it("reads the ioctl text form", () => {
    expect(parseEthtoolRings(...fixture("ethtool-g-ioctl.txt"))).toEqual({ rxMax: 4096, rx: 512, txMax: 4096, tx: 512 });
  });
  it("reads the JSON form (6.2+)", () => {
    expect(parseEthtoolRingsJson(...fixture("ethtool-g.json"))).toEqual({ rxMax: 8192, rx: 2048, txMax: 8192, tx: 1024 });
  });
});

describe("ethtool -x", () => {
  it("reads table, key, function and input transformation of the current form", () => {
    const x = parseEthtoolRxfh(...fixture("ethtool-x-netlink.txt"));
    expect(x.rings).toBe(13);
    expect(x.table).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0, 1, 2]);
    expect(x.key).toEqual([...MICROSOFT_RSS_KEY]);
    expect(x.hfunc).toBe("toeplitz");
    expect(x.inputXfrm).toBe("none");
  });
  it("reads an old form without hash function or transformation (null: not shown)", () => {
    const x = parseEthtoolRxfh(...fixture("ethtool-x-old.txt"));
    expect(x.table).toEqual([0, 1, 2, 3, 0, 1, 2, 3]);
    expect(x.key?.length).toBe(40);
    expect(x.hfunc).toBeNull();
    expect(x.inputXfrm).toBeNull();
  });
  it("reads symmetric-xor", () => {
    expect(parseEthtoolRxfh(...fixture("ethtool-x-symmetric-xor.txt")).inputXfrm).toBe("symmetric-xor");
  });
  it("reads 'Operation not supported' parts as null (virtio_net without RSS)", () => {
    const x = parseEthtoolRxfh(...fixture("ethtool-x-unsupported.txt"));
    expect(x).toEqual({ rings: 1, table: null, key: null, hfunc: "toeplitz", inputXfrm: null });
  });
  it("reads the JSON form (6.2+) with its transformation object", () => {
    const x = parseEthtoolRxfhJson(...fixture("ethtool-x.json"));
    expect(x.table).toEqual([0, 1, 2, 3, 0, 1, 2, 3]);
    expect(x.key).toEqual([...MICROSOFT_RSS_KEY]);
    expect(x.inputXfrm).toBe("symmetric-or-xor");
  });
});

describe("ethtool -n rx-flow-hash, -c, -S", () => {
  it("turns hashed fields into -N letters", () => {
    expect(parseEthtoolFlowHash(...fixture("ethtool-n-udp4-4tuple.txt"))).toBe("sdfn");
    expect(parseEthtoolFlowHash(...fixture("ethtool-n-udp4-2tuple.txt"))).toBe("sd");
    expect(parseEthtoolFlowHash(...fixture("ethtool-n-tcp6-none.txt"))).toBe("");
  });
  it("reads coalescing keys and the adaptive flags", () => {
    const c = parseEthtoolCoalesce(...fixture("ethtool-c.txt"));
    expect(c.get("adaptive-rx")).toBe("on");
    expect(c.get("rx-usecs")).toBe("8");
    expect(c.get("rx-frames")).toBe("128");
    expect(c.get("pkt-rate-low")).toBe("n/a");
  });
  it("finds per-queue rx packets under each driver's names", () => {
    expect(perQueueRxPackets(parseEthtoolStats(...fixture("ethtool-S-mlx5.txt")))).toEqual([1000, 500]);
    expect(perQueueRxPackets(parseEthtoolStats(...fixture("ethtool-S-ixgbe.txt")))).toEqual([300, 400]);
    expect(perQueueRxPackets(parseEthtoolStats(...fixture("ethtool-S-ena.txt")))).toEqual([123, 456]);
  });
});
