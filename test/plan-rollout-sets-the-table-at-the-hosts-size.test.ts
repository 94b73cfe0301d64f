/**
 * The rollout writes the indirection table at the size the host's NIC has, read from its
 * snapshot (`ethtool -x`), not at the chosen scenario's `indirSize`: on a NIC with a 64-entry
 * table the script's table is 64 entries, the first run sets it and a second run changes nothing.
 * A weighted table tuned at another size is refused; a NIC without a table (veth: ethtool -x
 * "Operation not supported") keeps none and the script never calls -x. The script itself
 * refuses, before any change, a NIC whose table has another size or a host with another CPU count.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { hostFromSnapshot, planRollout, RolloutError } from "../src/plan/rollout.js";
import { makeFakeRoot, runSh, snapshotOf, tree, type FakeHost } from "./rollout-helpers.js";

const chosen = (queues: number, indir: string, cpus = 4) =>
  validateScenario({
    host: { cpus },
    nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 4, queues, rss: { indir } }],
    irq: { policy: "round-robin" },
    traffic: { src: "100.64.0.0/10", dst: "10.0.0.19", load: { pps: 100000 } },
  });

let dir = "";
let root = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "nicsim-rollout-size-"));
  root = join(dir, "root");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The fake host, its snapshot, and the apply script for `scenario` planned from the snapshot. */
function plan(host: FakeHost, scenario: ReturnType<typeof chosen>): { apply: string; summary: readonly string[] } {
  expect(root.startsWith(tmpdir())).toBe(true);
  makeFakeRoot(root, host);
  snapshotOf(dir, root, join(dir, "snap"), host);
  const r = planRollout({ chosen: scenario, chosenFrom: "test", host: hostFromSnapshot(join(dir, "snap")), generator: "nicsim test" });
  writeFileSync(join(dir, "apply.sh"), r.script);
  return { apply: join(dir, "apply.sh"), summary: r.summary };
}

const HOST: FakeHost = { dev: "eth0", maxQueues: 4, queues: 4, cpus: 4, irqbalance: false, indirSize: 64 };

describe("the rollout's indirection table", () => {
  it("is filled at the snapshot's 64 entries, though the scenario says 128; a second run changes nothing", () => {
    const scenario = chosen(4, "equal 2");
    expect(scenario.nics[0].rss.indirSize).toBe(128);
    const { apply, summary } = plan(HOST, scenario);
    expect(summary[1]).toBe("indirection table: ethtool -X eth0 equal 2; 64 entries (ethtool -x eth0; the chosen scenario simulated 128)");
    const first = runSh(dir, root, apply);
    expect(first.stderr).toBe("");
    expect(first.calls.filter((c) => / -[XL] /.test(c))).toEqual(["ethtool -X eth0 equal 2"]);
    expect(readFileSync(join(root, ".nic/eth0/table"), "utf8").trim().split(" ")).toHaveLength(64);
    const after = tree(root);
    const second = runSh(dir, root, apply);
    expect(second.stdout).toMatch(/apply: 0 change\(s\)\n$/);
    expect(second.calls.filter((c) => / -[XL] /.test(c))).toEqual([]);
    expect(tree(root)).toEqual(after);
  });

  it("refuses a weighted table tuned at another size, naming both sizes", () => {
    expect(() => plan(HOST, chosen(4, "weight 50 26 26 26"))).toThrow(
      new RolloutError("the chosen table (weight 50 26 26 26) was made for 128 entries but ethtool -x eth0 shows 64; tune a scenario of this host (nicsim import writes its table size)"),
    );
  });

  it("keeps no table on a NIC without one, and never calls ethtool -x", () => {
    const host: FakeHost = { ...HOST, queues: 1, indirSize: 0 };
    const { apply, summary } = plan(host, chosen(2, "default"));
    expect(summary[1]).toBe("indirection table: none on eth0 (ethtool -x eth0: exit 1: netlink error: Operation not supported); left alone");
    const before = tree(root);
    const run = runSh(dir, root, apply);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.calls.filter((c) => / -[xXL] /.test(c))).toEqual(["ethtool -L eth0 combined 2"]);
    expect(runSh(dir, root, apply).stdout).toMatch(/0 change\(s\)\n$/);
    expect(runSh(dir, root, join(dir, "revert.sh")).status).toBe(0);
    expect(tree(root)).toEqual(before);
    expect(() => plan(host, chosen(2, "equal 1"))).toThrow(/cannot be set: eth0 has no indirection table/);
  });

  it("the script refuses, before any change, a table of another size or another CPU count", () => {
    const { apply } = plan(HOST, chosen(2, "default"));
    // The NIC is not the one snapshotted: its table has 128 entries now.
    writeFileSync(join(root, ".nic/eth0/table"), `${Array.from({ length: 128 }, (_, i) => i % 4).join(" ")}\n`);
    const before = tree(root);
    const run = runSh(dir, root, apply);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'apply: step "check that eth0 is the NIC the script was made for" failed: eth0\'s indirection table has 128 entries (ethtool -x) but the script was made for 64; generate it again from a snapshot of this host\n',
    );
    expect(tree(root)).toEqual(before);
    writeFileSync(join(root, "sys/devices/system/cpu/online"), "0-7\n");
    expect(runSh(dir, root, apply).stderr).toMatch(/failed: the host has 8 CPUs online \(\/sys\/devices\/system\/cpu\/online\) but the masks are for 4;/);
    expect(run.calls.filter((c) => / -[XL] /.test(c))).toEqual([]);
  });
});
