/**
 * The rollout script and interrupt coalescing (nics[].coalesce), on a fake host tree with the
 * ethtool stub (test/rollout-helpers.ts): `ethtool -C` runs after `-L` when the chosen settings
 * change the coalescing — turning the host's adaptive-rx off, since nicsim simulated fixed values
 * — and NAPI's deferred interrupts are written to the device's sysfs; a second run changes
 * nothing; revert.sh puts adaptive-rx and the values back byte for byte. Settings the host
 * already has, or a host whose coalescing is unknown with none chosen, are left alone.
 * (shellcheck of the shared library, coalescing steps included, is in
 * plan-rollout-script-applies-reverts-and-orders-on-a-fake-root.test.ts.) About 4 s on a loaded
 * 2-core machine (each script run forks a few dozen processes): SLOWER than the ~2 s budget of a
 * test file.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { hostFromScenario, planRollout, RolloutError, type HostState } from "../src/plan/rollout.js";
import { makeFakeRoot, runSh, tree, type FakeHost } from "./rollout-helpers.js";

const scenario = (queues: number, coalesce: Record<string, unknown> = {}) =>
  validateScenario({
    host: { cpus: 4 },
    nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 4, queues, coalesce }],
    irq: { policy: "round-robin" },
    traffic: { src: "100.64.0.0/10", dst: "10.0.0.19", load: { pps: 100000 } },
  });

/** The fake host as rollout sees it: its scenario, with the coalescing its ethtool -c and sysfs show. */
function hostOf(h: FakeHost): HostState {
  const base = hostFromScenario(scenario(h.queues), "fake");
  const [adaptive, usecs, frames] = h.coalesce ?? ["n/a", "n/a", "n/a"];
  const count = (v: string): number | null => (v === "n/a" ? null : Number(v));
  return {
    ...base,
    nics: base.nics.map((n) => ({
      ...n,
      coalesce: h.coalesce === undefined ? null : { adaptive: adaptive === "on" ? "on" : adaptive === "off" ? "off" : null, rxUsecs: count(usecs), rxFrames: count(frames) },
      defer: h.defer === undefined ? null : { polls: h.defer[0], timeoutNs: h.defer[1] },
      coalesceFrom: "ethtool -c eth0",
    })),
  };
}

let dir = "";
let root = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "nicsim-rollout-coalesce-"));
  root = join(dir, "root");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function setUp(h: FakeHost, chosen: ReturnType<typeof scenario>): { apply: string; summary: readonly string[] } {
  expect(root.startsWith(tmpdir())).toBe(true);
  makeFakeRoot(root, h);
  const plan = planRollout({ chosen, chosenFrom: "test", host: hostOf(h), generator: "nicsim test" });
  writeFileSync(join(dir, "apply.sh"), plan.script);
  return { apply: join(dir, "apply.sh"), summary: plan.summary };
}

const HOST: FakeHost = { dev: "eth0", maxQueues: 4, queues: 4, cpus: 4, irqbalance: false, coalesce: ["on", "8", "128"], defer: [0, 0] };

describe("rollout: interrupt coalescing", () => {
  it("turns adaptive-rx off and sets rx-usecs/rx-frames after -L, writes the deferral, and reverts byte for byte", () => {
    const { apply, summary } = setUp(HOST, scenario(2, { rxUsecs: 50, rxFrames: 32, deferHardIrqs: 2, groFlushTimeoutNs: 20000 }));
    expect(summary).toContain("coalescing: ethtool -C eth0 adaptive-rx off rx-usecs 50 rx-frames 32 (now adaptive-rx on, rx-usecs 8, rx-frames 128: ethtool -c eth0)");
    expect(summary).toContain("deferred interrupts: napi_defer_hard_irqs 2, gro_flush_timeout 20000 ns (now 0, 0 ns)");
    const before = tree(root);

    const first = runSh(dir, root, apply);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    const changing = first.calls.filter((c) => / -[XLC] /.test(c));
    expect(changing).toEqual(["ethtool -X eth0 equal 2", "ethtool -L eth0 combined 2", "ethtool -X eth0 default", "ethtool -C eth0 adaptive-rx off rx-usecs 50 rx-frames 32"]);
    expect(readFileSync(join(root, ".nic/eth0/coalesce"), "utf8")).toBe("off 50 32\n");
    expect(readFileSync(join(root, "sys/class/net/eth0/napi_defer_hard_irqs"), "utf8")).toBe("2\n");
    expect(readFileSync(join(root, "sys/class/net/eth0/gro_flush_timeout"), "utf8")).toBe("20000\n");
    const after = tree(root);

    const second = runSh(dir, root, apply);
    expect(second.stdout).toMatch(/apply: 0 change\(s\)\n$/);
    expect(second.calls.filter((c) => / -C /.test(c))).toEqual([]);
    expect(tree(root)).toEqual(after);

    const revert = join(dir, "revert.sh");
    const back = runSh(dir, root, revert);
    expect(back.stderr).toBe("");
    expect(back.status).toBe(0);
    expect(back.calls).toContain("ethtool -C eth0 adaptive-rx on rx-usecs 8 rx-frames 128");
    expect(tree(root)).toEqual(before);
    expect(spawnSync("sh", ["-n", revert]).status).toBe(0);
  });

  it("sets only what differs: rx-frames alone when rx-usecs already matches", () => {
    const { apply } = setUp({ ...HOST, coalesce: ["off", "50", "64"] }, scenario(4, { rxUsecs: 50, rxFrames: 32 }));
    const run = runSh(dir, root, apply);
    expect(run.status).toBe(0);
    expect(run.calls.filter((c) => / -C /.test(c))).toEqual(["ethtool -C eth0 rx-frames 32"]);
  });

  it("leaves the coalescing alone when the host has the chosen values, or when both are none", () => {
    const same = setUp({ ...HOST, coalesce: ["off", "50", "32"] }, scenario(4, { rxUsecs: 50, rxFrames: 32 }));
    expect(same.summary).toContain("coalescing: rx-usecs 50 rx-frames 32, as the host has (ethtool -c eth0)");
    expect(readFileSync(same.apply, "utf8")).toContain("WANT_COALESCE=-\n");
    rmSync(root, { recursive: true });
    // A virtio NIC without VIRTIO_NET_F_NOTF_COAL: no ethtool -c, and none chosen.
    const none = setUp({ ...HOST, coalesce: undefined, defer: undefined }, scenario(4));
    expect(none.summary.filter((l) => /coalescing|deferred/.test(l))).toEqual([]);
    const run = runSh(dir, root, none.apply);
    expect(run.status).toBe(0);
    expect(run.calls.filter((c) => / -[cC] /.test(c))).toEqual([]);
  });

  it("refuses coalescing a NIC whose driver shows no rx-usecs", () => {
    makeFakeRoot(root, HOST);
    const host = hostOf({ ...HOST, coalesce: ["n/a", "n/a", "1"] });
    expect(() => planRollout({ chosen: scenario(4, { rxUsecs: 50, rxFrames: 32 }), chosenFrom: "test", host, generator: "t" })).toThrow(
      new RolloutError("eth0 has no rx-usecs (ethtool -c eth0 shows n/a); the chosen settings need rx-usecs 50"),
    );
  });
});
