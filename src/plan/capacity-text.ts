/**
 * The capacity document for people: a terminal table or a Markdown table, one row per
 * configuration — its capacity, the bracket it is known to, CPU use and the SLO figures at it,
 * and what binds just above it (the SLO terms not met there, and the point's bottleneck).
 */
import { markdownTable } from "../report/markdown-table.js";
import { textTable } from "../report/text-table.js";
import type { CapacityDocument, CapacityResult, SloTermRecord } from "./capacity-model.js";

/** A load for tables: 1234567 → 1234567; 12.5 → 12.5. */
const load = (x: number): string => String(+x.toFixed(4));
const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** An SLO figure in the term's unit for people: 12.3us, 0.012%, 35pps. */
export function figureText(term: SloTermRecord, value: number): string {
  if (term.unit === "ns") return value >= 1e6 ? `${+(value / 1e6).toFixed(3)}ms` : `${+(value / 1e3).toFixed(value >= 1e5 ? 0 : 1)}us`;
  if (term.unit === "pps") return `${+value.toFixed(1)}pps`;
  return term.name === "cpu" || term.name === "in-flight" ? `${+(value * 100).toFixed(1)}%` : `${+(value * 100).toPrecision(3)}%`;
}

export function bracketText(c: CapacityResult): string {
  const { low, high } = c.bracket;
  if (high === null) return `met at ${load(low ?? 0)} (highest tried)`;
  if (low === null) return `not met at ${load(high)} (lowest tried)`;
  return `${load(low)}–${load(high)}`;
}

function header(doc: CapacityDocument): string[] {
  const params = doc.configurations.length > 0 ? Object.keys(doc.configurations[0].params) : [];
  return [
    ...params,
    `capacity (${doc.loadAxis})`,
    "bracket",
    "delivered Mpps",
    "cpu max",
    "cpu mean",
    ...doc.slo.terms.map((t) => `${t.name} at capacity`),
    "binds above",
    "bottleneck above",
  ];
}

function row(doc: CapacityDocument, c: CapacityResult): (string | number)[] {
  const at = c.atCapacity;
  const above = c.aboveCapacity;
  return [
    ...Object.values(c.params),
    load(c.capacity),
    bracketText(c),
    at ? (at.deliveredPps / 1e6).toFixed(3) : "-",
    at ? pct(at.cpuMax) : "-",
    at ? pct(at.cpuMean) : "-",
    ...doc.slo.terms.map((t, i) => {
      const o = at?.terms[i];
      if (o === undefined) return "-";
      return doc.replications > 1 ? `${figureText(t, o.mean)} (≤${figureText(t, o.high)})` : figureText(t, o.mean);
    }),
    above === null ? "-" : c.binding.join(" ") || "-",
    above?.bottleneck ?? "-",
  ];
}

function intro(doc: CapacityDocument): string {
  const reps = doc.replications > 1 ? `${doc.replications} replications per probe, met when the 95% interval is within the limit` : "1 replication per probe";
  return `capacity under ${doc.slo.text} along ${doc.loadAxis}: ${reps}; resolution ${+(doc.resolution * 100).toFixed(3)}%; seed ${doc.seed}`;
}

function outro(doc: CapacityDocument): string {
  return `${doc.work.probes} probes, ${doc.work.jobs} simulation jobs`;
}

export function capacityTable(doc: CapacityDocument): string {
  return `${intro(doc)}\n\n${textTable(header(doc), doc.configurations.map((c) => row(doc, c)))}\n\n${outro(doc)}\n`;
}

export function capacityMarkdown(doc: CapacityDocument): string {
  return `${intro(doc)}\n\n${markdownTable(header(doc), doc.configurations.map((c) => row(doc, c)))}\n\n${outro(doc)}\n`;
}
