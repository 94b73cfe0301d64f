import type { Scenario } from "../config/scenario.js";
import { PacketSource } from "../traffic/packet-source.js";
import { DedicatedCpuSimulation, runsOnDedicatedCpus } from "./dedicated-cpu-simulation.js";
import { compilePlan } from "./plan.js";
import { Simulation, type JobCounters } from "./simulation.js";

/** Which engine runs a job: the specialised one where the plan fits it (same results), or the generic one. */
export type EngineChoice = "auto" | "generic";

/**
 * One job: compile the scenario for this seed, run it, return its counters. Single-threaded and
 * exactly reproducible: the same scenario and seed give the same counters, bit for bit, whichever
 * engine runs it (`generic` forces the general engine, the oracle of the specialised one).
 */
export function runJob(scenario: Scenario, seed: number, engine: EngineChoice = "auto"): JobCounters {
  const plan = compilePlan(scenario, seed);
  const source = new PacketSource(scenario.traffic, seed);
  if (engine === "auto" && runsOnDedicatedCpus(plan)) return new DedicatedCpuSimulation(plan, source, seed).run();
  return new Simulation(plan, source, seed).run();
}
