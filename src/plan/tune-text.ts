/**
 * The tune document for people: how much of the space was evaluated, the top candidates with
 * their score and what binds them, how far each is from the current setting, and why the best
 * wins over the runner-up.
 */
import { markdownTable } from "../report/markdown-table.js";
import { textTable } from "../report/text-table.js";
import type { Evaluation, TuneDocument } from "./tune-model.js";

const pct = (x: number): string => `${Math.round(x * 100)}%`;

function intro(doc: TuneDocument): string {
  const c = doc.coverage;
  const objective = doc.objective === "capacity" ? `highest ${doc.loadAxis} meeting ${doc.slo.text}` : `fewest CPUs busy at ${doc.loadAxis}=${doc.load} meeting ${doc.slo.text}`;
  const how = doc.strategy === "exhaustive" ? "exhaustive search" : `coordinate descent from the current settings${c.budget === null ? "" : ` (budget ${c.budget} host states)`}`;
  return [
    `tune: ${objective}; ${doc.replications} replication${doc.replications === 1 ? "" : "s"} per probe; seed ${doc.seed}`,
    `${how}: evaluated ${c.combinations} of ${doc.space.combinations} combinations (${c.simulated} distinct host states simulated, ${c.refused} refused)`,
    `space: ${doc.space.dimensions.map((d) => `${d.name} ${d.values.join("|")}`).join("; ")}`,
  ].join("\n");
}

function header(doc: TuneDocument): string[] {
  const score = doc.objective === "capacity" ? ["capacity", "bracket", "cpu max at it"] : ["CPUs busy", "meets SLO", "cpu max"];
  const has = (name: string): boolean => doc.space.dimensions.some((d) => d.name === name);
  return ["rank", "queues", "irq", "rps", "indir", ...(has("rfs") ? ["rfs"] : []), ...(has("coalesce") ? ["coalesce"] : []), ...score, "binds", "bottleneck", "changes from current"];
}

function row(doc: TuneDocument, e: Evaluation, rank: number): (string | number)[] {
  const s = e.settings;
  const rfs = doc.space.dimensions.some((d) => d.name === "rfs") ? [s.rfs] : [];
  const coalesce = doc.space.dimensions.some((d) => d.name === "coalesce") ? [s.coalesce ?? "current"] : [];
  const p = doc.objective === "capacity" ? e.above : e.at;
  const score =
    doc.objective === "capacity"
      ? [e.score, e.bracket ? `${e.bracket.low ?? "-"}–${e.bracket.high ?? "-"}` : "-", e.at ? pct(e.at.cpuMax) : "-"]
      : [e.score, e.pass ? "yes" : "no", e.at ? pct(e.at.cpuMax) : "-"];
  return [rank, s.queues, s.irq, s.rps, s.indir, ...rfs, ...coalesce, ...score, e.binding.join(" ") || "-", p?.bottleneck ?? "-", e.changes.length === 0 ? "(current)" : e.changes.join(", ")];
}

function body(doc: TuneDocument, top: number): { header: string[]; rows: (string | number)[][] } {
  return { header: header(doc), rows: doc.ranking.slice(0, top).map((e, i) => row(doc, e, i + 1)) };
}

function outro(doc: TuneDocument): string {
  const cur = doc.current;
  const rank = cur === null ? -1 : doc.ranking.findIndex((e) => e.changes.length === 0);
  const current = cur === null ? "current settings: refused (see the refused list)" : `current settings rank ${rank + 1} of ${doc.ranking.length}`;
  return `${current}\nwhy: ${doc.why}\n${doc.work.probes} probes, ${doc.work.jobs} simulation jobs`;
}

export function tuneTable(doc: TuneDocument, top = 10): string {
  const b = body(doc, top);
  return `${intro(doc)}\n\n${textTable(b.header, b.rows)}\n\n${outro(doc)}\n`;
}

export function tuneMarkdown(doc: TuneDocument, top = 10): string {
  const b = body(doc, top);
  return `${intro(doc).split("\n").join("  \n")}\n\n${markdownTable(b.header, b.rows)}\n\n${outro(doc).split("\n").join("  \n")}\n`;
}
