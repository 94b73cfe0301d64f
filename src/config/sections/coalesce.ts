/**
 * A NIC's `coalesce` section: when its rx queues raise their interrupt (`ethtool -C`), and
 * whether NAPI keeps the interrupt masked after a poll (`napi_defer_hard_irqs` with
 * `gro_flush_timeout`, sysfs files of the device).
 *
 *   nics[].coalesce: { rxUsecs, rxFrames, adaptiveRx, deferHardIrqs, groFlushTimeoutNs }
 *
 * Units: rxUsecs µs, rxFrames packets, groFlushTimeoutNs ns. The rule (docs/coalescing.md):
 * an unmasked queue raises its interrupt when rxFrames packets have arrived since it was
 * unmasked, or rxUsecs after the first of them, whichever comes first; 0 turns a limit off
 * (include/uapi/linux/ethtool.h, struct ethtool_coalesce). `rxUsecs: 0, rxFrames: 1`, the
 * default, is no coalescing: every first packet on an unmasked queue interrupts at once.
 *
 * Resolved: `Coalesce`. Refused: both limits 0 (the interrupt would never fire) and
 * `adaptiveRx: true` (net DIM is not modelled).
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
   * `ethtool -c` values instead. "usecs = 0 and max_frames = 1" is ethtool.h's "coalescing off".
   */
  rxUsecs: 0,
  rxFrames: 1,
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
      description: "ethtool -C rx-usecs: the interrupt fires this long after the first packet that arrived since the queue was unmasked (0: no time limit).",
      unit: "µs",
    }),
    rxFrames: int({
      min: 0,
      max: 65_535,
      default: COALESCE_DEFAULTS.rxFrames,
      description: "ethtool -C rx-frames: the interrupt fires once this many packets arrived since the queue was unmasked (0: no packet limit). rxUsecs 0 with rxFrames 1 is no coalescing.",
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
  /** rx-usecs, µs (0: no time limit). */
  readonly rxUsecs: number;
  /** rx-frames, packets (0: no packet limit). */
  readonly rxFrames: number;
  /** napi_defer_hard_irqs: empty polls the interrupt stays masked for (0: none). */
  readonly deferHardIrqs: number;
  /** gro_flush_timeout, ns: the repoll timer of deferHardIrqs. */
  readonly groFlushTimeoutNs: number;
}

/** Whether the queue's interrupt can wait: rx-frames 1 fires on the first packet, whatever rx-usecs says. */
export function coalesces(c: Coalesce): boolean {
  return c.rxFrames !== 1;
}

/** Whether NAPI keeps the interrupt masked after a poll (napi_complete_done's deferral). */
export function defersIrqs(c: Coalesce): boolean {
  return c.deferHardIrqs > 0 && c.groFlushTimeoutNs > 0;
}

/** @throws ConfigError for adaptive-rx, or both limits 0 */
export function resolveCoalesce(c: CheckedCoalesce, path: string): Coalesce {
  if (c.adaptiveRx) {
    throw new ConfigError(
      joinKey(path, "adaptiveRx"),
      "true is not modelled (net DIM retunes rx-usecs/rx-frames from measured rates); set it false and give the rxUsecs and rxFrames `ethtool -c` shows",
    );
  }
  if (c.rxUsecs === 0 && c.rxFrames === 0) {
    throw new ConfigError(
      joinKey(path, "rxFrames"),
      "0 with rxUsecs 0 never raises an interrupt (include/uapi/linux/ethtool.h); for no coalescing set rxUsecs 0 and rxFrames 1",
    );
  }
  return { rxUsecs: c.rxUsecs, rxFrames: c.rxFrames, deferHardIrqs: c.deferHardIrqs, groFlushTimeoutNs: c.groFlushTimeoutNs };
}
