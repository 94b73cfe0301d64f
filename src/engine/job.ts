import type { Scenario } from "../config/scenario.js";
import { PacketSource } from "../traffic/packet-source.js";
import { compilePlan } from "./plan.js";
import { Simulation, type JobCounters, type JobProgress } from "./simulation.js";

/**
 * How a job runs: `auto` picks the specialised loops where the plan allows them (same results);
 * `generic` runs every CPU that another can reach on the event heap, step by step in time order
 * — the oracle the specialised loops are tested against.
 */
export type EngineChoice = "auto" | "generic";

/**
 * One job: compile the scenario for this seed, run it, return its counters. Single-threaded and
 * exactly reproducible: the same scenario and seed give the same counters, bit for bit, whichever
 * engine runs it (`generic` forces the general engine, the oracle of the specialised one).
 */
export function runJob(scenario: Scenario, seed: number, engine: EngineChoice = "auto", progress?: JobProgress): JobCounters {
  const plan = compilePlan(scenario, seed);
  const source = new PacketSource(scenario.traffic, seed);
  return new Simulation(plan, source, seed, undefined, { fast: engine === "auto" }).run(progress);
}
