/**
 * Runs routing configurations in throwaway network namespaces and asks the kernel itself.
 *
 * Per configuration, inside `unshare -n` (a new, empty network namespace; nothing is sent
 * anywhere — `route get` only consults the FIB):
 *   1. IPv6 DAD off (nicsim models settled addresses); the `all`/`default`/`ip_forward`
 *      sysctls in order;
 *   2. `lo` up and each device as one end of a veth pair (`dummy` may be missing) with the
 *      device's MAC (given, or nicsim's default), so its EUI-64 link-local address is the one
 *      nicsim makes, in one `ip -batch`;
 *   3. peers get no IPv6;
 *   4. the per-device sysctls, then the devices' states: up = both ends up, nocarrier = our end
 *      up and the peer down, down = both down (a device's addr_gen_mode counts when it comes up);
 *   5. the batch through `ip [-4|-6] -force -batch`, consecutive lines with the same family
 *      options together, keeping every refusal with its line; after address lines the script
 *      waits for addrconf to finish (IPv6 local routes are inserted from a work queue, so a
 *      route added in the same instant can see the address without its local route — nicsim
 *      models the settled state);
 *   6. with `{ dumps: true }`, the state as the kernel dumps it: `ip -j link show`, `ip -j addr
 *      show`, `ip -j -4|-6 rule show`, `ip -j route show table all` (both families) and the routing
 *      sysctls (what `sysctl -a -r` prints for them, read from their subtrees only);
 *   7. every query through one `ip -j -force -batch` of `route get …` lines.
 * Sysctls are written by the shell itself, as `sysctl -w` writes them. All configurations run
 * from one shell script, one `unshare -n` each, a few (LANES) at a time.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RoutingConfig } from "../src/routing/index.js";
import { makeDevices } from "../src/routing/model/build.js";
import { formatMac } from "../src/routing/model/link-local6.js";

export interface KernelCase {
  readonly config: RoutingConfig;
  readonly queries: readonly string[];
}

export type KernelAnswer = { readonly ok: true; readonly json: Record<string, unknown> } | { readonly ok: false; readonly error: string };

export interface KernelResult {
  /** Batch line number → the refusal `ip` printed. */
  readonly lineErrors: ReadonlyMap<number, string>;
  readonly answers: readonly KernelAnswer[];
  /** The host's state as the kernel dumps it (`runCasesInKernel(cases, { dumps: true })`). */
  readonly dumps?: KernelDumps;
}

/** What `ip -j … show` and `sysctl` print for the configured namespace. */
export interface KernelDumps {
  readonly links: string;
  readonly addrs: string;
  readonly rules4: string;
  readonly rules6: string;
  /** `ip -j route show table all`: both families. */
  readonly routes: string;
  readonly sysctls: string;
}

const DUMP_COMMANDS: Readonly<Record<keyof KernelDumps, string>> = {
  links: "ip -j link show",
  addrs: "ip -j addr show",
  rules4: "ip -j -4 rule show",
  rules6: "ip -j -6 rule show",
  routes: "ip -j route show table all",
  // The lines `sysctl -a -r '^net[.]ipv[46][.](ip_forward|conf[.])'` prints, in its order, from
  // only these subtrees: -a reads every file under /proc/sys (several times slower).
  sysctls: "sysctl net.ipv4.conf net.ipv4.ip_forward net.ipv4.ip_forward_update_priority net.ipv4.ip_forward_use_pmtu net.ipv6.conf 2>/dev/null",
};

/** Why namespaces cannot be used here, or undefined when they can. */
export function namespaceUnavailable(): string | undefined {
  if (process.platform !== "linux") return `not Linux (${process.platform})`;
  const probe = spawnSync("unshare", ["-n", "sh", "-c", "ip link add nsprobe0 type veth peer name nsprobe1 && ip link set dev lo up && ip -j route get 127.0.0.1"], {
    encoding: "utf8",
  });
  if (probe.error !== undefined) return `cannot run unshare: ${probe.error.message}`;
  if (probe.status !== 0) return `unshare -n / veth unavailable: ${(probe.stderr || probe.stdout).trim().split("\n")[0]}`;
  return undefined;
}

/** How many namespaces are set up at once. */
const LANES = 4;

function sh(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

interface Group {
  readonly options: string;
  /** Address lines: IPv6 ones finish (local routes inserted) in a work queue, after the command. */
  readonly addr: boolean;
  readonly lines: { readonly line: number; readonly text: string }[];
}

/** Batch lines grouped by their family options, original line numbers kept. */
function groupBatch(batch: string, family: 4 | 6): Group[] {
  const groups: Group[] = [];
  batch.split("\n").forEach((raw, i) => {
    const text = raw.replace(/#.*/, "").trim();
    if (text === "") return;
    const words = text.split(/\s+/);
    let k = 0;
    if (words[k] === "ip") k++;
    const opts: string[] = [];
    while (k < words.length && words[k].startsWith("-")) {
      const o = words[k++];
      if (o === "-f" || o === "-family") opts.push(o, words[k++]);
      else opts.push(o);
    }
    if (opts.length === 0 && family === 6) opts.push("-6");
    const options = opts.join(" ");
    const last = groups[groups.length - 1];
    const entry = { line: i + 1, text: words.slice(k).join(" ") };
    const isAddr = /^a(d(d(r(e(s(s)?)?)?)?)?)?$/.test(words[k] ?? "");
    // A group ends after address lines, so addrconf can settle before routes use them.
    if (last !== undefined && last.options === options && last.addr === isAddr) last.lines.push(entry);
    else groups.push({ options, addr: isAddr, lines: [entry] });
  });
  return groups;
}

/** A sysctl written as `sysctl -w` writes it (dots are the separators), by the shell itself. */
function writeSysctl(key: string, value: string): string {
  return `echo ${sh(value)} > ${sh(`/proc/sys/${key.replace(/\./g, "/")}`)}`;
}

/**
 * The script run in one fresh namespace. Few processes: sysctls are written by the shell, links
 * are made and brought up by one `ip -batch` each (a process start is most of a case's cost).
 */
function setupScript(dir: string, c: KernelCase, dumps: boolean): string {
  const out: string[] = [writeSysctl("net.ipv6.conf.all.accept_dad", "0"), writeSysctl("net.ipv6.conf.default.accept_dad", "0")];
  const sysctls = Object.entries(c.config.sysctls);
  const early = sysctls.filter(([k]) => k === "net.ipv4.ip_forward" || /\.conf\.(all|default)\./.test(k));
  const late = sysctls.filter((e) => !early.includes(e));
  for (const [k, v] of early) out.push(writeSysctl(k, v));
  const devices = makeDevices(c.config.devices).slice(1);
  const peer = (i: number): string => `nsp${i}`;
  const links = ["link set dev lo up", ...c.config.devices.map((d, i) => `link add name ${d.name} address ${formatMac(devices[i].mac)} type veth peer name ${peer(i)}`)];
  writeFileSync(join(dir, "links"), links.join("\n") + "\n");
  out.push(`ip -force -batch ${join(dir, "links")}`);
  c.config.devices.forEach((_, i) => out.push(writeSysctl(`net.ipv6.conf.${peer(i)}.disable_ipv6`, "1")));
  for (const [k, v] of late) out.push(writeSysctl(k, v));
  const up = c.config.devices.flatMap((d, i) => (d.state === "up" ? [`link set dev ${peer(i)} up`, `link set dev ${d.name} up`] : d.state === "nocarrier" ? [`link set dev ${d.name} up`] : []));
  if (up.length > 0) {
    writeFileSync(join(dir, "up"), up.join("\n") + "\n");
    out.push(`ip -force -batch ${join(dir, "up")}`);
  }
  // A link-local address's local route is inserted from a work queue: wait for every one. Both
  // lists come from one `ip -batch` (a route line starts `local fe80`, an address line holds
  // `inet6`; neither holds the other's mark) and are counted by the shell: one process a try.
  const settle = join(dir, "settle");
  writeFileSync(`${settle}.cmd`, "route show table local\naddr show scope link\n");
  out.push(
    `i=0; while [ $i -lt 100 ]; do ip -6 -batch ${settle}.cmd > ${settle}; r=0; a=0; while IFS= read -r l; do case $l in "local fe80"*) r=$((r + 1)) ;; *inet6*) a=$((a + 1)) ;; esac; done < ${settle}; [ $r -ge $a ] && break; sleep 0.01; i=$((i + 1)); done`,
  );
  groupBatch(c.config.batch, c.config.family).forEach((g, gi) => {
    const file = join(dir, `batch${gi}`);
    writeFileSync(file, g.lines.map((l) => l.text).join("\n") + "\n");
    writeFileSync(`${file}.map`, g.lines.map((l) => String(l.line)).join("\n"));
    out.push(`ip ${g.options} -force -batch ${file} > /dev/null 2> ${file}.err`);
    // nicsim models settled addresses: wait until no IPv6 address is still tentative.
    if (g.addr) out.push(`i=0; while [ $i -lt 100 ]; do ip -6 addr show tentative > ${file}.tentative; [ -s ${file}.tentative ] || break; sleep 0.01; i=$((i + 1)); done`);
  });
  if (dumps) for (const [name, command] of Object.entries(DUMP_COMMANDS)) out.push(`${command} > ${join(dir, `dump-${name}`)}`);
  writeFileSync(join(dir, "queries"), c.queries.map((q) => `route get ${q}`).join("\n") + "\n");
  out.push(`ip -j -force -batch ${join(dir, "queries")} > ${join(dir, "q.out")} 2> ${join(dir, "q.err")}`, "true");
  return out.join("\n") + "\n";
}

/** `Command failed FILE:N` lines → line N → the message printed just before. */
function failures(stderr: string): Map<number, string> {
  const lines = stderr.split("\n");
  const out = new Map<number, string>();
  let previous = "";
  for (const line of lines) {
    const m = /^Command failed .*:(\d+)$/.exec(line);
    if (m !== null) out.set(Number(m[1]), previous);
    else if (line.trim() !== "") previous = line.trim();
  }
  return out;
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/** Runs every case, each in its own namespace; with `dumps`, also captures the host's state. */
export function runCasesInKernel(cases: readonly KernelCase[], options: { readonly dumps?: boolean } = {}): KernelResult[] {
  const dumps = options.dumps === true;
  const root = mkdtempSync(join(tmpdir(), "nicsim-routing-"));
  try {
    const dirs = cases.map((c, i) => {
      const dir = join(root, String(i));
      mkdirSync(dir);
      writeFileSync(join(dir, "setup.sh"), setupScript(dir, c, dumps));
      return dir;
    });
    // Cases are independent (every sysctl they set is per namespace), so a few run at once: a case
    // spends much of its time waiting (process starts, addrconf's work queue, namespace set-up).
    const failed = join(root, "failed");
    const lanes = Array.from({ length: Math.min(LANES, dirs.length) }, (_, lane) =>
      dirs
        .filter((_, i) => i % LANES === lane)
        .map((d) => `unshare -n sh ${join(d, "setup.sh")} > ${join(d, "setup.log")} 2>&1 || echo ${d} >> ${failed}`)
        .join("\n"),
    );
    writeFileSync(join(root, "run.sh"), lanes.map((l) => `(\n${l}\n) &`).join("\n") + "\nwait\n");
    const run = spawnSync("sh", [join(root, "run.sh")], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`namespace driver failed: ${run.stderr}`);
    const unshareFailed = readText(failed).trim();
    if (unshareFailed !== "") throw new Error(`unshare -n failed for ${unshareFailed.split("\n").join(", ")}: ${readText(join(unshareFailed.split("\n")[0], "setup.log")).trim()}`);
    return cases.map((c, i) => {
      const dir = dirs[i];
      const lineErrors = new Map<number, string>();
      groupBatch(c.config.batch, c.config.family).forEach((_, gi) => {
        const map = readText(join(dir, `batch${gi}.map`)).split("\n").map(Number);
        for (const [n, message] of failures(readText(join(dir, `batch${gi}.err`)))) lineErrors.set(map[n - 1], message);
      });
      const failed = failures(readText(join(dir, "q.err")));
      const successes = readText(join(dir, "q.out"))
        .split("\n")
        .filter((l) => l.startsWith("["));
      let next = 0;
      const answers: KernelAnswer[] = c.queries.map((_, qi) => {
        const error = failed.get(qi + 1);
        if (error !== undefined) return { ok: false, error };
        const line = successes[next++];
        const parsed = line === undefined ? [] : (JSON.parse(line) as Record<string, unknown>[]);
        return { ok: true, json: parsed[0] ?? {} };
      });
      if (!dumps) return { lineErrors, answers };
      const read = (name: keyof KernelDumps): string => readText(join(dir, `dump-${name}`));
      const captured: KernelDumps = {
        links: read("links"),
        addrs: read("addrs"),
        rules4: read("rules4"),
        rules6: read("rules6"),
        routes: read("routes"),
        sysctls: read("sysctls"),
      };
      return { lineErrors, answers, dumps: captured };
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
