/**
 * A service-level objective: upper limits on figures of a run, written as
 * `p99<=100us,drops<=0.01%,cpu<=80%`.
 *
 * Terms (each `NAME<=VALUE` or `NAME<VALUE`, joined by commas):
 * - latency: `pN` for any percentile N in (0, 100] (`p50`, `p99`, `p99.9`; `p999` is p99.9),
 *   `max`, `mean`; VALUE with a unit `ns`, `us` (or `µs`), `ms`, `s`. The latency is the
 *   receive path's (arrival at the NIC to the end of stack processing), the one the result
 *   document reports.
 * - `drops`: packets dropped on the receive path (ring, backlog, ingress cap; not route
 *   verdicts, which no load changes) as a share of the offered packets — `0.01%` or a fraction
 *   `0.0001` — or as a rate, `100pps`.
 * - `cpu`: the busiest CPU's utilization, `80%` or `0.8`.
 * - `in-flight`: packets still queued (rings, backlogs) at the end of the window, as a share of
 *   the offered packets (`in-flight<=5%`). A load above what the host can drain fills the queues
 *   before it drops anything, and a run shorter than the time to fill them ends before any drop:
 *   a drops-only SLO then passes an overloaded host. A latency term, this term or longer runs
 *   catch it. Not added by default: NAPI batching keeps some packets queued at any moment, so a
 *   fixed share misjudges short runs.
 * Only upper limits exist: every figure here gets worse as load grows.
 */
export type SloFigure =
  | { readonly kind: "latency"; readonly stat: "percentile"; readonly percentile: number }
  | { readonly kind: "latency"; readonly stat: "max" | "mean" }
  | { readonly kind: "dropShare" }
  | { readonly kind: "dropRate" }
  | { readonly kind: "cpu" }
  | { readonly kind: "inFlight" };

export interface SloTerm {
  /** The term as written, without spaces (`p99<=100us`). */
  readonly text: string;
  /** Short name (`p99`, `drops`, `cpu`). */
  readonly name: string;
  readonly figure: SloFigure;
  /** `<=` (met at the limit) or `<`. */
  readonly inclusive: boolean;
  /** In the figure's own unit: ns for latency, a fraction for drop share and cpu, packets/s for drop rate. */
  readonly limit: number;
}

export interface Slo {
  readonly text: string;
  readonly terms: readonly SloTerm[];
}

export class SloError extends Error {
  override readonly name = "SloError";
}

const TERM = /^([a-z][a-z0-9.-]*)(<=|<)(.+)$/;
const NUMBER = /^(\d+(?:\.\d+)?(?:e[-+]?\d+)?)(.*)$/i;
const LATENCY_UNITS: Readonly<Record<string, number>> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9 };

function latencyFigure(name: string): SloFigure | undefined {
  if (name === "max" || name === "mean") return { kind: "latency", stat: name };
  if (name === "p999") return { kind: "latency", stat: "percentile", percentile: 99.9 };
  const m = /^p(\d+(?:\.\d+)?)$/.exec(name);
  if (m === null) return undefined;
  const percentile = Number(m[1]);
  if (!(percentile > 0 && percentile <= 100)) throw new SloError(`--slo ${name}: a percentile must be above 0 and at most 100`);
  return { kind: "latency", stat: "percentile", percentile };
}

function parseTerm(raw: string): SloTerm {
  const text = raw.replace(/\s+/g, "");
  const m = TERM.exec(text);
  if (m === null) throw new SloError(`--slo "${raw.trim()}": not a term; write NAME<=VALUE, e.g. p99<=100us, drops<=0.01%, cpu<=80%`);
  const [, name, op, valueText] = m;
  const num = NUMBER.exec(valueText);
  if (num === null) throw new SloError(`--slo ${text}: "${valueText}" is not a number with a unit`);
  const value = Number(num[1]);
  const unit = num[2];
  const fail = (allowed: string): never => {
    throw new SloError(`--slo ${text}: "${valueText}" is not ${allowed}`);
  };
  const inclusive = op === "<=";
  const latency = latencyFigure(name);
  if (latency !== undefined) {
    const scale = LATENCY_UNITS[unit];
    if (scale === undefined) fail("a latency with a unit (ns, us, ms, s)");
    return { text, name, figure: latency, inclusive, limit: value * scale };
  }
  if (name === "drops") {
    if (unit === "%") return { text, name, figure: { kind: "dropShare" }, inclusive, limit: value / 100 };
    if (unit === "") return value <= 1 ? { text, name, figure: { kind: "dropShare" }, inclusive, limit: value } : fail("a share (0.01%, or a fraction up to 1) or a rate (100pps)");
    if (unit === "pps") return { text, name, figure: { kind: "dropRate" }, inclusive, limit: value };
    return fail("a share (0.01%, or a fraction up to 1) or a rate (100pps)");
  }
  if (name === "cpu") {
    const share = unit === "%" ? value / 100 : unit === "" ? value : Number.NaN;
    if (!(share >= 0 && share <= 1)) fail("a utilization from 0 to 100% (or 0 to 1)");
    return { text, name, figure: { kind: "cpu" }, inclusive, limit: share };
  }
  if (name === "in-flight") {
    const share = unit === "%" ? value / 100 : unit === "" ? value : Number.NaN;
    if (!(share >= 0 && share <= 1)) fail("a share of the offered packets (1%, or a fraction up to 1)");
    return { text, name, figure: { kind: "inFlight" }, inclusive, limit: share };
  }
  throw new SloError(`--slo ${text}: unknown figure "${name}" (latency pN, max, mean; drops; cpu; in-flight)`);
}

/** Parse `--slo` text; throws SloError naming the bad term. */
export function parseSlo(text: string): Slo {
  const parts = text.split(",").filter((p) => p.trim() !== "");
  if (parts.length === 0) throw new SloError("--slo: empty; give terms such as p99<=100us,drops<=0.01%");
  const terms = parts.map(parseTerm);
  const seen = new Set<string>();
  for (const t of terms) {
    const key = t.figure.kind === "latency" ? t.name : t.figure.kind;
    if (seen.has(key)) throw new SloError(`--slo: "${t.name}" is limited twice`);
    seen.add(key);
  }
  return { text: terms.map((t) => t.text).join(","), terms };
}

/** Whether a figure meets a term's limit. */
export function meetsLimit(term: SloTerm, value: number): boolean {
  return term.inclusive ? value <= term.limit : value < term.limit;
}
