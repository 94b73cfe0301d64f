/**
 * Property-based fuzzing (fast-check, fixed seeds) of what nicsim reads from users: scenario
 * files (YAML, JSON, arbitrary text), routing configurations (`ip -batch` text and `route get`
 * query lines) and host dumps (`ip -j link/addr/rule/route show`, `sysctl -a`). Thousands of
 * generated documents per run; each must be accepted, or refused with an error the command
 * turns into exit 2 and one line (UsageError, ConfigError, LoadError; QueryError for a query
 * line) — never another exception, which the command would print as "internal error".
 * Slower than most test files (a few seconds): about 5,500 documents and 2,000 query lines.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { loadRoutingConfig } from "../src/cli/commands/route-config.js";
import { UsageError } from "../src/cli/usage-error.js";
import { ConfigError, LoadError, loadScenarioText } from "../src/config/index.js";
import { compileRouting, parseRouteQuery, QueryError } from "../src/routing/index.js";

/** Refusals the CLI prints as `nicsim: MESSAGE` with exit 2. */
function isRefusal(error: unknown): error is Error {
  return error instanceof UsageError || error instanceof ConfigError || error instanceof LoadError;
}

/** Runs `work`; a refusal must be one line. Returns what escaped otherwise, for the property to fail on. */
function outcome(work: () => void, allowed: (error: unknown) => boolean = isRefusal): string | undefined {
  try {
    work();
    return undefined;
  } catch (error) {
    if (!allowed(error)) return `escaped: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
    const message = (error as Error).message;
    if (message.includes("\n") || message.trim() === "") return `not one line: ${JSON.stringify(message)}`;
    return undefined;
  }
}

const BASE = {
  host: { cpus: 8, ghz: 2.5 },
  nics: [{ name: "eth0", addresses: ["10.0.0.1/24"], maxQueues: 8, queues: 4, ringSize: 1024, xps: "f", coalesce: { rxUsecs: 8 } }],
  irq: { policy: "round-robin" },
  traffic: { flows: 100, src: "192.0.2.0/24", dst: "10.0.0.1", load: { pps: 100000 } },
  app: { threads: "0-3", threadsPerCpu: 2, reply: { size: 100 } },
  run: { duration: "1ms", warmup: "0s", seed: 1 },
};

/** Every path into BASE (keys and list indices), plus a few new keys at each mapping. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
    for (const k of ["sweep", "bandwidth", "routing", "costs", "rps", "rss", "bulk", "gro", "__proto__", "x"]) out.push([...prefix, k]);
  }
  return out;
}
const PATHS = pathsOf(BASE);

const leaf = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 1e15, 1e308, 5e-324, 0, -1, 2 ** 32, 2 ** 53),
  fc.string({ maxLength: 12 }),
  fc.constantFrom("1ms", "0.2s", "1e9s", "10.0.0.0/8", "::1/128", "eth0", "ff", "0-3", "irqbalance", "__proto__", "constructor", "nics[0].queues", "queues", "traffic.load.pps"),
  fc.boolean(),
  fc.constant(null),
);
const { value: anyValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, fc.array(tie("value"), { maxLength: 4 }), fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("queues", "pps", "mbps", "policy", "cpus", "name", "duration", "__proto__")), tie("value"), { maxKeys: 4 })),
}));

/** BASE with one to three values replaced (or added) at its paths. */
const mutatedScenario = fc.array(fc.tuple(fc.nat(PATHS.length - 1), anyValue), { minLength: 1, maxLength: 3 }).map((edits) => {
  const doc = structuredClone(BASE) as Record<string, unknown>;
  for (const [i, value] of edits) {
    const path = PATHS[i];
    if (path.length === 0) continue;
    let at: unknown = doc;
    for (const step of path.slice(0, -1)) at = typeof at === "object" && at !== null ? (at as Record<string | number, unknown>)[step] : undefined;
    if (typeof at === "object" && at !== null) Object.defineProperty(at, path[path.length - 1], { value, enumerable: true, writable: true, configurable: true });
  }
  return doc;
});

describe("fuzzing the scenario loader", () => {
  it("mutated scenarios as YAML or JSON: accepted or refused in one line", () => {
    // YAML costs ten times JSON to write and read: one document in three is YAML.
    fc.assert(
      fc.property(mutatedScenario, fc.nat(2), (doc, format) => {
        const text = format === 0 ? stringify(doc) : JSON.stringify(doc);
        expect(outcome(() => loadScenarioText(text, format === 0 ? "fuzz.yaml" : "fuzz.json"))).toBeUndefined();
      }),
      { seed: 19, numRuns: 1000 },
    );
  });

  it("arbitrary values and text: accepted or refused in one line", () => {
    fc.assert(
      fc.property(anyValue, fc.string({ maxLength: 200, unit: "grapheme-composite" }), (value, text) => {
        expect(outcome(() => loadScenarioText(JSON.stringify(value) ?? "null", "fuzz.json"))).toBeUndefined();
        expect(outcome(() => loadScenarioText(text, "fuzz.yaml"))).toBeUndefined();
      }),
      { seed: 20, numRuns: 1000 },
    );
  });
});

const WORDS = [
  "ip", "route", "rule", "addr", "address", "add", "del", "replace", "append", "change", "flush", "show", "default", "via", "dev", "table", "from", "to", "pref",
  "priority", "lookup", "prohibit", "unreachable", "blackhole", "throw", "local", "nat", "metric", "src", "scope", "link", "host", "global", "proto", "kernel",
  "iif", "oif", "fwmark", "mark", "tos", "dsfield", "uidrange", "ipproto", "sport", "dport", "not", "goto", "suppress_prefixlength", "nexthop", "weight",
  "-6", "-4", "-f", "inet6", "eth0", "eth1", "lo", "main", "all", "1001", "253", "0x10/0xff", "10.0.0.0/24", "10.0.0.1", "10.0.0.254", "0.0.0.0/0", "192.0.2.7",
  "2001:db8::/64", "2001:db8::1", "::/0", "256.1.1.1", "10.0.0.0/33", "-1", "4294967296", "1-65535", "'", '"', '"a b"', "#", "\\", "", "fibmatch", "from", "uid",
];
const batchLine = fc.array(fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), { maxLength: 12 }).map((w) => w.join(" "));
const batchText = fc.array(batchLine, { maxLength: 8 }).map((lines) => ["ip addr add 10.0.0.1/24 dev eth0", ...lines].join("\n"));

describe("fuzzing the routing batch parser and route get queries", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "nicsim-fuzz-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("ip -batch text and query lines: accepted (refused lines listed) or refused in one line", () => {
    const file = join(dir, "batch.txt");
    fc.assert(
      fc.property(batchText, fc.array(batchLine, { maxLength: 4 }), fc.constantFrom(undefined, "inet", "inet6"), (text, queries, family) => {
        writeFileSync(file, text);
        let config: ReturnType<typeof loadRoutingConfig> | undefined;
        expect(outcome(() => (config = loadRoutingConfig([file], { devices: undefined, family })))).toBeUndefined();
        if (config === undefined) return;
        const tables = compileRouting(config);
        for (const line of queries) {
          expect(outcome(() => tables.get(parseRouteQuery(line)), (e) => e instanceof QueryError)).toBeUndefined();
        }
      }),
      { seed: 21, numRuns: 1000 },
    );
  });
});

const DUMPS = ["links.json", "addrs.json", "rules.json", "rules6.json", "routes.json", "routes6.json"];
const DUMP_KEYS = [
  "ifindex", "ifname", "flags", "mtu", "operstate", "link", "link_type", "address", "addr_info", "family", "local", "prefixlen", "scope", "label",
  "priority", "src", "srclen", "dst", "dstlen", "table", "iif", "oif", "fwmark", "tos", "action", "gateway", "dev", "metric", "protocol", "type", "prefsrc", "nexthops",
];

describe("fuzzing the ip -j dump importers", () => {
  let dir = "";
  let originals: Record<string, unknown[]> = {};
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "nicsim-fuzz-dumps-"));
    originals = Object.fromEntries(DUMPS.map((name) => [name, JSON.parse(readFileSync(join("examples/host-dumps", name), "utf8")) as unknown[]]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** One real dump with up to three of its entries' fields replaced, removed or added. */
  const mutatedDump = fc.tuple(
    fc.constantFrom(...DUMPS),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...DUMP_KEYS), fc.oneof(anyValue, fc.constant(undefined))), { minLength: 1, maxLength: 3 }),
  );

  it("mutated dumps, alone and with the others of the host: accepted or refused in one line", () => {
    fc.assert(
      fc.property(mutatedDump, fc.boolean(), ([name, edits], withOthers) => {
        const entries = structuredClone(originals[name]) as Record<string, unknown>[];
        for (const [i, key, value] of edits) {
          const entry = entries[i % entries.length];
          if (value === undefined) delete entry[key];
          else Object.defineProperty(entry, key, { value, enumerable: true, writable: true, configurable: true });
        }
        const file = join(dir, name);
        writeFileSync(file, JSON.stringify(entries));
        const others = withOthers ? DUMPS.filter((n) => n !== name).map((n) => join("examples/host-dumps", n)) : [];
        let config: ReturnType<typeof loadRoutingConfig> | undefined;
        expect(outcome(() => (config = loadRoutingConfig([file, ...others], { devices: undefined, family: undefined })))).toBeUndefined();
        if (config !== undefined) compileRouting(config);
      }),
      { seed: 22, numRuns: 500 },
    );
  });

  it("arbitrary JSON arrays of dump-like entries: accepted or refused in one line", () => {
    const entry = fc.dictionary(fc.constantFrom(...DUMP_KEYS), anyValue, { maxKeys: 6 });
    const file = join(dir, "dump.json");
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 4 }), (entries) => {
        writeFileSync(file, JSON.stringify(entries));
        let config: ReturnType<typeof loadRoutingConfig> | undefined;
        expect(outcome(() => (config = loadRoutingConfig([file], { devices: undefined, family: undefined })))).toBeUndefined();
        if (config !== undefined) compileRouting(config);
      }),
      { seed: 23, numRuns: 500 },
    );
  });
});
