import type { Scenario } from "../config/scenario.js";
import { PacketSource } from "../traffic/packet-source.js";
import { compilePlan } from "./plan.js";
import { Simulation, type JobCounters } from "./simulation.js";

/**
 * One job: compile the scenario for this seed, run it, return its counters. Single-threaded and
 * exactly reproducible: the same scenario and seed give the same counters, bit for bit.
 */
export function runJob(scenario: Scenario, seed: number): JobCounters {
  const plan = compilePlan(scenario, seed);
  const source = new PacketSource(scenario.traffic, seed);
  return new Simulation(plan, source, seed).run();
}
