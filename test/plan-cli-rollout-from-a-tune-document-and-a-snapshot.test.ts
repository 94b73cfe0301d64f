/**
 * `nicsim rollout` end to end: the tune document's winner rolled out onto a host known by its
 * snapshot directory (the layout `nicsim snapshot` writes, made here from a fake host tree):
 * refused while irqbalance runs unless told how, then written with --irqbalance ban-irqs and
 * applied to the fake tree; --persist prints the udev rule and the unit; bad input exits 2.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAxis } from "../src/plan/load-axis.js";
import { deviceUnit } from "../src/plan/rollout-persistence.js";
import { parseSlo } from "../src/plan/slo.js";
import { tune } from "../src/plan/tune.js";
import { nicsim } from "./cli-helpers.js";
import { makeFakeRoot, runSh, snapshotOf } from "./rollout-helpers.js";

const HOST = { dev: "eth0", maxQueues: 2, queues: 1, cpus: 4, irqbalance: true };

describe("nicsim rollout", () => {
  let dir = "";
  let root = "";
  let snapshot = "";
  let tuned = "";
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "nicsim-rollout-cli-"));
    root = join(dir, "root");
    makeFakeRoot(root, HOST);
    // A snapshot of that host, as the snapshot script lays one out.
    snapshot = join(dir, "snap");
    snapshotOf(dir, root, snapshot, HOST);
    const doc = await tune({
      source: "host.yaml",
      raw: {
        host: { cpus: 4, ghz: 2.5 },
        nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 2, queues: 1 }],
        traffic: { flows: 64, src: "100.64.0.0/10", dst: "10.0.0.19", size: 64, load: { pps: 300000 } },
        run: { duration: "2ms", warmup: "0.5ms", seed: 1 },
      },
      slo: parseSlo("drops<=0.1%"),
      objective: "cpu",
      axis: loadAxis("traffic.load.pps"),
      replications: 1,
      threads: 1,
      exhaustive: false,
      budget: 6,
    });
    tuned = join(dir, "tune.json");
    writeFileSync(tuned, JSON.stringify(doc));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses while irqbalance runs, then bans the IRQs it pins and applies", async () => {
    const apply = join(dir, "apply.sh");
    const refused = await nicsim("rollout", "--from", tuned, "--host", snapshot, "-o", apply);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^nicsim: rollout: irqbalance runs on the host .* pass --irqbalance ban-irqs/);
    const r = await nicsim("rollout", "--from", tuned, "--host", snapshot, "-o", apply, "--irqbalance", "ban-irqs", "--persist");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*apply\.sh:\n  eth0: combined channels 1 → \d\n/);
    expect(r.stdout).toContain("(IRQs named eth0-TxRx-%d)");
    expect(r.stdout).toMatch(/ACTION=="add", SUBSYSTEM=="queues", DEVPATH=="\*\/net\/eth0\/queues\/rx-/);
    expect(r.stdout).toContain("[Service]\nType=oneshot\n");
    expect(r.stdout).toContain("BindsTo=sys-subsystem-net-devices-eth0.device\nAfter=sys-subsystem-net-devices-eth0.device irqbalance.service\n");
    // At boot the script saves what it finds under a directory systemd makes for the unit.
    expect(r.stdout).toContain("StateDirectory=nicsim\nEnvironment=REVERT=/var/lib/nicsim/revert-eth0.sh\n");
    const run = runSh(dir, root, apply);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(readFileSync(join(root, "etc/default/irqbalance"), "utf8")).toMatch(/^IRQBALANCE_ARGS="--banirq=\d+/m);
    expect(runSh(dir, root, apply).stdout).toMatch(/0 change\(s\)\n$/);
  });

  it("names the NIC's device unit as systemd-escape does", () => {
    expect(deviceUnit("eth0")).toBe("sys-subsystem-net-devices-eth0.device");
    expect(deviceUnit("a-b.c_d@e")).toBe("sys-subsystem-net-devices-a\\x2db.c_d\\x40e.device");
  });

  it("exits 2 with one line on bad input", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["--from", tuned, "-o", "x.sh"], /^nicsim: rollout: missing --host/],
      [["--from", tuned, "--host", join(dir, "nope"), "-o", "x.sh"], /nope: no such file or directory/],
      [["--from", tuned, "--host", snapshot, "-o", "x.sh", "--irqbalance", "ban-cpus"], /^nicsim: --irqbalance: "ban-cpus" is not one of ban-irqs, stop/],
    ];
    for (const [args, message] of cases) {
      const r = await nicsim("rollout", ...args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });
});
