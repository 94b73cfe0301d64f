import type { ScenarioFile } from "../config/scenario.js";
import type { SettingsContext } from "../report/settings-note.js";

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

/** The `run` fields the header marks `(default)` when the scenario file does not set them. */
const RUN_FIELDS = ["duration", "warmup", "seed", "replications"] as const;

/**
 * What the settings lines above a table need besides the result: which `run` fields the file left
 * to their defaults (neither set nor swept), whether `--seed` overrode the seed, and the threads.
 */
export function settingsContext(file: ScenarioFile, seedOption: number | undefined, threads: number): SettingsContext {
  const raw = isObject(file.raw) ? file.raw : {};
  const run = isObject(raw.run) ? raw.run : {};
  const sweep = isObject(raw.sweep) ? raw.sweep : {};
  const defaulted = new Set(RUN_FIELDS.filter((f) => run[f] === undefined && sweep[`run.${f}`] === undefined));
  return { defaulted, seedOption: seedOption !== undefined, threads };
}
