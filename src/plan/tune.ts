/**
 * `tune`: search the host settings (tune-space.ts) for the best under an SLO, on the pool.
 *
 * Objectives: `capacity` — the highest load meeting the SLO (a capacity search per candidate);
 * `cpu` — the fewest CPUs busy at the scenario's own load among candidates meeting the SLO
 * there. Every candidate's probes use the same seeds (configuration 0 in probe-runner.ts):
 * common random numbers, so candidates differ by their settings, not their luck, and the result
 * is the same for a seed whatever the thread count or batch order.
 *
 * Strategies: `coordinate-descent` (default) starts from the scenario's own settings and, one
 * dimension at a time, tries every value of it with the others held, moving to the best, until
 * a whole pass changes nothing or `budget` distinct host states have been simulated;
 * `exhaustive` evaluates every combination of a small space. Ranking: meets the SLO, then the
 * score, then fewer changes from the current setting, then the label (a total order).
 */
import { ConfigError } from "../config/errors.js";
import type { Scenario } from "../config/scenario.js";
import { validateScenario } from "../config/validate.js";
import { GENERATOR } from "../version.js";
import { sloRecord, type SloSearchRequest } from "./capacity.js";
import { DEFAULT_RANGE, DEFAULT_RESOLUTION, probeRecord, searchCapacity } from "./capacity-search.js";
import { roundLoad, valueAtPath } from "./load-axis.js";
import { ProbeRunner } from "./probe-runner.js";
import { TUNE_KIND, TUNE_SCHEMA_VERSION, type Evaluation, type Objective, type Refused, type Strategy, type TuneDocument } from "./tune-model.js";
import { buildCandidate, changesFrom, settingsLabel, tuneSpace, writesCoalescing, type Candidate, type Settings, type TuneSpace } from "./tune-space.js";

export const DEFAULT_BUDGET = 60;
/** `--exhaustive` refuses spaces larger than this. */
export const MAX_EXHAUSTIVE = 5000;

export interface TuneRequest extends SloSearchRequest {
  readonly objective: Objective;
  readonly exhaustive: boolean;
  /** Distinct host states to simulate at most (coordinate descent). */
  readonly budget?: number;
  readonly onProgress?: (simulated: number) => void;
}

type Ok = Extract<Candidate, { ok: true }>;

/** Best first: meets the SLO, better score, fewer changes, label. */
export function compareEvaluations(objective: Objective, a: Evaluation, b: Evaluation): number {
  if (a.pass !== b.pass) return a.pass ? -1 : 1;
  const byScore = objective === "capacity" ? b.score - a.score : a.score - b.score;
  if (byScore !== 0) return byScore;
  if (a.changes.length !== b.changes.length) return a.changes.length - b.changes.length;
  const la = settingsLabel(a.settings);
  const lb = settingsLabel(b.settings);
  return la < lb ? -1 : la > lb ? 1 : 0;
}

class Evaluator {
  readonly byFingerprint = new Map<string, Omit<Evaluation, "settings" | "changes">>();
  readonly refused: Refused[] = [];
  /** Combinations looked at (by label); the ones that built, with their host state. */
  readonly seen = new Set<string>();
  readonly visited = new Map<string, { readonly settings: Settings; readonly fingerprint: string }>();
  probes = 0;

  constructor(
    private readonly request: TuneRequest,
    private readonly raw: Readonly<Record<string, unknown>>,
    private readonly base: Scenario,
    private readonly space: TuneSpace,
    private readonly runner: ProbeRunner,
    private readonly seed: number,
    private readonly load: number,
  ) {}

  get simulated(): number {
    return this.byFingerprint.size;
  }

  /** Evaluate `settings` (cached by host state); `budget` bounds the new host states simulated. */
  async evaluate(list: readonly Settings[], budget: number): Promise<Evaluation[]> {
    const candidates: Ok[] = [];
    const fresh = new Map<string, Ok>();
    for (const settings of list) {
      const key = settingsLabel(settings);
      const c = buildCandidate(this.raw, this.base, settings, this.seed);
      if (!c.ok) {
        if (!this.seen.has(key)) this.refused.push({ settings, reason: c.reason });
        this.seen.add(key);
        continue;
      }
      if (!this.byFingerprint.has(c.fingerprint) && !fresh.has(c.fingerprint)) {
        if (this.simulated + fresh.size >= budget) continue;
        fresh.set(c.fingerprint, c);
      }
      this.seen.add(key);
      this.visited.set(key, { settings, fingerprint: c.fingerprint });
      candidates.push(c);
    }
    await this.simulate([...fresh.values()]);
    return candidates.map((c) => ({ settings: c.settings, changes: changesFrom(this.space.current, c.settings), ...this.byFingerprint.get(c.fingerprint)! }));
  }

  private async simulate(list: readonly Ok[]): Promise<void> {
    if (list.length === 0) return;
    const { axis, slo } = this.request;
    if (this.request.objective === "capacity") {
      const configs = list.map((c) => ({ params: {}, document: c.document, start: this.load, seedIndex: 0 }));
      const results = await searchCapacity(configs, this.runner, this.seed, { slo, axis, resolution: this.request.resolution ?? DEFAULT_RESOLUTION, range: DEFAULT_RANGE });
      list.forEach((c, i) => {
        const r = results[i];
        this.probes += r.probes.length;
        this.byFingerprint.set(c.fingerprint, {
          applied: c.applied,
          pass: r.atCapacity !== null,
          score: r.capacity,
          bracket: r.bracket,
          at: r.atCapacity,
          above: r.aboveCapacity,
          binding: r.binding,
        });
      });
    } else {
      const counters = await this.runner.run(list.map((c) => ({ configuration: 0, scenario: c.scenario, label: settingsLabel(c.settings) })));
      list.forEach((c, i) => {
        const probe = probeRecord(c.scenario, {}, this.load, slo, counters[i], this.seed);
        this.probes += 1;
        this.byFingerprint.set(c.fingerprint, {
          applied: c.applied,
          pass: probe.pass,
          score: Math.round(probe.cpuMean * c.scenario.host.cpus * 1000) / 1000,
          at: probe,
          above: null,
          binding: probe.terms.filter((t) => t.verdict !== "pass").map((t) => t.term),
        });
      });
    }
    this.request.onProgress?.(this.simulated);
  }
}

function allCombinations(space: TuneSpace): Settings[] {
  let out: Array<Record<string, number | string>> = [{}];
  for (const d of space.dimensions) out = out.flatMap((partial) => d.values.map((v) => ({ ...partial, [d.name]: v })));
  return out.map((s) => ({ ...space.current, ...s }) as Settings);
}

async function coordinateDescent(ev: Evaluator, space: TuneSpace, objective: Objective, budget: number): Promise<void> {
  let best = (await ev.evaluate([space.current], budget))[0];
  if (best === undefined) return;
  for (let changed = true; changed; ) {
    changed = false;
    for (const d of space.dimensions) {
      const tries = d.values.map((v) => ({ ...best.settings, [d.name]: v }) as Settings);
      const results = await ev.evaluate(tries, budget);
      const top = [...results].sort((a, b) => compareEvaluations(objective, a, b))[0];
      if (top !== undefined && compareEvaluations(objective, top, best) < 0) {
        best = top;
        changed = true;
      }
      if (ev.simulated >= budget) return;
    }
  }
}

function why(objective: Objective, ranking: readonly Evaluation[]): string {
  const a = ranking[0];
  // The runner-up: the best candidate that scores differently (equal scores say nothing about why).
  const b = ranking.find((e) => e.pass !== a?.pass || e.score !== a?.score);
  if (a === undefined) return "no candidate could be simulated";
  const describe = (e: Evaluation): string => {
    const unit = objective === "capacity" ? `capacity ${e.score}` : `${e.score} CPUs busy`;
    const p = objective === "capacity" ? e.above : e.at;
    const limit = p === null ? "the SLO held at every load tried" : `${e.binding.join(", ") || "nothing"} binds, bottleneck ${p.bottleneck}, busiest CPU ${p.busiestCpu} at ${Math.round(p.cpuMax * 100)}%`;
    return `${settingsLabel(e.settings)}: ${e.pass ? unit : "SLO not met"} (${limit})`;
  };
  if (b === undefined) return `every candidate simulated scores the same — ${describe(a)}`;
  return `best ${describe(a)}; runner-up ${describe(b)}`;
}

export async function tune(request: TuneRequest): Promise<TuneDocument> {
  const raw = request.raw;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new ConfigError("", "the scenario must be a mapping");
  const doc = raw as Record<string, unknown>;
  if (doc.sweep !== undefined) throw new ConfigError("sweep", "tune searches the settings itself; give a scenario without a sweep");
  const base = validateScenario(doc);
  const axis = request.axis;
  const startValue = valueAtPath(doc, axis.path);
  if (typeof startValue !== "number" || !(startValue > 0)) throw new ConfigError(axis.path, "no positive load here to start from");
  const load = roundLoad(axis, startValue);
  const seed = request.seed ?? base.run.seed;
  const space = tuneSpace(base, writesCoalescing(doc, base));
  if (request.exhaustive && space.size > MAX_EXHAUSTIVE) {
    throw new ConfigError("", `--exhaustive: the space has ${space.size} combinations, more than ${MAX_EXHAUSTIVE}; use the default search with --budget`);
  }
  const strategy: Strategy = request.exhaustive ? "exhaustive" : "coordinate-descent";
  const budget = request.exhaustive ? Number.POSITIVE_INFINITY : (request.budget ?? DEFAULT_BUDGET);
  const runner = new ProbeRunner({
    seed,
    replications: request.replications,
    threads: request.threads,
    ...(request.workerFile === undefined ? {} : { workerFile: request.workerFile }),
    ...(request.signal === undefined ? {} : { signal: request.signal }),
  });
  const ev = new Evaluator(request, doc, base, space, runner, seed, load);
  let current: Evaluation | null;
  try {
    current = (await ev.evaluate([space.current], budget))[0] ?? null;
    if (request.exhaustive) {
      const all = allCombinations(space);
      for (let i = 0; i < all.length; i += 64) await ev.evaluate(all.slice(i, i + 64), budget);
    } else {
      await coordinateDescent(ev, space, request.objective, budget);
    }
  } finally {
    await runner.close();
  }
  // One evaluation per host state: the settings that reached it first in the ranking's order.
  const states = new Map<string, Evaluation>();
  for (const { settings, fingerprint } of ev.visited.values()) {
    const e = ev.byFingerprint.get(fingerprint);
    if (e === undefined) continue;
    const candidate: Evaluation = { settings, changes: changesFrom(space.current, settings), ...e };
    const held = states.get(fingerprint);
    if (held === undefined || compareEvaluations(request.objective, candidate, held) < 0) states.set(fingerprint, candidate);
  }
  const ranking = [...states.values()].sort((a, b) => compareEvaluations(request.objective, a, b));
  const best = ranking[0];
  const bestCandidate = best === undefined ? undefined : buildCandidate(doc, base, best.settings, seed);
  return {
    kind: TUNE_KIND,
    schemaVersion: TUNE_SCHEMA_VERSION,
    generator: GENERATOR,
    source: request.source,
    scenario: raw,
    slo: sloRecord(request.slo),
    objective: request.objective,
    loadAxis: axis.path,
    load,
    replications: request.replications,
    seed,
    strategy,
    space: { dimensions: space.dimensions, combinations: space.size },
    coverage: { combinations: ev.seen.size, simulated: ev.simulated, refused: ev.refused.length, budget: Number.isFinite(budget) ? budget : null },
    current,
    ranking,
    refused: ev.refused,
    why: why(request.objective, ranking),
    bestScenario: bestCandidate?.ok ? bestCandidate.document : null,
    work: { probes: ev.probes, jobs: runner.jobs },
  };
}
