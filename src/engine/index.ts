/**
 * engine — the one simulation that owns simulated time.
 *
 * What it models, per CPU: rx rings (drop when full), a hard IRQ per queue (masked while its NAPI
 * is scheduled), net_rx_action rounds with the NAPI weight, netdev_budget and
 * netdev_budget_usecs (time_squeeze), RPS/RFS hand-offs to per-CPU backlogs with
 * netdev_max_backlog drops, the IPIs sent when a round ends, process_backlog with its quota
 * (net/core/dev.c: net_rx_action, napi_poll, enqueue_to_backlog, process_backlog, get_rps_cpu).
 * Costs per stage, with per-packet work scaled on a CPU of another NUMA node than the NIC's and
 * a surcharge per RPS hand-off between nodes (plan.ts `cpuWorkFactor`, `cpuNode`); SMT
 * siblings sharing a core: an item started while a sibling is busy runs at host.smtSpeed of its
 * solo speed (smt-cores.ts, docs/smt.md). GRO of bulk TCP bursts (gro-tables.ts;
 * net/core/gro.c): segments of a flow found in one NAPI poll merge up to 64 KiB and the stack,
 * or the RPS hand-off, runs once per aggregate.
 * Interrupt coalescing per queue (nics[].coalesce: rx-usecs from the first packet, rx-frames) and
 * NAPI's deferred interrupts (napi_defer_hard_irqs with a gro_flush_timeout repoll timer, as
 * napi_complete_done does): per-queue deadlines that wake their CPU with no new arrival
 * (interrupt-deadlines.ts `coalesceArrival`, `deferIrq`, `fireDue`; docs/coalescing.md).
 *
 * One job (job.ts `runJob`): `compilePlan` (plan.ts) turns the scenario into per-flow columns
 * (rx queue, IRQ CPU, RPS/RFS target, route verdict and extra cost, reply device) and costs in
 * ns; `Simulation` (simulation.ts) runs them against a `PacketSource` and returns `JobCounters`.
 *
 * Its parts, one file each:
 * - simulation-state.ts: the state (typed arrays allocated once per job) and the primitives every
 *   part uses (take a ring's head, hand a packet to a backlog, wake a CPU, RFS's choice);
 * - simulation.ts: the main loop (arrival batches, the event heap), the step machine (`runCpu`,
 *   `softirqStep`: NAPI rounds, polls, delivery, RPS hand-off, the round's end);
 * - rings and arrivals: arrival-columns.ts (the batch), per-cpu-list.ts (poll and IRQ lists),
 *   backlogs.ts (RPS backlogs), hand-off-channels.ts, sink-mail.ts and peer-mail.ts (hand-offs by
 *   mail to sinks and peers);
 * - one feature each: interrupt-deadlines.ts (coalescing, deferred IRQs, net DIM with
 *   net-dim.ts), gro-steps.ts (with gro-tables.ts), app-steps.ts (with app-threads.ts and
 *   cpu-sharing.ts), ingress-policing.ts and egress-path.ts (the caps), flow-routes.ts (route
 *   verdicts), irqbalance-timer.ts (rescans), smt-cores.ts (SMT);
 * - the loops: cpu-loops.ts chooses; isolated-cpus.ts is the tight loop of a CPU that serves one
 *   queue (finishing its packets, or handing them to sinks), sink-loop.ts that of a sink that
 *   takes no interrupt, peer-loop.ts that of a peer;
 * - counters.ts declares the counters, counters-of-state.ts reads them at the end.
 *
 * The arrival pipeline, per batch of 4,096 packets: generate in time order (traffic/packet-source.ts
 * `fill`, or `fillBursts` for bulk TCP bursts, which also marks each burst's PSH segment) → with an ingress cap, police each packet in that order (ingress-policing.ts
 * `fillPoliced`) → partition per interrupt CPU → each CPU takes its arrivals into its rings at
 * its step boundaries. (Without a cap, `fill` partitions as it generates.)
 * Replies leave through the egress shapers (egress-path.ts) in time order once no CPU can
 * deliver earlier. irqbalance rescans run as timer events of the generator (irqbalance-timer.ts).
 *
 * Each CPU's loop is chosen when the simulation is built (cpu-loops.ts):
 * - isolated (isolated-cpus.ts): a CPU that takes one queue's interrupt, finishes every packet
 *   of it, is reached by no other CPU, whose queue neither coalesces nor defers its interrupt nor
 *   moves with irqbalance, runs a four-state tight loop through a whole arrival batch (route
 *   verdicts and replies are per-flow columns it reads at delivery), its ring a window of its
 *   arrival columns (SMT threads that slow each other run there together, in time order, when all
 *   are isolated);
 * - sink (hand-off-channels.ts): a CPU that only receives RPS hand-offs (RFS off, no working SMT
 *   sibling) replays them from its channels, a batch at a time, off the event heap (in sink-loop.ts
 *   when it takes no queue's interrupt);
 * - sender running ahead: a CPU that hands packets only to sinks and takes none runs ahead of the
 *   heap (in the isolated loop when it serves one queue), posting its hand-offs to its channels;
 * - peer (peer-mail.ts, peer-loop.ts): an interrupt CPU that steers to others and takes hand-offs
 *   from them (rps_cpus ffff, vendor-default) takes them by mail too, and runs a tight loop on the
 *   heap up to the earliest time a CPU that steers to it could post it the next one (its senders'
 *   `safe` times) — not every other CPU's next step (a CPU that steers to its own backlog and to
 *   sinks or peers but takes nothing runs the peer loop too, ahead to the next arrival batch);
 * - every other CPU runs the step machine (simulation.ts `runCpu`/`softirqStep`) on an event heap
 *   ordered by (time, CPU) (actor-heap.ts); in the fast engine it polls a NAPI (a ring or its
 *   backlog) packet by packet in one inner loop.
 * GRO (plan.gro) keeps every CPU on the step machine, its inner loop off (cpu-loops.ts).
 * All compute the same thing: `runJob(…, "generic")` runs every CPU on the step machine,
 * one step at a time, and tests hold the fast loops to it byte for byte.
 * `Simulation#run(progress)` reports the simulated time done once per arrival batch.
 * The first job turns V8's on-stack replacement off for the process (v8-tiering.ts): hot loops are
 * optimised between calls, so a process no longer lands at random on slower code for them.
 *
 * Outputs: `JobCounters`, declared once in counters.ts (`JOB_COUNTERS`: each counter's name and
 * kind; the codec, the merge of replications and the result rows derive from it) —
 * offered/delivered/dropped/in-flight counts for the measurement window, a latency histogram
 * (arrival at the NIC → end of stack processing), per-queue and per-CPU counters named after
 * /proc/net/softnet_stat (processed, dropped, time_squeeze, received_rps), each backlog's
 * high-water mark, route-verdict drops, the caps' counters and irqbalance's moves.
 * Config keys: `kernel.*`, `costs.*`, `run.*` (see config/).
 */
export { compilePlan, type Plan, type CostNs } from "./plan.js";
export { Simulation, type JobProgress } from "./simulation.js";
export { JOB_COUNTERS, mergeJobCounters, type JobCounters } from "./counters.js";
export { runJob } from "./job.js";
