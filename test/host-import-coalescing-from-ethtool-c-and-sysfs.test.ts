/**
 * `nicsim import`'s coalesce section (src/host/import/nic-coalesce.ts), from the facts the
 * snapshot reader gives: ethtool -c (text or JSON, parsed the same) and the device's
 * napi_defer_hard_irqs and gro_flush_timeout. Every value says where it came from; a driver
 * without coalescing, or rx-usecs 0, gives "none"; adaptive-rx on is a warning.
 */
import { describe, expect, it } from "vitest";
import { parseEthtoolCoalesce, parseEthtoolCoalesceJson } from "../src/host/parse/ethtool-key-value.js";
import { nicCoalesceEntry } from "../src/host/import/nic-coalesce.js";
import type { NicFacts } from "../src/host/read-snapshot.js";
import { commentedYaml, map, value, items } from "../src/host/import/commented-yaml.js";
import { loadScenarioText } from "../src/config/load.js";

const facts = (coalesce: ReadonlyMap<string, string> | null, defer: [number, number] | null = null): NicFacts =>
  ({
    name: "eth0",
    coalesce: coalesce === null ? null : { value: coalesce, from: "ethtool -c eth0" },
    deferHardIrqs: defer === null ? null : { value: defer[0], from: "/sys/class/net/eth0/napi_defer_hard_irqs" },
    groFlushTimeoutNs: defer === null ? null : { value: defer[1], from: "/sys/class/net/eth0/gro_flush_timeout" },
  }) as unknown as NicFacts;

/** The section as a scenario resolves it, through the YAML the importer writes. */
function resolved(n: NicFacts): unknown {
  const { entry } = nicCoalesceEntry(n);
  const yaml = commentedYaml([
    map("host", [value("cpus", 2)]),
    items("nics", [[value("name", "eth0"), value("addresses", ["10.0.0.19/24"]), entry]]),
    map("traffic", [value("src", "100.64.0.0/10"), value("dst", "10.0.0.19"), map("load", [value("pps", 1000)])]),
  ]);
  return loadScenarioText(yaml, "imported.yaml").points[0].scenario.nics[0].coalesce;
}

const TEXT = "Coalesce parameters for eth0:\nAdaptive RX: off  TX: off\nstats-block-usecs: n/a\nrx-usecs: 50\nrx-frames: 64\nrx-usecs-irq: n/a\n";
const JSON_FORM = '[{"ifname":"eth0","rx-adaptive-usecs":true,"rx-usecs":8,"rx-frames":128}]';

describe("import: the NIC's coalescing", () => {
  it("ethtool -c text: rx-usecs and rx-frames, with their source", () => {
    const n = facts(parseEthtoolCoalesce(TEXT, "c.txt"), [2, 20000]);
    expect(nicCoalesceEntry(n).warnings).toEqual([]);
    expect(resolved(n)).toEqual({ rxUsecs: 50, rxFrames: 64, deferHardIrqs: 2, groFlushTimeoutNs: 20000 });
  });

  it("ethtool --json -c with adaptive-rx on: DIM's values at snapshot time, and a warning", () => {
    const n = facts(parseEthtoolCoalesceJson(JSON_FORM, "c.json"));
    expect(resolved(n)).toEqual({ rxUsecs: 8, rxFrames: 128, deferHardIrqs: 0, groFlushTimeoutNs: 0 });
    expect(nicCoalesceEntry(n).warnings).toHaveLength(1);
  });

  it("no ethtool -c (virtio-net without VIRTIO_NET_F_NOTF_COAL), n/a, or rx-usecs 0: no coalescing", () => {
    for (const n of [facts(null), facts(new Map([["rx-usecs", "n/a"], ["rx-frames", "n/a"]])), facts(new Map([["rx-usecs", "0"], ["rx-frames", "64"]]))]) {
      expect(resolved(n)).toEqual({ rxUsecs: 0, rxFrames: 0, deferHardIrqs: 0, groFlushTimeoutNs: 0 });
    }
  });
});
