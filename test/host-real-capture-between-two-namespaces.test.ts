/**
 * A real capture on this machine: two network namespaces joined by a veth pair, a Node UDP
 * sender in one, a sink in the other, and the snapshot script run in the receiving namespace
 * with `--measure 4 --samples 3` while the sender offers three rates, one per interval (the
 * test gives it the next rate as soon as the script has taken a sample). The import must give a scenario
 * nicsim accepts, with the measured rate in its traffic block; the calibration must give costs
 * and R², or (the machine's load being outside the test's control) one of the refusals that say
 * the load was too small or the sender reached too few distinct rates. Traffic never leaves the two namespaces (a 10.199.x.0/30 on the veth pair only).
 *
 * SLOW: about 20 s (the script's reads, then three 4-second intervals). Skips, saying why,
 * without root, `ip`, network namespaces or veth; NICSIM_SKIP_CAPTURE=1 skips it too.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadScenarioText } from "../src/config/load.js";
import { CalibrationRefusal, calibrate, importScenario, readSnapshot, snapshotScriptPath } from "../src/host/index.js";
import { HOST_FIXTURES } from "./host-helpers.js";

const TAG = `${process.pid % 100000}`;
const TX = `nicsimtx${TAG}`;
const RX = `nicsimrx${TAG}`;
const VTX = `vtx${TAG}`;
const VRX = `vrx${TAG}`;
const SUBNET = 100 + (process.pid % 100);
const TX_ADDR = `10.199.${SUBNET}.1`;
const RX_ADDR = `10.199.${SUBNET}.2`;
const RATES = [40_000, 60_000, 80_000];
const MEASURE_S = 4;

function ip(...args: string[]): void {
  execFileSync("ip", args, { stdio: ["ignore", "ignore", "pipe"] });
}

/** Why the capture cannot run here, or null when it can (the namespaces are then set up). */
function setUp(): string | null {
  if (process.env.NICSIM_SKIP_CAPTURE === "1") return "NICSIM_SKIP_CAPTURE=1";
  if (process.platform !== "linux") return "not Linux";
  if (process.getuid?.() !== 0) return "needs root (network namespaces and veth)";
  try {
    execFileSync("ip", ["-V"], { stdio: "ignore" });
  } catch {
    return "iproute2 `ip` is not installed";
  }
  try {
    ip("netns", "add", TX);
    ip("netns", "add", RX);
    ip("link", "add", VTX, "netns", TX, "type", "veth", "peer", "name", VRX, "netns", RX);
    ip("-n", TX, "addr", "add", `${TX_ADDR}/30`, "dev", VTX);
    ip("-n", RX, "addr", "add", `${RX_ADDR}/30`, "dev", VRX);
    for (const [ns, dev] of [[TX, VTX], [RX, VRX]]) {
      ip("-n", ns, "link", "set", "lo", "up");
      ip("-n", ns, "link", "set", dev, "up");
    }
  } catch (error) {
    tearDown();
    return `cannot create network namespaces and a veth pair: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
  }
  return null;
}

function tearDown(): void {
  for (const ns of [TX, RX]) {
    try {
      ip("netns", "del", ns);
    } catch {
      // not created
    }
  }
}

function inNs(ns: string, command: string, args: readonly string[]): ChildProcess {
  return spawn("ip", ["netns", "exec", ns, command, ...args], { stdio: ["pipe", "pipe", "pipe"] });
}

async function waitFor(path: string): Promise<void> {
  for (let waited = 0; !existsSync(path); waited += 20) {
    if (waited > 30_000) throw new Error(`${path} did not appear in 30 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function finished(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${err.trim()}`))));
  });
}

const unavailable = setUp();
const root = mkdtempSync(join(tmpdir(), "nicsim-capture-"));
afterAll(() => {
  tearDown();
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(unavailable !== null)(`a real capture between two namespaces${unavailable === null ? "" : ` (skipped: ${unavailable})`}`, () => {
  it("imports into a valid scenario and calibrates with R² reported", async () => {
    const sink = inNs(RX, process.execPath, [join(HOST_FIXTURES, "udp-sink.mjs"), "9000", RX_ADDR]);
    const sinkDone = finished(sink);
    const sender = inNs(TX, process.execPath, [join(HOST_FIXTURES, "udp-sender.mjs"), RX_ADDR, "9000", "64", String(RATES[0])]);
    const senderDone = finished(sender);
    const dir = join(root, "snapshot");
    const script = finished(inNs(RX, "sh", [snapshotScriptPath(), "-o", dir, "--dev", VRX, "--measure", String(MEASURE_S), "--samples", String(RATES.length)]));
    // Interval k (samples k → k+1) at RATES[k]: the next rate as soon as sample k is taken.
    for (let k = 1; k < RATES.length; k++) {
      await waitFor(join(dir, "samples", String(k), "uptime.end"));
      sender.stdin?.write(`${RATES[k]}\n`);
    }
    await script;
    sender.kill("SIGTERM");
    sink.kill("SIGTERM");
    const sent = Number((await senderDone).trim());
    const received = Number((await sinkDone).trim());
    expect(received).toBeGreaterThan(0);
    const dirs = [dir];

    const snapshots = dirs.map(readSnapshot);
    const imported = importScenario(snapshots[0]);
    const file = loadScenarioText(imported.yaml, "imported");
    const scenario = file.points[0].scenario;
    expect(scenario.nics.map((n) => n.name)).toEqual([VRX]);
    expect(scenario.host.cpus).toBe(snapshots[0].host.cpus.value);
    // The mean measured rate, within what a loaded 2-core machine lets the sender reach.
    const pps = "pps" in scenario.traffic.load ? scenario.traffic.load.pps : 0;
    expect(pps).toBeGreaterThan(1000);
    expect(pps).toBeLessThan(RATES[2] * 1.2);
    expect(imported.yaml).toMatch(/pps: \d+ {2}# measured: \/proc\/net\/dev vrx\d+ over/);

    // The machine's load is not the test's to control (other work shares its CPUs): a
    // calibration may be refused for too little load, too few distinct rates reached, or
    // interrupts and packets that rose together (the two costs cannot be separated), which is
    // the tool's documented answer. Anything else must be a fit with its R².
    let result;
    try {
      result = calibrate(snapshots);
    } catch (error) {
      if (error instanceof CalibrationRefusal && /too little load|distinct packet rate|separate the two costs/.test(error.message)) {
        console.log(`capture: sent ${sent}, received ${received}; calibration refused on this machine's load: ${error.message}`);
        return;
      }
      throw error;
    }
    console.log(`capture: sent ${sent} packets, sink received ${received}\n${result.yaml}`);
    expect(result.interruptSource).toBe("net-rx-softirqs");
    expect(result.fit.nsPerPacket).toBeGreaterThan(0);
    expect(Number.isFinite(result.fit.r2)).toBe(true);
    expect(result.yaml).toMatch(/^# quality: R² -?\d\.\d{4}/m);
  });
});
