/**
 * A NIC's `coalesce` section: when its rx queues raise their interrupt (`ethtool -C`), and
 * whether NAPI keeps the interrupt masked after a poll (`napi_defer_hard_irqs` with
 * `gro_flush_timeout`, sysfs files of the device).
 *
 *   nics[].coalesce: { rxUsecs, rxFrames, adaptiveRx, deferHardIrqs, groFlushTimeoutNs }
 *
 * Units: rxUsecs µs, rxFrames packets, groFlushTimeoutNs ns. The rule (docs/coalescing.md):
 * an unmasked queue raises its interrupt rxUsecs after the first packet that arrived since it
 * was unmasked, or when rxFrames packets have arrived, whichever comes first (ethtool(8) and
 * include/uapi/linux/ethtool.h, struct ethtool_coalesce); rxFrames 0 is no packet limit.
 * rxUsecs 0, the default, is no delay: every first packet on an unmasked queue interrupts at
 * once, as drivers whose moderation is a timer alone (ixgbe, i40e, ENA) do with rx-usecs 0.
 *
 * adaptiveRx (ethtool -C adaptive-rx): the kernel's net DIM (lib/dim/net_dim.c) retunes each rx
 * queue's rx-usecs/rx-frames from its measured rates, from the profile table `dimProfiles` names
 * (engine/net-dim.ts, docs/coalescing.md section 2); rxUsecs/rxFrames are then the queue's
 * values until DIM's first change.
 *
 * Resolved: `Coalesce`. Refused: rxUsecs 0 with rxFrames above 1 (ethtool.h reads it as "frames alone", timer-only drivers as "at once":
 * the drivers disagree, so nicsim asks for rxUsecs > 0).
 */
import { ConfigError } from "../errors.js";
import { flag } from "../field-types.js";
import { joinKey } from "../paths.js";
import { enumOf, int, obj, optional } from "../schema-dsl.js";
import type { DriverKind } from "../../irq/device-vectors.js";
import type { Infer } from "../schema-dsl.js";

/** net DIM's two rx profile tables: period started by the event (EQE) or by the completion (CQE). */
export const DIM_PROFILE_TABLES = ["eqe", "cqe"] as const;
export type DimProfileTable = (typeof DIM_PROFILE_TABLES)[number];

/**
 * The table DIM uses by default per driver kind: mlx5e picks CQE mode when the device reports
 * cq_period_start_from_cqe (drivers/net/ethernet/mellanox/mlx5/core/en_main.c, mlx5e_build_nic_params),
 * which ConnectX-4 and later do; virtio-net (virtnet_rx_dim_work) and ENA use EQE mode. i40e and
 * ixgbe run their own adaptive ITR, not net DIM, and ice its own table: nicsim models them with
 * net DIM's EQE table (docs/coalescing.md).
 */
export function defaultDimProfiles(driver: DriverKind): DimProfileTable {
  return driver === "mlx5" ? "cqe" : "eqe";
}

export const COALESCE_DEFAULTS = {
  /**
   * No coalescing, for every driver kind: virtio-net coalesces only with VIRTIO_NET_F_NOTF_COAL
   * (drivers/net/virtio_net.c), which most cloud hosts do not offer; the drivers that coalesce by
   * default (mlx5, i40e/ice, ENA) do it adaptively (adaptiveRx, which `nicsim import` reads from
   * the host's `ethtool -c`).
   */
  rxUsecs: 0,
  rxFrames: 0,
  adaptiveRx: false,
  /** napi_defer_hard_irqs and gro_flush_timeout: 0, the kernel's defaults (net/core/dev.c). */
  deferHardIrqs: 0,
  groFlushTimeoutNs: 0,
} as const;

export const coalesceSchema = obj(
  {
    rxUsecs: int({
      min: 0,
      max: 100_000,
      default: COALESCE_DEFAULTS.rxUsecs,
      description: "ethtool -C rx-usecs: the interrupt fires this long after the first packet that arrived since the queue was unmasked (0: at once, no coalescing).",
      unit: "µs",
    }),
    rxFrames: int({
      min: 0,
      max: 65_535,
      default: COALESCE_DEFAULTS.rxFrames,
      description: "ethtool -C rx-frames: with rxUsecs > 0, the interrupt fires once this many packets arrived since the queue was unmasked, if that comes before rxUsecs (0: no packet limit).",
      unit: "packets",
    }),
    adaptiveRx: flag({
      default: COALESCE_DEFAULTS.adaptiveRx,
      description:
        "ethtool -C adaptive-rx: the kernel's net DIM retunes each rx queue's rx-usecs/rx-frames from its packet and byte rates, every 64 interrupts (lib/dim/net_dim.c); rxUsecs/rxFrames are the queue's values until its first change.",
    }),
    dimProfiles: optional(
      enumOf(DIM_PROFILE_TABLES, {
        description:
          "With adaptiveRx, net DIM's rx profile table (lib/dim/net_dim.c): eqe (timer from the interrupt event: 1/8/64/128/256 µs, 256 frames) or cqe (timer from the completion: 2/8/16/32/64 µs with 256/128/64/64/64 frames). Default by nics[].driver: cqe for mlx5 (its default where the device supports CQE mode), eqe for the others.",
      }),
    ),
    deferHardIrqs: int({
      min: 0,
      max: 2_147_483_647,
      default: COALESCE_DEFAULTS.deferHardIrqs,
      description:
        "/sys/class/net/DEV/napi_defer_hard_irqs: after a poll that found work, the queue's interrupt stays masked and a timer repolls it every groFlushTimeoutNs, for up to this many empty polls (needs groFlushTimeoutNs > 0).",
      unit: "polls",
    }),
    groFlushTimeoutNs: int({
      min: 0,
      max: 1_000_000_000,
      default: COALESCE_DEFAULTS.groFlushTimeoutNs,
      description: "/sys/class/net/DEV/gro_flush_timeout: the repoll timer of deferHardIrqs. Alone (deferHardIrqs 0) it only delays GRO flushes, which nicsim does not model.",
      unit: "ns",
    }),
  },
  { default: {}, description: "Interrupt coalescing of the NIC's rx queues (ethtool -C) and NAPI's deferred interrupts." },
);

export type CheckedCoalesce = Infer<typeof coalesceSchema>;

export interface Coalesce {
  /** rx-usecs, µs (0: interrupt at once). */
  readonly rxUsecs: number;
  /** rx-frames, packets (0: no packet limit). */
  readonly rxFrames: number;
  /** adaptive-rx: net DIM retunes rxUsecs/rxFrames per queue from the traffic. */
  readonly adaptiveRx: boolean;
  /** net DIM's rx profile table (used with adaptiveRx). */
  readonly dimProfiles: DimProfileTable;
  /** napi_defer_hard_irqs: empty polls the interrupt stays masked for (0: none). */
  readonly deferHardIrqs: number;
  /** gro_flush_timeout, ns: the repoll timer of deferHardIrqs. */
  readonly groFlushTimeoutNs: number;
}

/** Whether the queue's interrupt can wait: not with rx-usecs 0, nor with rx-frames 1 (the first packet fires it). */
export function coalesces(c: Pick<Coalesce, "rxUsecs" | "rxFrames">): boolean {
  return c.rxUsecs > 0 && c.rxFrames !== 1;
}

/** Whether NAPI keeps the interrupt masked after a poll (napi_complete_done's deferral). */
export function defersIrqs(c: Coalesce): boolean {
  return c.deferHardIrqs > 0 && c.groFlushTimeoutNs > 0;
}

/** @throws ConfigError for a frame limit without a time limit */
export function resolveCoalesce(c: CheckedCoalesce, path: string, driver: DriverKind): Coalesce {
  if (c.rxUsecs === 0 && c.rxFrames > 1) {
    throw new ConfigError(
      joinKey(path, "rxFrames"),
      `${c.rxFrames} with rxUsecs 0 is not modelled (ethtool.h reads it as a frame limit alone, timer-only drivers as no coalescing); give rxUsecs > 0, or rxFrames 0 for none`,
    );
  }
  return {
    rxUsecs: c.rxUsecs,
    rxFrames: c.rxFrames,
    adaptiveRx: c.adaptiveRx,
    dimProfiles: c.dimProfiles ?? defaultDimProfiles(driver),
    deferHardIrqs: c.deferHardIrqs,
    groFlushTimeoutNs: c.groFlushTimeoutNs,
  };
}
