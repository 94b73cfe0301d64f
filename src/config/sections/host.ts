/**
 * The `host` section: the CPUs that receive the traffic, their clock and topology.
 *
 *   host:
 *     cpus: 16            # online CPUs, numbered 0..cpus-1
 *     ghz: 2.5            # GHz: turns cycle costs into ns
 *     topology: { sockets, coresPerSocket, threadsPerCore, numaNodes, nicNode, isolated,
 *                 smtSpeed }   # fraction of its solo speed a hardware thread keeps while a
 *                              # sibling on its core is busy (default 0.6; docs/smt.md)
 *
 * Resolved: `Host` (the topology built by irq/topology.ts, default one socket of single-thread
 * cores, and `smtSpeed`). Its product of sockets × cores × threads must be `cpus`.
 */
import { TopologyError, topologyFromSpec, type CpuTopology } from "../../irq/topology.js";
import { ConfigError } from "../errors.js";
import { MIN_GHZ } from "../physical-limits.js";
import { int, num, obj, optional, str } from "../schema-dsl.js";
import type { Infer } from "../schema-dsl.js";

export const HOST_DEFAULTS = {
  /** GHz. A common cloud vCPU base clock; turns cycle costs into ns. */
  ghz: 2.5,
  /**
   * The speed of a hardware thread while a sibling on its core is busy, as a fraction of its solo
   * speed: both siblings busy give the core 2 × 0.6 = 1.2× the throughput of one thread. An
   * assumption inside the 1.1–1.3× gain commonly reported for running both SMT siblings on
   * integer and network work (no primary per-packet figure was found; calibrate it); the kernel's
   * scaling guide goes further: hyperthreading showed no benefit for interrupt handling in its
   * tests, so it advises as many rx queues as CPU cores, not hardware threads
   * (Documentation/networking/scaling.rst, "RSS Configuration"). Only a topology with
   * threadsPerCore > 1 has siblings. See docs/smt.md.
   */
  smtSpeed: 0.6,
} as const;

export const hostSchema = obj(
  {
    cpus: int({ min: 1, max: 4096, description: "Online CPUs, numbered 0..cpus-1.", unit: "CPUs" }),
    ghz: num({
      min: MIN_GHZ,
      max: 10,
      default: HOST_DEFAULTS.ghz,
      description: "CPU clock; turns the cycle costs into time.",
      unit: "GHz",
    }),
    topology: optional(
      obj(
        {
          sockets: int({ min: 1, max: 64, description: "CPU packages.", unit: "sockets" }),
          coresPerSocket: int({ min: 1, max: 1024, description: "Cores per package.", unit: "cores" }),
          threadsPerCore: int({ min: 1, max: 8, description: "SMT threads per core.", unit: "threads" }),
          numaNodes: optional(int({ min: 1, max: 64, description: "NUMA nodes (default one per socket).", unit: "nodes" })),
          nicNode: optional(int({ min: -1, max: 63, description: "NUMA node of the NICs (-1 unknown, the default)." })),
          isolated: optional(str({ description: 'Isolated CPUs as a CPU list ("2,4-7"): irqbalance bans them.' })),
          smtSpeed: num({
            min: 0.5,
            max: 1,
            default: HOST_DEFAULTS.smtSpeed,
            description:
              "Speed of a hardware thread while another thread of its core is busy, as a fraction of its solo speed (2 × smtSpeed: the core's throughput with both siblings busy). 1: siblings do not slow each other. Only with threadsPerCore > 1.",
            unit: "fraction of solo speed",
          }),
        },
        {
          description:
            "CPU topology; CPU ids count thread 0 of every core first, then the SMT siblings (x86 enumeration). Default: one socket of cpus single-thread cores.",
        },
      ),
    ),
  },
  { description: "The host that receives the traffic." },
);

export type CheckedHost = Infer<typeof hostSchema>;

export interface Host {
  /** Online CPUs, numbered 0..cpus-1. */
  readonly cpus: number;
  /** Clock in GHz: turns cycle costs into nanoseconds. */
  readonly ghz: number;
  /** Topology (default: one socket of `cpus` single-thread cores, NIC node unknown). */
  readonly topology: CpuTopology;
  /**
   * Fraction of its solo speed a hardware thread runs at while another thread of its core is
   * busy (`host.topology.smtSpeed`; 1 without SMT siblings).
   */
  readonly smtSpeed: number;
}

/** The host topology, or one socket of single-thread cores; it must count host.cpus CPUs. */
function resolveTopology(host: CheckedHost): CpuTopology {
  const spec = host.topology ?? { sockets: 1, coresPerSocket: host.cpus, threadsPerCore: 1 };
  const count = spec.sockets * spec.coresPerSocket * spec.threadsPerCore;
  if (count !== host.cpus) {
    throw new ConfigError("host.topology", `${spec.sockets} × ${spec.coresPerSocket} × ${spec.threadsPerCore} = ${count} CPUs, but host.cpus is ${host.cpus}`);
  }
  try {
    return topologyFromSpec(spec);
  } catch (error) {
    if (error instanceof TopologyError) throw new ConfigError("host.topology", error.message);
    throw error;
  }
}

/** The resolved host. @throws ConfigError for a topology that does not count host.cpus CPUs */
export function resolveHost(host: CheckedHost): Host {
  const topology = resolveTopology(host);
  const smtSpeed = host.topology !== undefined && host.topology.threadsPerCore > 1 ? host.topology.smtSpeed : 1;
  return { cpus: host.cpus, ghz: host.ghz, topology, smtSpeed };
}
