import type { FlowWeights, Scenario, SweepPoint } from "../../config/scenario.js";
import { compileFlowRss } from "../../engine/plan.js";
import { textTable } from "../../report/text-table.js";
import { describeHashFields, formatHashFields } from "../../rss/fields.js";
import { formatIndirSpec } from "../../rss/indirection.js";
import { queueSpread, tableSizeEffect, type QueueSpread, type TableSizeEffect } from "../../rss/spread.js";
import { deriveSeed } from "../../traffic/prng.js";
import { onePositional, parseCommand, parseSeed, stringOption } from "../parse.js";
import { loadCommandScenario } from "../scenario-notices.js";

/** Expected packet share weight of each flow, as traffic/packet-source.ts draws flows (null = equal). */
export function flowWeightsOf(weights: FlowWeights, flows: number): Float64Array | null {
  if (weights.kind === "uniform") return null;
  const w = new Float64Array(flows);
  for (let k = 0; k < flows; k++) w[k] = Math.pow(k + 1, -weights.s);
  return w;
}

interface PointSpread {
  readonly params: SweepPoint["params"];
  readonly nic: string;
  readonly queues: number;
  readonly flowType: string;
  readonly fields: string;
  /** The hashed fields by name, in input order ("src dst sport dport"). */
  readonly input: string;
  readonly key: string;
  readonly hfunc: string;
  readonly inputXfrm: string;
  readonly indir: string;
  readonly indirSize: number;
  readonly flows: number;
  readonly weights: string;
  readonly spread: QueueSpread;
  /** Present when the queue count is not a power of two. */
  readonly tableSizes?: readonly TableSizeEffect[];
}

function pointSpread(point: SweepPoint, index: number, seedOverride: number | undefined): PointSpread {
  const scenario: Scenario = point.scenario;
  const seed = deriveSeed(seedOverride ?? scenario.run.seed, index, 0);
  const rss = compileFlowRss(scenario, seed);
  const nic = scenario.nics[rss.nic];
  const weights = flowWeightsOf(scenario.traffic.weights, rss.flows.count);
  const spec = nic.rss.keySpec;
  const powerOfTwo = (nic.queues & (nic.queues - 1)) === 0;
  return {
    params: point.params,
    nic: nic.name,
    queues: nic.queues,
    flowType: rss.flowType,
    fields: formatHashFields(rss.fields),
    input: describeHashFields(rss.fields),
    key: spec.kind === "random" ? "random" : spec.name,
    hfunc: nic.rss.hfunc,
    inputXfrm: nic.rss.inputXfrm,
    indir: formatIndirSpec(nic.rss.indir),
    indirSize: nic.rss.indirSize,
    flows: rss.flows.count,
    weights: scenario.traffic.weights.kind === "uniform" ? "uniform" : `zipf ${scenario.traffic.weights.s}`,
    spread: queueSpread(rss.flowNicQueue, weights, nic.queues),
    ...(powerOfTwo ? {} : { tableSizes: tableSizeEffect(nic.queues) }),
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function pointText(p: PointSpread): string {
  const params = Object.entries(p.params).map(([k, v]) => `${k}=${v}`).join(", ");
  const rows = p.spread.perQueue.map((q) => [q.queue, q.flows, pct(q.flows / p.flows), pct(q.share)]);
  const out = [
    `point ${params === "" ? "(no sweep)" : params}`,
    `${p.nic}: ${p.queues} queue${p.queues === 1 ? "" : "s"}, table ${p.indirSize} entries "${p.indir}", ${p.flowType} hashed on ${p.fields} (${p.input}), key ${p.key}, hfunc ${p.hfunc}${p.inputXfrm === "none" ? "" : `, xfrm ${p.inputXfrm}`}`,
    `${p.flows} flows, weights ${p.weights}`,
    "",
    textTable(["queue", "flows", "flows %", "packets %"], rows),
    "",
    `imbalance (max/mean): packets ${p.spread.packetImbalance.toFixed(2)}, flows ${p.spread.flowImbalance.toFixed(2)}`,
  ];
  if (p.tableSizes !== undefined) {
    out.push(
      "",
      `table-size effect, default fill over ${p.queues} queues (size = multiple × queues rounded up to a power of two):`,
      textTable(
        ["multiple", "size", "entries/queue", "max/mean", "entry gap"],
        p.tableSizes.map((t) => [`${t.multiple}x`, t.size, `${t.minEntries}-${t.maxEntries}`, t.maxOverMean.toFixed(3), pct(t.entryGap)]),
      ),
      "entry gap = (max - min) / max entries per queue: how much less the emptiest queue gets than the fullest.",
    );
  }
  return out.join("\n");
}

export function rssSpreadCommand(args: readonly string[]): number {
  const parsed = parseCommand("rss spread", args, { seed: { type: "string" }, json: { type: "boolean" } });
  const path = onePositional("rss spread", parsed.positionals, "SCENARIO file");
  const seed = parseSeed(stringOption(parsed, "seed"));
  const file = loadCommandScenario(path);
  const points = file.points.map((point, i) => pointSpread(point, i, seed));
  if (parsed.values.json === true) {
    process.stdout.write(`${JSON.stringify({ source: file.source, points }, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(`${points.map(pointText).join("\n\n")}\n`);
  return 0;
}
