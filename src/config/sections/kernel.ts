/**
 * The `kernel` section: the receive path's sysctls and NAPI constants, at the kernel's defaults
 * unless given.
 *
 *   kernel: { napiWeight, netdevBudget, netdevBudgetUsecs (µs), maxBacklog, rpsSockFlowEntries,
 *             devWeight }
 *
 * Resolved: `Kernel`, with netdev_budget_usecs in ns.
 */
import { int, obj } from "../schema-dsl.js";
import type { Infer } from "../schema-dsl.js";

/** The receive-path sysctls at their kernel defaults (net/core/hotdata.c; docs/calibration.md). */
export const KERNEL_DEFAULTS = {
  /** NAPI_POLL_WEIGHT (weight_p). */
  napiWeight: 64,
  /** net.core.netdev_budget. */
  netdevBudget: 300,
  /** net.core.netdev_budget_usecs = 2 × USEC_PER_SEC / HZ at HZ=1000 (µs; stored as 2,000,000 ns). */
  netdevBudgetUsecs: 2000,
  /** net.core.netdev_max_backlog. */
  maxBacklog: 1000,
  /** net.core.rps_sock_flow_entries: 0, RFS off (Documentation/networking/scaling.rst). */
  rpsSockFlowEntries: 0,
  /** net.core.dev_weight (× dev_weight_rx_bias 1). */
  devWeight: 64,
} as const;

export const kernelSchema = obj(
  {
    napiWeight: int({ min: 1, max: 4096, default: KERNEL_DEFAULTS.napiWeight, description: "NAPI weight per driver poll.", unit: "packets" }),
    netdevBudget: int({
      min: 1,
      max: 1_000_000,
      default: KERNEL_DEFAULTS.netdevBudget,
      description: "net.core.netdev_budget: packets per softirq run.",
      unit: "packets",
    }),
    netdevBudgetUsecs: int({
      min: 1,
      max: 10_000_000,
      default: KERNEL_DEFAULTS.netdevBudgetUsecs,
      description: "net.core.netdev_budget_usecs: time limit per softirq run.",
      unit: "µs",
    }),
    maxBacklog: int({
      min: 0,
      max: 10_000_000,
      default: KERNEL_DEFAULTS.maxBacklog,
      description: "net.core.netdev_max_backlog: per-CPU backlog queue limit.",
      unit: "packets",
    }),
    rpsSockFlowEntries: int({
      min: 0,
      max: 1 << 29,
      default: KERNEL_DEFAULTS.rpsSockFlowEntries,
      description: "net.core.rps_sock_flow_entries: RFS global flow table size (rounded up to a power of two; 0 = RFS off).",
      unit: "entries",
    }),
    devWeight: int({
      min: 1,
      max: 4096,
      default: KERNEL_DEFAULTS.devWeight,
      description: "net.core.dev_weight: backlog packets per process_backlog call.",
      unit: "packets",
    }),
  },
  { default: {}, description: "Receive-path sysctls (defaults are the kernel's)." },
);

export type CheckedKernel = Infer<typeof kernelSchema>;

/** The kernel's knobs of the receive path (docs/receive-path.md, "RPS" and "NAPI"). */
export interface Kernel {
  /** NAPI weight per driver poll (NAPI_POLL_WEIGHT). */
  readonly napiWeight: number;
  /** net.core.netdev_budget: packets per net_rx_action. */
  readonly netdevBudget: number;
  /** net.core.netdev_budget_usecs, in ns. */
  readonly netdevBudgetNs: number;
  /** net.core.netdev_max_backlog. */
  readonly maxBacklog: number;
  /** net.core.rps_sock_flow_entries (0 = RFS off). */
  readonly rpsSockFlowEntries: number;
  /** net.core.dev_weight × dev_weight_rx_bias: process_backlog quota. */
  readonly devWeight: number;
}

export function resolveKernel(kernel: CheckedKernel): Kernel {
  return {
    napiWeight: kernel.napiWeight,
    netdevBudget: kernel.netdevBudget,
    netdevBudgetNs: kernel.netdevBudgetUsecs * 1000,
    maxBacklog: kernel.maxBacklog,
    rpsSockFlowEntries: kernel.rpsSockFlowEntries,
    devWeight: kernel.devWeight,
  };
}
