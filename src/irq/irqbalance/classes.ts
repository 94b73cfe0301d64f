/**
 * irqbalance's IRQ classes and balance levels (classify.c).
 *
 * A class comes from the device's PCI class code (network 0x02 → `ethernet`, storage →
 * `storage`, display → `video`, …; IRQs found only in /proc/interrupts are `other`). The class
 * decides how deep the daemon places the IRQ: `other` on a package, `legacy` on a cache domain,
 * every other class on a single CPU ("core" level). Higher classes are placed first.
 */

/** In irqbalance's numbering order: the index is the class number (higher = placed first). */
export const IRQ_CLASSES = ["other", "legacy", "storage", "video", "ethernet", "gbit-ethernet", "10gbit-ethernet", "virt-event"] as const;

export type IrqClass = (typeof IRQ_CLASSES)[number];

/** How deep placement descends: `none` never moves (banned, or a class it could not map). */
export type BalanceLevel = "none" | "package" | "cache" | "core";

/** The class number irqbalance sorts by. */
export function classRank(cls: IrqClass): number {
  return IRQ_CLASSES.indexOf(cls);
}

/** `map_class_to_level`. */
export function classLevel(cls: IrqClass): BalanceLevel {
  switch (cls) {
    case "other":
      return "package";
    case "legacy":
      return "cache";
    default:
      return "core";
  }
}

export function isIrqClass(value: unknown): value is IrqClass {
  return typeof value === "string" && (IRQ_CLASSES as readonly string[]).includes(value);
}
