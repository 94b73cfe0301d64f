/**
 * Baseline vs current capacity documents, for a CI gate that fails when capacity drops.
 *
 * Both must come from the same scenario, SLO, load axis, seed and replications. Per
 * configuration: change = (current − baseline) / baseline of the capacities; `regression` when
 * the capacity fell by more than the threshold and the current bracket lies wholly below the
 * baseline's (current.high ≤ baseline.low: the drop is more than the search's resolution),
 * `noise` when it fell by more than the threshold but the brackets touch, `improved` when it
 * rose by more than the threshold, else `ok`.
 */
import { CompareInputError } from "../report/compare.js";
import { formatChange } from "../report/compare-text.js";
import { firstDifference } from "../report/first-difference.js";
import { markdownTable } from "../report/markdown-table.js";
import { textTable } from "../report/text-table.js";
import type { CapacityDocument, CapacityResult } from "./capacity-model.js";

export type CapacityVerdict = "ok" | "improved" | "regression" | "noise";

export interface CapacityChange {
  readonly label: string;
  readonly baseline: number;
  readonly current: number;
  readonly change: number;
  readonly verdict: CapacityVerdict;
}

export interface CapacityComparison {
  readonly threshold: number;
  readonly loadAxis: string;
  readonly slo: string;
  readonly configurations: readonly CapacityChange[];
  readonly regressions: number;
}

const labelOf = (c: CapacityResult): string =>
  Object.keys(c.params).length === 0 ? "scenario" : Object.entries(c.params).map(([k, v]) => `${k}=${v}`).join(",");

export interface NamedCapacity {
  readonly name: string;
  readonly doc: CapacityDocument;
}

function checkComparable(base: NamedCapacity, cur: NamedCapacity): void {
  const fail = (why: string): never => {
    throw new CompareInputError(why);
  };
  const where = firstDifference(base.doc.scenario, cur.doc.scenario);
  if (where !== undefined) fail(`${base.name} and ${cur.name} come from different scenarios (they first differ at ${where})`);
  if (base.doc.slo.text !== cur.doc.slo.text) fail(`${base.name} and ${cur.name} have different SLOs (${base.doc.slo.text} vs ${cur.doc.slo.text})`);
  if (base.doc.loadAxis !== cur.doc.loadAxis) fail(`${base.name} and ${cur.name} search different load axes (${base.doc.loadAxis} vs ${cur.doc.loadAxis})`);
  if (base.doc.seed !== cur.doc.seed || base.doc.replications !== cur.doc.replications) fail(`${base.name} and ${cur.name} were run with different seeds or replications`);
  const labels = (d: CapacityDocument): string => d.configurations.map(labelOf).join(" ");
  if (labels(base.doc) !== labels(cur.doc)) fail(`${base.name} and ${cur.name} have different configurations`);
}

function judge(b: CapacityResult, c: CapacityResult, threshold: number): CapacityChange {
  const change = b.capacity === c.capacity ? 0 : b.capacity === 0 ? Number.POSITIVE_INFINITY : (c.capacity - b.capacity) / b.capacity;
  let verdict: CapacityVerdict = "ok";
  if (change < -threshold) {
    const below = c.bracket.high !== null && b.bracket.low !== null && c.bracket.high <= b.bracket.low;
    verdict = below || c.capacity === 0 ? "regression" : "noise";
  } else if (change > threshold) {
    verdict = "improved";
  }
  return { label: labelOf(b), baseline: b.capacity, current: c.capacity, change, verdict };
}

export function compareCapacity(base: NamedCapacity, cur: NamedCapacity, threshold: number): CapacityComparison {
  checkComparable(base, cur);
  const configurations = base.doc.configurations.map((b, i) => judge(b, cur.doc.configurations[i], threshold));
  return {
    threshold,
    loadAxis: base.doc.loadAxis,
    slo: base.doc.slo.text,
    configurations,
    regressions: configurations.filter((c) => c.verdict === "regression").length,
  };
}

export function capacityCompareSummary(c: CapacityComparison): string {
  const tail = `(threshold ${+(c.threshold * 100).toFixed(3)}%; capacity under ${c.slo})`;
  const n = c.configurations.length;
  if (c.regressions === 0) return `No capacity regression in ${n} configuration${n === 1 ? "" : "s"} ${tail}.`;
  return `${c.regressions} capacity regression${c.regressions === 1 ? "" : "s"} in ${n} configurations ${tail}.`;
}

function rows(c: CapacityComparison): { header: string[]; body: string[][] } {
  return {
    header: ["configuration", `capacity base (${c.loadAxis})`, "capacity now", "change", "verdict"],
    body: c.configurations.map((x) => [x.label, String(x.baseline), String(x.current), formatChange(x.change), x.verdict === "regression" ? "REGRESSION" : x.verdict]),
  };
}

export function capacityCompareTable(c: CapacityComparison): string {
  const { header, body } = rows(c);
  return `${textTable(header, body)}\n\n${capacityCompareSummary(c)}\n`;
}

export function capacityCompareMarkdown(c: CapacityComparison): string {
  const { header, body } = rows(c);
  return `### nicsim compare (capacity)\n\n${c.regressions === 0 ? "✅" : "❌"} ${capacityCompareSummary(c)}\n\n${markdownTable(header, body)}\n`;
}
