/** Shared by the compare-* tests: a real result document and ways to make it worse. */
import { loadScenarioFile } from "../src/config/load.js";
import { runScenario } from "../src/pool/run-scenario.js";
import type { PointResult, RunResult } from "../src/report/result-model.js";

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };
export type EditablePoint = Mutable<PointResult>;

/** The pool sweep (6 points) with `replications` replications, as a plain JSON copy. */
export function sampleResult(replications: number): RunResult {
  const file = loadScenarioFile("test/fixtures/pool/sweep.yaml");
  const raw = { ...(file.raw as Record<string, unknown>), run: { duration: "3ms", warmup: "0.5ms", seed: 7, replications } };
  const points = file.points.map((p) => ({ ...p, scenario: { ...p.scenario, run: { ...p.scenario.run, replications } } }));
  return JSON.parse(JSON.stringify(runScenario({ ...file, raw, points }))) as RunResult;
}

/** A deep copy of `result` with `edit` applied to every point. */
export function edited(result: RunResult, edit: (p: EditablePoint, i: number) => void): RunResult {
  const copy = JSON.parse(JSON.stringify(result)) as Mutable<RunResult>;
  copy.points.forEach((p, i) => edit(p, i));
  return copy as RunResult;
}
