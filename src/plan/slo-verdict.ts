/**
 * Judging one probe (one configuration at one load, several replications) against an SLO.
 *
 * Each replication is an independent run (its own seed), so its figures are i.i.d. samples.
 * A term with two or more replications is judged on the 95 % interval of their mean
 * (report/confidence.ts): `pass` when the whole interval meets the limit, `fail` when none of it
 * does, `unsure` otherwise. With one replication the figure itself decides (the simulation is
 * exact for its seed). A probe passes only when every term passes: an unsure term counts as not
 * met, so the capacity is the load at which the SLO is met with 95 % confidence.
 */
import type { JobCounters } from "../engine/counters.js";
import { meanInterval } from "../report/confidence.js";
import { meetsLimit, type Slo, type SloTerm } from "./slo.js";

export type TermVerdict = "pass" | "fail" | "unsure";

export interface TermOutcome {
  readonly term: string;
  /** Mean over the replications, in the term's unit (ns, fraction, packets/s). */
  readonly mean: number;
  /** 95 % interval of the mean (equal to the mean with one replication). */
  readonly low: number;
  readonly high: number;
  readonly verdict: TermVerdict;
}

/** Receive-path drops of a job: ring, backlog and ingress cap (route verdicts do not depend on load). */
export function receiveDrops(j: JobCounters): number {
  return j.dropsRxRing + j.dropsBacklog + j.dropsIngressCap;
}

/** The busiest CPU's share of the measurement window. */
export function busiestCpu(j: JobCounters): number {
  let max = 0;
  for (let c = 0; c < j.cpuBusyNs.length; c++) max = Math.max(max, j.cpuBusyNs[c] / j.windowNs);
  return max;
}

/** A term's figure in one replication. */
export function termFigure(term: SloTerm, j: JobCounters): number {
  const f = term.figure;
  switch (f.kind) {
    case "latency": {
      const h = j.latency;
      if (h.totalCount === 0) return 0;
      if (f.stat !== "percentile") return f.stat === "max" ? h.max : h.mean;
      // As the reports do: HdrHistogram's bucket top, never above the exact maximum.
      return Math.min(h.valueAtPercentile(f.percentile), h.max);
    }
    case "dropShare":
      return j.offeredPackets === 0 ? 0 : receiveDrops(j) / j.offeredPackets;
    case "dropRate":
      return receiveDrops(j) / (j.windowNs / 1e9);
    case "cpu":
      return busiestCpu(j);
    case "inFlight":
      return j.offeredPackets === 0 ? 0 : j.inFlight / j.offeredPackets;
  }
}

export function judgeTerm(term: SloTerm, jobs: readonly JobCounters[]): TermOutcome {
  const values = jobs.map((j) => termFigure(term, j));
  if (values.length === 1) {
    const v = values[0];
    return { term: term.text, mean: v, low: v, high: v, verdict: meetsLimit(term, v) ? "pass" : "fail" };
  }
  const { mean, low, high } = meanInterval(values);
  const verdict: TermVerdict = meetsLimit(term, high) ? "pass" : !meetsLimit(term, low) ? "fail" : "unsure";
  return { term: term.text, mean, low, high, verdict };
}

export function judgeSlo(slo: Slo, jobs: readonly JobCounters[]): { readonly pass: boolean; readonly terms: readonly TermOutcome[] } {
  const terms = slo.terms.map((t) => judgeTerm(t, jobs));
  return { pass: terms.every((t) => t.verdict === "pass"), terms };
}
