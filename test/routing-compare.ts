/**
 * Compares nicsim's answers with the kernel's: per batch line the refusal text, per query the
 * decision fields (type, dev, gateway, table, prefsrc, or the error text) and the whole
 * `ip -j route get` object. For an ECMP answer any of nicsim's `paths` may be the kernel's.
 */
import { answerToIpJson, compileRouting } from "../src/routing/index.js";
import type { FibImplementation, RouteGetResult, RoutingConfig, RoutingTables } from "../src/routing/index.js";
import { formatAddress } from "../src/routing/inet.js";
import type { KernelAnswer, KernelResult } from "./routing-kernel-namespace.js";

export interface Disagreement {
  readonly where: string;
  /** "line" (a refusal), "decision" (a decision field or error text), "json" (anything else printed). */
  readonly kind: "line" | "decision" | "json";
  readonly nicsim: string;
  readonly kernel: string;
}

export interface Comparison {
  readonly lines: number;
  readonly queries: number;
  readonly disagreements: Disagreement[];
}

const DECISION_KEYS = ["type", "dev", "gateway", "table", "prefsrc"] as const;

function decision(json: Record<string, unknown>): string {
  return JSON.stringify(DECISION_KEYS.map((k) => json[k] ?? null));
}

/**
 * The object as text; an IPv6 ECMP group's `nexthops` sorted, since the kernel lists them from
 * the member its flow hash picked.
 */
function canonical(json: Record<string, unknown>, family: 4 | 6): string {
  const nexthops = json.nexthops;
  if (family !== 6 || !Array.isArray(nexthops)) return JSON.stringify(json);
  return JSON.stringify({ ...json, nexthops: nexthops.map((n) => JSON.stringify(n)).sort() });
}

/** iproute2's key order (`print_route`). */
const KEY_ORDER = ["type", "dst", "from", "tos", "gateway", "dev", "table", "protocol", "scope", "prefsrc", "metric", "flags", "mark", "uid", "cache", "iif", "pref", "nexthops"];

function ordered(json: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of KEY_ORDER) if (json[k] !== undefined) out[k] = json[k];
  return out;
}

/** nicsim's JSON, once per ECMP path (with that path's gateway, dev and source). */
function candidates(tables: RoutingTables, r: Extract<RouteGetResult, { ok: true }>): Record<string, unknown>[] {
  const base = answerToIpJson(tables.state, r.answer);
  const paths = r.answer.paths;
  if (paths === undefined) return [base];
  const f = r.answer.family;
  return paths.map((p) =>
    ordered({
      ...base,
      dev: tables.state.devName(p.dev),
      gateway: p.gateway === undefined ? undefined : formatAddress(f, p.gateway),
      prefsrc: p.prefsrc === undefined ? undefined : formatAddress(f, p.prefsrc),
    }),
  );
}

export function compareWithKernel(
  name: string,
  config: RoutingConfig,
  queries: readonly string[],
  kernel: KernelResult,
  impl: FibImplementation = "fast",
): Comparison {
  const tables = compileRouting(config);
  const out: Disagreement[] = [];
  const seen = new Set<number>();
  for (const l of tables.lines) {
    seen.add(l.line);
    const k = kernel.lineErrors.get(l.line);
    if ((l.error ?? "") !== (k ?? "")) out.push({ where: `${name}: line ${l.line} "${l.text}"`, kind: "line", nicsim: l.error ?? "(applied)", kernel: k ?? "(applied)" });
  }
  for (const [line, k] of kernel.lineErrors) {
    if (!seen.has(line)) out.push({ where: `${name}: line ${line}`, kind: "line", nicsim: "(no such line)", kernel: k });
  }
  queries.forEach((q, i) => {
    const mine = tables.get(q, impl);
    const theirs: KernelAnswer = kernel.answers[i];
    const where = `${name}: route get ${q}`;
    if (!mine.ok || !theirs.ok) {
      const a = mine.ok ? JSON.stringify(answerToIpJson(tables.state, mine.answer)) : mine.error;
      const b = theirs.ok ? JSON.stringify(theirs.json) : theirs.error;
      if (mine.ok !== theirs.ok || a !== b) out.push({ where, kind: "decision", nicsim: a, kernel: b });
      return;
    }
    const options = candidates(tables, mine);
    const kd = decision(theirs.json);
    const match = options.find((o) => decision(o) === kd);
    if (match === undefined) {
      out.push({ where, kind: "decision", nicsim: JSON.stringify(options[0]), kernel: JSON.stringify(theirs.json) });
      return;
    }
    if (canonical(match, mine.answer.family) !== canonical(theirs.json, mine.answer.family)) out.push({ where, kind: "json", nicsim: JSON.stringify(match), kernel: JSON.stringify(theirs.json) });
  });
  return { lines: tables.lines.length, queries: queries.length, disagreements: out };
}
