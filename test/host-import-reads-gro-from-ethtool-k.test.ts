import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadScenarioText } from "../src/config/load.js";
import { importScenario, readSnapshot } from "../src/host/index.js";
import { parseEthtoolFeatures } from "../src/host/parse/ethtool-features.js";
import { HOST_FIXTURES } from "./host-helpers.js";

const ENA = join(HOST_FIXTURES, "snapshot-ena-4vcpu");
const tmp = mkdtempSync(join(tmpdir(), "nicsim-import-gro-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The start of `ethtool -k eth0` as ethtool 6.x prints it, GRO turned off (`ethtool -K eth0 gro off`). */
const FEATURES_GRO_OFF = `Features for eth0:
rx-checksumming: on
tx-checksumming: on
	tx-checksum-ipv4: on
	tx-checksum-ip-generic: off [fixed]
scatter-gather: on
tcp-segmentation-offload: off
	tx-tcp-segmentation: off [fixed]
generic-segmentation-offload: on
generic-receive-offload: off
large-receive-offload: off [fixed]
rx-vlan-offload: off [fixed]
rx-gro-hw: off [fixed]
`;

function snapshotWith(name: string, file: string, text: string): string {
  const dir = join(tmp, name);
  cpSync(ENA, dir, { recursive: true });
  writeFileSync(join(dir, "ethtool", "eth0", file), text);
  return dir;
}

describe("import: nics[].gro from ethtool -k", () => {
  it("reads generic-receive-offload from the text form, with its source", () => {
    const imported = importScenario(readSnapshot(snapshotWith("text", "k.txt", FEATURES_GRO_OFF)));
    expect(imported.yaml).toContain('gro: "off"  # ethtool -k eth0: generic-receive-offload');
    expect(loadScenarioText(imported.yaml, "imported").points[0].scenario.nics[0].gro).toBe(false);
  });

  it("reads the JSON form (ethtool --json -k)", () => {
    const json = JSON.stringify([{ ifname: "eth0", "rx-checksumming": { active: true, fixed: false, requested: true }, "generic-receive-offload": { active: true, fixed: false, requested: true } }]);
    const imported = importScenario(readSnapshot(snapshotWith("json", "k.json", json)));
    expect(imported.yaml).toContain('gro: "on"  # ethtool --json -k eth0: generic-receive-offload');
  });

  it("leaves gro to its default (on) when the snapshot has no ethtool -k", () => {
    const imported = importScenario(readSnapshot(ENA));
    expect(imported.yaml).not.toContain("gro:");
    expect(loadScenarioText(imported.yaml, "imported").points[0].scenario.nics[0].gro).toBe(true);
  });

  it("names the line of a feature it cannot read", () => {
    expect(() => parseEthtoolFeatures("Features for eth0:\ngeneric-receive-offload maybe\n", "ethtool/eth0/k.txt")).toThrow(/k\.txt.*2/);
    expect(parseEthtoolFeatures(FEATURES_GRO_OFF, "k.txt").get("tx-checksum-ip-generic")).toBe(false);
  });
});
