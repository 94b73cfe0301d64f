/**
 * The order in which `readdir` lists a sysfs directory: what irqbalance sees when it walks
 * /sys/devices/system/cpu (cpuN), /sys/devices/system/node (nodeN), /sys/bus/pci/devices and a
 * device's msi_irqs/N.
 *
 * sysfs is kernfs. fs/kernfs/dir.c keeps a directory's children in a red-black tree ordered by
 * `kernfs_sd_compare` / `kernfs_name_compare`: the name hash first, then the namespace tag, then
 * `strcmp` of the names; `kernfs_fop_readdir` walks that tree in order (after "." and ".."), with
 * the hash as the directory position. The hash is `kernfs_name_hash(name, ns)`:
 *
 *   h = ns (NULL for these directories → 0)
 *   for each byte c of the name:  h = (h + (c << 4) + (c >> 4)) × 11     (`partial_name_hash`,
 *                                                                        include/linux/stringhash.h)
 *   h = (h mod 2³²) × 0x61C88647 mod 2³²           (`end_name_hash` → `__hash_32`, GOLDEN_RATIO_32,
 *                                                    include/linux/hash.h; x86 has no arch override)
 *   h = h & 0x7fffffff; 0 and 1 become 2 and 3; INT_MAX becomes INT_MAX − 1 (reserved positions)
 *
 * So `cpu1` (hash 925720685) lists before `cpu0` (2102464413). Observed on a 6.18 guest: the
 * numeric directories (/sys/kernel/irq, every msi_irqs) list exactly in this order. The
 * `ascending` listing (numeric order of the ids) is what nicsim assumed before and what a
 * filesystem sorted by name would give; it is kept as an option.
 */

/** How the daemon's `readdir` lists sysfs: the kernel's kernfs order, or ascending ids. */
export type SysfsListing = "kernfs" | "ascending";

export const SYSFS_LISTINGS: readonly SysfsListing[] = ["kernfs", "ascending"];

const INT_MAX = 0x7fffffff;
const GOLDEN_RATIO_32 = 0x61c88647;

/** `kernfs_name_hash(name, NULL)`: the 31-bit position of `name` in its directory. */
export function kernfsNameHash(name: string): number {
  let h = 0;
  for (const c of new TextEncoder().encode(name)) {
    // The kernel's `char` is signed on x86; sysfs names here are ASCII, so c < 128.
    h = Math.imul((h + (c << 4) + (c >> 4)) >>> 0, 11) >>> 0;
  }
  h = Math.imul(h, GOLDEN_RATIO_32) >>> 0;
  h &= INT_MAX;
  if (h < 2) h += 2;
  if (h >= INT_MAX) h = INT_MAX - 1;
  return h;
}

/** `kernfs_name_compare` for two names of one directory (no namespace tags). */
export function compareKernfsNames(a: string, b: string): number {
  const ha = kernfsNameHash(a);
  const hb = kernfsNameHash(b);
  if (ha !== hb) return ha < hb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Directory entry names in the order `readdir` returns them from sysfs. */
export function kernfsOrder(names: readonly string[]): string[] {
  return names
    .map((name) => ({ name, hash: kernfsNameHash(name) }))
    .sort((x, y) => x.hash - y.hash || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
    .map((e) => e.name);
}

/**
 * Ids (CPU numbers, node numbers, IRQ numbers) in the order the daemon meets them: their entry
 * names `${prefix}${id}` in kernfs order, or the ids ascending.
 */
export function listingOrder(ids: readonly number[], prefix: string, listing: SysfsListing): number[] {
  if (listing === "ascending") return [...ids].sort((a, b) => a - b);
  const byName = new Map(ids.map((id) => [`${prefix}${id}`, id]));
  return kernfsOrder([...byName.keys()]).map((name) => byName.get(name) ?? -1);
}
