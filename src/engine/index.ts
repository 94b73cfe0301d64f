/**
 * engine — the discrete-event core that owns simulated time.
 *
 * Models the receive path per CPU: rx rings (drop when full), hard IRQ per queue (masked while
 * its NAPI is scheduled), net_rx_action rounds with NAPI weight, netdev_budget and
 * netdev_budget_usecs (time_squeeze), RPS hand-off to per-CPU backlogs with netdev_max_backlog
 * drops, IPIs sent at the end of a round, process_backlog with its quota.
 * Inputs: a compiled `Plan` (per-flow facts, costs in ns) and a `PacketSource`.
 * Outputs: `JobCounters` — offered/delivered/dropped/in-flight counts for the measurement window,
 * a latency histogram (arrival at the NIC → end of stack processing), per-queue and per-CPU
 * counters named after /proc/net/softnet_stat (processed, dropped, time_squeeze, received_rps).
 * Config keys: `kernel.*`, `costs.*`, `run.*` (see config/).
 * See also: facts/linux-rx-path.md (c), (d).
 */
export { compilePlan, type Plan, type CostNs } from "./plan.js";
export { Simulation, type JobCounters } from "./simulation.js";
export { runJob } from "./job.js";
