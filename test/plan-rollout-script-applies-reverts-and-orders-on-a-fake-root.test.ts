/**
 * The rollout script on a fake host tree (test/rollout-helpers.ts) with an ethtool stub that
 * refuses what the kernel refuses (fewer channels than a user-set table uses) and renumbers the
 * queue IRQs on every -L: it passes `sh -n` and shellcheck; --dry-run writes nothing; a shrink
 * from 8 to 4 queues runs -X before -L, a growth -L before -X; the IRQs are looked up again after
 * -L; a second run changes nothing; revert.sh restores every file byte for byte; a running
 * irqbalance is refused or has the pinned IRQs banned; a failing command names its step.
 * Nothing here touches the real /sys or /proc: every run gets NICSIM_ROOT in a temp directory.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { hostFromScenario, planRollout, RolloutError, type RolloutRequest } from "../src/plan/rollout.js";
import type { IrqbalanceHandling } from "../src/plan/rollout-script.js";
import { hasShellcheck, makeFakeRoot, runSh, tree, type FakeHost } from "./rollout-helpers.js";

const scenario = (cpus: number, queues: number, nic: Record<string, unknown> = {}, rest: Record<string, unknown> = {}) =>
  validateScenario({
    host: { cpus },
    nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 8, queues, ...nic }],
    irq: { policy: "round-robin" },
    traffic: { src: "100.64.0.0/10", dst: "10.0.0.19", load: { pps: 100000 } },
    ...rest,
  });

let dir = "";
let root = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "nicsim-rollout-"));
  root = join(dir, "root");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function setUp(host: FakeHost, chosen: ReturnType<typeof scenario>, irqbalance?: IrqbalanceHandling): string {
  expect(root.startsWith(tmpdir())).toBe(true);
  makeFakeRoot(root, host);
  const hostScenario = scenario(host.cpus, host.queues, {}, host.irqbalance ? { irq: { policy: "irqbalance" } } : {});
  const request: RolloutRequest = { chosen, chosenFrom: "test", host: hostFromScenario(hostScenario, "fake"), generator: "nicsim test", ...(irqbalance ? { irqbalance } : {}) };
  writeFileSync(join(dir, "apply.sh"), planRollout(request).script);
  return join(dir, "apply.sh");
}

describe("the rollout script", () => {
  it("shrinks 8 → 4 queues: -X before -L, new IRQs, idempotent, reverted byte for byte", () => {
    const apply = setUp({ dev: "eth0", maxQueues: 8, queues: 8, cpus: 8, irqbalance: false }, scenario(8, 4, { rps: { cpus: "f0", flowCnt: 2048 } }, { kernel: { rpsSockFlowEntries: 8192 } }));
    expect(spawnSync("sh", ["-n", apply]).status).toBe(0);
    const before = tree(root);

    const dry = runSh(dir, root, apply, "--dry-run");
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain("apply: would run: ethtool -X eth0 equal 4\napply: would run: ethtool -L eth0 combined 4\n");
    expect(tree(root)).toEqual(before);

    const first = runSh(dir, root, apply);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    const changing = first.calls.filter((c) => / -[XL] /.test(c));
    expect(changing).toEqual(["ethtool -X eth0 equal 4", "ethtool -L eth0 combined 4", "ethtool -X eth0 default"]);
    // The IRQs of the 4 queues after -L are 96..99 (the stub renumbers); the script found them.
    for (let q = 0; q < 4; q++) expect(readFileSync(join(root, `proc/irq/${96 + q}/smp_affinity_list`), "utf8")).toBe(`${q}\n`);
    expect(readFileSync(join(root, "sys/class/net/eth0/queues/rx-3/rps_cpus"), "utf8")).toBe("f0\n");
    expect(readFileSync(join(root, "proc/sys/net/core/rps_sock_flow_entries"), "utf8")).toBe("8192\n");
    const after = tree(root);

    const second = runSh(dir, root, apply);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/apply: 0 change\(s\)\n$/);
    expect(second.calls.filter((c) => / -[XL] /.test(c))).toEqual([]);
    expect(tree(root)).toEqual(after);

    const revert = join(dir, "revert.sh");
    expect(spawnSync("sh", ["-n", revert]).status).toBe(0);
    const back = runSh(dir, root, revert);
    expect(back.stderr).toBe("");
    expect(back.status).toBe(0);
    expect(tree(root)).toEqual(before);
    expect(runSh(dir, root, revert).stdout).toMatch(/revert: 0 change\(s\)\n$/);

    if (hasShellcheck()) {
      const sc = spawnSync("shellcheck", ["-s", "sh", apply, revert], { encoding: "utf8" });
      expect(sc.stdout).toBe("");
      expect(sc.status).toBe(0);
    }
  });

  it("grows 2 → 8 queues with a weighted table: -L before -X", () => {
    const apply = setUp({ dev: "eth0", maxQueues: 8, queues: 2, cpus: 16, irqbalance: false }, scenario(16, 8, { rss: { indir: "weight 3 1 1 1 1 1 1 1" }, rps: { cpus: "fffe" } }));
    const before = tree(root);
    const run = runSh(dir, root, apply);
    expect(run.status).toBe(0);
    expect(run.calls.filter((c) => / -[XL] /.test(c))).toEqual(["ethtool -L eth0 combined 8", "ethtool -X eth0 weight 3 1 1 1 1 1 1 1"]);
    expect(runSh(dir, root, apply).stdout).toMatch(/0 change\(s\)\n$/);
    expect(runSh(dir, root, join(dir, "revert.sh")).status).toBe(0);
    expect(tree(root)).toEqual(before);
  });

  it("refuses to pin IRQs under a running irqbalance unless told how; ban-irqs bans them and restarts it", () => {
    const host: FakeHost = { dev: "eth0", maxQueues: 8, queues: 4, cpus: 8, irqbalance: true };
    expect(() => setUp(host, scenario(8, 4))).toThrow(RolloutError);
    rmSync(root, { recursive: true, force: true });
    const apply = setUp(host, scenario(8, 4), "ban-irqs");
    const before = tree(root);
    const run = runSh(dir, root, apply);
    expect(run.status).toBe(0);
    expect(readFileSync(join(root, "etc/default/irqbalance"), "utf8")).toBe(
      "# irqbalance's environment file\nIRQBALANCE_ONESHOT=0\nIRQBALANCE_ARGS=\"--banirq=96 --banirq=97 --banirq=98 --banirq=99\"\n",
    );
    // Banned before the affinity is written, then restarted so the daemon reads the bans.
    const restart = run.calls.indexOf("systemctl try-restart irqbalance");
    expect(restart).toBeGreaterThan(-1);
    expect(run.stdout.indexOf("IRQBALANCE_ARGS")).toBeLessThan(run.stdout.indexOf("smp_affinity_list"));
    expect(runSh(dir, root, apply).stdout).toMatch(/0 change\(s\)\n$/);
    const back = runSh(dir, root, join(dir, "revert.sh"));
    expect(back.status).toBe(0);
    expect(back.calls).toContain("systemctl try-restart irqbalance");
    expect(tree(root)).toEqual(before);
  });

  it("refuses a NIC with fewer channels than asked for before changing anything", () => {
    // The stub's NIC has 4 channels at most, though the host file said 8.
    const apply = setUp({ dev: "eth0", maxQueues: 4, queues: 2, cpus: 8, irqbalance: false }, scenario(8, 8));
    const before = tree(root);
    const run = runSh(dir, root, apply);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('apply: step "check that eth0 is the NIC the script was made for" failed: eth0 has at most 4 combined channels (ethtool -l), 8 asked for\n');
    expect(tree(root)).toEqual(before);
  });

  it("stops at a failing command and names the step", () => {
    const apply = setUp({ dev: "eth0", maxQueues: 8, queues: 2, cpus: 8, irqbalance: false }, scenario(8, 8));
    writeFileSync(join(root, ".nic/eth0/fail-L"), "netlink error: Device or resource busy\n");
    const run = runSh(dir, root, apply);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('apply: step "grow to 8 combined channels (ethtool -L before -X)" failed: ethtool -L eth0 combined 8 — netlink error: Device or resource busy\n');
    // Nothing after the failing step ran; revert.sh, written before it, puts back what was there.
    expect(run.calls.at(-1)).toBe("ethtool -L eth0 combined 8");
    expect(readFileSync(join(dir, "revert.sh"), "utf8")).toContain("WANT_QUEUES='2'");
  });
});
