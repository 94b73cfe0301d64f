/**
 * Capacity under an SLO: for each configuration, the highest load that meets it.
 *
 * Bracket, then bisect. From the configuration's start load, double while the SLO holds (or
 * halve while it fails) until one load passes and the next fails; then probe the middle of the
 * bracket until (high − low) ≤ resolution × high. Every configuration advances one probe per
 * round and a round's probes run together on the pool. The search assumes that a figure gets
 * worse as load grows; common random numbers (probe-runner.ts) keep the noise from breaking that
 * between neighbouring loads, and a probe passes only when its 95 % intervals meet the limits
 * (slo-verdict.ts). Every probe is kept, so a reader can check the bracket.
 */
import type { Scenario } from "../config/scenario.js";
import type { JobCounters } from "../engine/counters.js";
import { pointResult } from "../report/point-result.js";
import type { CapacityResult, CapacityStatus, ProbeRecord } from "./capacity-model.js";
import { roundLoad, scenarioAt, type Configuration, type LoadAxis } from "./load-axis.js";
import type { ProbeRunner } from "./probe-runner.js";
import type { Slo } from "./slo.js";
import { judgeSlo } from "./slo-verdict.js";

export interface CapacitySearchOptions {
  readonly slo: Slo;
  readonly axis: LoadAxis;
  /** Relative width at which a bracket is narrow enough (0.01 = 1 %). */
  readonly resolution: number;
  /** The search stays within start / range … start × range. */
  readonly range: number;
  /** Called after each round with the probes run so far. */
  readonly onRound?: (probes: number) => void;
}

export const DEFAULT_RESOLUTION = 0.01;
export const DEFAULT_RANGE = 4096;

const label = (params: Readonly<Record<string, number | string>>): string =>
  Object.keys(params).length === 0 ? "scenario" : Object.entries(params).map(([k, v]) => `${k}=${v}`).join(",");

/** One probe's record: the SLO verdict and the pooled figures of its replications. */
export function probeRecord(scenario: Scenario, params: Configuration["params"], load: number, slo: Slo, jobs: readonly JobCounters[], seed: number): ProbeRecord {
  const verdict = judgeSlo(slo, jobs);
  const point = pointResult(scenario, params, seed, jobs);
  return {
    load,
    pass: verdict.pass,
    terms: verdict.terms,
    offeredPps: point.offered.pps,
    deliveredPps: point.delivered.pps,
    cpuMax: point.cpuUtilization.max,
    busiestCpu: point.perCpu.reduce((best, c) => (c.utilization > point.perCpu[best].utilization ? c.cpu : best), 0),
    cpuMean: point.cpuUtilization.mean,
    bottleneck: point.bottleneck ?? "none",
  };
}

class SearchState {
  low: ProbeRecord | null = null;
  high: ProbeRecord | null = null;
  status: CapacityStatus | null = null;
  readonly probes: ProbeRecord[] = [];

  constructor(
    readonly config: Configuration,
    private readonly options: CapacitySearchOptions,
  ) {}

  /** The next load to probe, or undefined when the search of this configuration is over. */
  next(): number | undefined {
    if (this.status !== null) return undefined;
    const { axis, resolution, range } = this.options;
    const start = roundLoad(axis, this.config.start);
    const lo = this.low?.load;
    const hi = this.high?.load;
    if (lo === undefined && hi === undefined) return start;
    if (hi === undefined) {
      const up = roundLoad(axis, Math.min((lo ?? start) * 2, start * range));
      if (up <= (lo ?? start)) return this.finish("above-range");
      return up;
    }
    if (lo === undefined) {
      const down = roundLoad(axis, Math.max(hi / 2, start / range));
      if (down >= hi || down <= 0) return this.finish("below-range");
      return down;
    }
    const mid = roundLoad(axis, (lo + hi) / 2);
    if (hi - lo <= resolution * hi || mid <= lo || mid >= hi) return this.finish("bracketed");
    return mid;
  }

  private finish(status: CapacityStatus): undefined {
    this.status = status;
    return undefined;
  }

  record(probe: ProbeRecord): void {
    this.probes.push(probe);
    if (probe.pass) {
      if (this.low === null || probe.load > this.low.load) this.low = probe;
    } else if (this.high === null || probe.load < this.high.load) {
      this.high = probe;
    }
  }

  result(): CapacityResult {
    const above = this.high;
    return {
      params: this.config.params,
      capacity: this.low?.load ?? 0,
      bracket: { low: this.low?.load ?? null, high: above?.load ?? null },
      status: this.status ?? "bracketed",
      atCapacity: this.low,
      aboveCapacity: above,
      binding: above === null ? [] : above.terms.filter((t) => t.verdict !== "pass").map((t) => t.term),
      probes: this.probes,
    };
  }
}

/** Search every configuration's capacity; configurations keep their order. */
export async function searchCapacity(
  configs: readonly Configuration[],
  runner: ProbeRunner,
  seed: number,
  options: CapacitySearchOptions,
): Promise<CapacityResult[]> {
  const states = configs.map((c) => new SearchState(c, options));
  let probes = 0;
  for (;;) {
    const round = states.flatMap((state, k) => {
      const load = state.next();
      return load === undefined ? [] : [{ k, load }];
    });
    if (round.length === 0) break;
    const requests = round.map(({ k, load }) => ({
      configuration: configs[k].seedIndex ?? k,
      scenario: scenarioAt(configs[k], options.axis, load),
      label: `${label(configs[k].params)} at ${options.axis.path}=${load}`,
    }));
    const counters = await runner.run(requests);
    round.forEach(({ k, load }, i) => states[k].record(probeRecord(requests[i].scenario, configs[k].params, load, options.slo, counters[i], seed)));
    probes += round.length;
    options.onRound?.(probes);
  }
  return states.map((s) => s.result());
}
