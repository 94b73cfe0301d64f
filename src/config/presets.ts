/**
 * Built-in scenarios. `BENCH_SCENARIO` is what `nicsim bench` runs: the 16-vCPU cloud host of
 * examples/ecs-16vcpu-udp.yaml (DNS-like UDP from a large client pool, IMIX sizes, Poisson
 * arrivals) with a load ladder that crosses one CPU's capacity (≈1 Mpps) and queue counts
 * 1, 2, 4, 8.
 */
export const BENCH_SCENARIO = {
  profile: "ecs",
  host: { cpus: 16, ghz: 2.5 },
  nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 8, queues: 4, ringSize: 1024 }],
  irq: { policy: "round-robin" },
  traffic: {
    flows: 10000,
    src: "100.64.0.0/10",
    dst: "10.0.0.19",
    protocol: "udp",
    dstPort: 53,
    size: "imix",
    arrival: "poisson",
    load: { pps: 2000000 },
  },
  run: { duration: "0.2s", warmup: "0.02s", seed: 1 },
  sweep: { "traffic.load.pps": [500000, 1000000, 2000000, 4000000], queues: [1, 2, 4, 8] },
} as const;
