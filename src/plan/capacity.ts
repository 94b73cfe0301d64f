/**
 * `capacity`: a scenario and an SLO in, the capacity document out — configurations from the
 * scenario's sweep (the load axis taken out), one probe runner for the whole search.
 */
import { GENERATOR } from "../version.js";
import { CAPACITY_KIND, CAPACITY_SCHEMA_VERSION, type CapacityDocument, type SloTermRecord } from "./capacity-model.js";
import { DEFAULT_RANGE, DEFAULT_RESOLUTION, searchCapacity } from "./capacity-search.js";
import { configurationsOf, scenarioAt, type LoadAxis } from "./load-axis.js";
import { ProbeRunner } from "./probe-runner.js";
import type { Slo, SloTerm } from "./slo.js";

/** What `capacity` and `tune` both take: a scenario, an SLO, the load axis searched, and how to run the probes. */
export interface SloSearchRequest {
  /** The scenario file's name, and its document as parsed. */
  readonly source: string;
  readonly raw: unknown;
  readonly slo: Slo;
  readonly axis: LoadAxis;
  readonly replications: number;
  /** Worker threads (1: in-process). */
  readonly threads: number;
  /** The search's resolution (default DEFAULT_RESOLUTION). */
  readonly resolution?: number;
  /** Overrides the scenario's run.seed. */
  readonly seed?: number;
  readonly workerFile?: string | URL;
  readonly signal?: AbortSignal;
}

export interface CapacityRequest extends SloSearchRequest {
  readonly range?: number;
  /** Where every search starts (default: the scenario's load). */
  readonly start?: number;
  readonly onRound?: (probes: number) => void;
}

export function sloRecord(slo: Slo): CapacityDocument["slo"] {
  const unit = (t: SloTerm): SloTermRecord["unit"] => (t.figure.kind === "latency" ? "ns" : t.figure.kind === "dropRate" ? "pps" : "fraction");
  return { text: slo.text, terms: slo.terms.map((t) => ({ text: t.text, name: t.name, limit: t.limit, unit: unit(t) })) };
}

export async function capacityOf(request: CapacityRequest): Promise<CapacityDocument> {
  const { axis, slo, replications } = request;
  const configs = configurationsOf(request.raw, axis, request.start);
  const seed = request.seed ?? scenarioAt(configs[0], axis, configs[0].start).run.seed;
  const resolution = request.resolution ?? DEFAULT_RESOLUTION;
  const runner = new ProbeRunner({
    seed,
    replications,
    threads: request.threads,
    ...(request.workerFile === undefined ? {} : { workerFile: request.workerFile }),
    ...(request.signal === undefined ? {} : { signal: request.signal }),
  });
  try {
    const configurations = await searchCapacity(configs, runner, seed, {
      slo,
      axis,
      resolution,
      range: request.range ?? DEFAULT_RANGE,
      ...(request.onRound === undefined ? {} : { onRound: request.onRound }),
    });
    return {
      kind: CAPACITY_KIND,
      schemaVersion: CAPACITY_SCHEMA_VERSION,
      generator: GENERATOR,
      source: request.source,
      scenario: request.raw,
      slo: sloRecord(slo),
      loadAxis: axis.path,
      resolution,
      replications,
      seed,
      configurations,
      work: { probes: configurations.reduce((n, c) => n + c.probes.length, 0), jobs: runner.jobs },
    };
  } finally {
    await runner.close();
  }
}

