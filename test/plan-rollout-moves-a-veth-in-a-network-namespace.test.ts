/**
 * The rollout script against a real kernel: a veth pair with 4 rx queues, both ends in network
 * namespaces of the test's own, snapshotted by the real snapshot script inside the receiving
 * namespace, and the script generated from that snapshot run there with the real ethtool (no
 * NICSIM_ROOT, no stubs). veth has rx-only channels, no indirection table and no queue
 * interrupts, and a namespace has no rps_sock_flow_entries, so the rollout changes the rx
 * channels (`ethtool -L DEV rx 2`), rps_cpus and rps_flow_cnt, and leaves the rest alone. What
 * only a kernel can say: rps_flow_cnt 1000 is kept as 1024 (a second run must write nothing),
 * rps_cpus reads back in the kernel's own format, and queue directories come and go with -L.
 * The dry run changes nothing; revert.sh puts every value back; a namespace without the device
 * is refused before anything runs. Nothing outside the two namespaces is written.
 *
 * SLOW: about 5 s (most of it the snapshot script's reads). Skips, saying why, without root,
 * `ip`, `ethtool`, network namespaces or veth; NICSIM_SKIP_NETNS=1 skips it too.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { snapshotScriptPath } from "../src/host/index.js";
import { hostFromSnapshot, planRollout } from "../src/plan/rollout.js";

const TAG = `${process.pid % 100000}`;
const RX = `nicsimrorx${TAG}`;
const TX = `nicsimrotx${TAG}`;
const DEV = `vro${TAG}`;

function ip(...args: string[]): void {
  execFileSync("ip", args, { stdio: ["ignore", "ignore", "pipe"] });
}

function tearDown(): void {
  for (const ns of [RX, TX]) {
    try {
      ip("netns", "del", ns);
    } catch {
      // not created
    }
  }
}

/** Why this cannot run here, or null when it can (the namespaces and the veth pair then exist). */
function setUp(): string | null {
  if (process.env.NICSIM_SKIP_NETNS === "1") return "NICSIM_SKIP_NETNS=1";
  if (process.platform !== "linux") return "not Linux";
  if (process.getuid?.() !== 0) return "needs root (network namespaces and veth)";
  for (const [tool, arg] of [["ip", "-V"], ["ethtool", "--version"]]) {
    if (spawnSync(tool, [arg], { stdio: "ignore" }).status !== 0) return `${tool} is not installed`;
  }
  try {
    ip("netns", "add", RX);
    ip("netns", "add", TX);
    ip("-n", TX, "link", "add", `${DEV}t`, "numrxqueues", "4", "numtxqueues", "4", "type", "veth", "peer", "name", DEV, "netns", RX, "numrxqueues", "4", "numtxqueues", "4");
    ip("-n", RX, "link", "set", DEV, "up");
  } catch (error) {
    tearDown();
    return `cannot create network namespaces and a veth pair: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
  }
  return null;
}

const why = setUp();
afterAll(tearDown);

/** `sh SCRIPT ARGS…` inside namespace `ns`, in `cwd`, with the real tools. */
function inNs(ns: string, cwd: string, ...args: string[]) {
  return spawnSync("ip", ["netns", "exec", ns, ...args], { cwd, encoding: "utf8", env: { PATH: process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin" } });
}

/** What the rollout manages on the device, as the kernel shows it: channels, and each rx queue's RPS files. */
function state(cwd: string): string {
  const r = inNs(RX, cwd, "sh", "-c", `ethtool -l ${DEV}; for f in /sys/class/net/${DEV}/queues/rx-*/rps_*; do echo "$f: $(cat "$f")"; done`);
  expect(r.status).toBe(0);
  return r.stdout;
}

describe.skipIf(why !== null)(`the rollout script on a veth in a network namespace${why === null ? "" : ` (skipped: ${why})`}`, () => {
  it("converges, runs again without a write, reverts every value, and refuses a namespace without the device", () => {
    const dir = mkdtempSync(join(tmpdir(), "nicsim-rollout-netns-"));
    try {
      const snap = join(dir, "snap");
      const taken = inNs(RX, dir, "sh", snapshotScriptPath(), "-o", snap, "--dev", DEV);
      expect(taken.status, taken.stderr).toBe(0);
      const host = hostFromSnapshot(snap);
      const nic = host.nics.find((n) => n.name === DEV);
      expect(nic).toMatchObject({ maxQueues: 4, queues: 4, channelKind: "rx", queueIrqs: 0, indirSize: "none" });
      expect(host.sockFlowSysctl).toBe(false);

      const chosen = validateScenario({
        host: { cpus: host.cpus },
        nics: [{ name: DEV, addresses: ["10.199.0.2/30"], maxQueues: 4, queues: 2, rps: { cpus: "1", flowCnt: 1000 } }],
        irq: { policy: "round-robin" },
        traffic: { src: "100.64.0.0/10", dst: "10.199.0.2", load: { pps: 100000 } },
      });
      const rollout = planRollout({ chosen, chosenFrom: "test", host, generator: "nicsim test" });
      expect(rollout.summary[0]).toBe(`${DEV}: rx channels 4 → 2`);
      const apply = join(dir, "apply.sh");
      writeFileSync(apply, rollout.script);
      const before = state(dir);

      const dry = inNs(RX, dir, "sh", apply, "--dry-run");
      expect(dry.stderr).toBe("");
      expect(dry.stdout).toContain(`apply: would run: ethtool -L ${DEV} rx 2\n`);
      expect(state(dir)).toBe(before);

      const first = inNs(RX, dir, "sh", apply);
      expect(first.stderr).toBe("");
      expect(first.status).toBe(0);
      expect(first.stdout).toContain(`apply: ran: ethtool -L ${DEV} rx 2\n`);
      const after = state(dir);
      expect(after).toMatch(/Current hardware settings:\nRX:\s+2\n/);
      expect(after).toContain(`/sys/class/net/${DEV}/queues/rx-1/rps_flow_cnt: 1024\n`);
      expect(after).not.toContain("rx-2");

      const second = inNs(RX, dir, "sh", apply);
      expect(second.stdout).toMatch(/apply: 0 change\(s\)\n$/);
      expect(state(dir)).toBe(after);

      const revert = join(dir, "revert.sh");
      const back = inNs(RX, dir, "sh", revert);
      expect(back.stderr).toBe("");
      expect(back.status).toBe(0);
      expect(state(dir)).toBe(before);
      expect(inNs(RX, dir, "sh", revert).stdout).toMatch(/revert: 0 change\(s\)\n$/);

      const elsewhere = inNs(TX, dir, "sh", apply);
      expect(elsewhere.status).toBe(1);
      expect(elsewhere.stderr).toBe(`apply: step "check that ${DEV} is the NIC the script was made for" failed: no network device ${DEV} under /sys/class/net\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
