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
 * Resolved: `Coalesce`. Refused: `adaptiveRx: true` (net DIM is not modelled), and rxUsecs 0
 * with rxFrames above 1 (ethtool.h reads it as "frames alone", timer-only drivers as "at once":
 * the drivers disagree, so nicsim asks for rxUsecs > 0).
 */
import { ConfigError } from "../errors.js";
import { flag } from "../field-types.js";
import { joinKey } from "../paths.js";
import { int, obj } from "../schema-dsl.js";
import type { Infer } from "../schema-dsl.js";

export const COALESCE_DEFAULTS = {
  /**
   * No coalescing, for every driver kind: virtio-net coalesces only with VIRTIO_NET_F_NOTF_COAL
   * (drivers/net/virtio_net.c), which most cloud hosts do not offer; the drivers that coalesce by
   * default (mlx5, i40e/ice, ENA) do it adaptively (net DIM), which is not modelled — give their
   * `ethtool -c` values instead.
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
      description: "ethtool -C adaptive-rx. Not modelled: true is refused (give the rx-usecs/rx-frames `ethtool -c` shows).",
    }),
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

/** @throws ConfigError for adaptive-rx, or a frame limit without a time limit */
export function resolveCoalesce(c: CheckedCoalesce, path: string): Coalesce {
  if (c.adaptiveRx) {
    throw new ConfigError(
      joinKey(path, "adaptiveRx"),
      "true is not modelled (net DIM retunes rx-usecs/rx-frames from measured rates); set it false and give the rxUsecs and rxFrames `ethtool -c` shows",
    );
  }
  if (c.rxUsecs === 0 && c.rxFrames > 1) {
    throw new ConfigError(
      joinKey(path, "rxFrames"),
      `${c.rxFrames} with rxUsecs 0 is not modelled (ethtool.h reads it as a frame limit alone, timer-only drivers as no coalescing); give rxUsecs > 0, or rxFrames 0 for none`,
    );
  }
  return { rxUsecs: c.rxUsecs, rxFrames: c.rxFrames, deferHardIrqs: c.deferHardIrqs, groFlushTimeoutNs: c.groFlushTimeoutNs };
}
