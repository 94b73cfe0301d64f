/**
 * What loading a scenario has to tell besides errors: notices that do not stop the run. Today
 * one kind, a key that still works but has a replacement (`bandwidth.egressMbps` →
 * `bandwidth.egress.mbps`). Validation returns them with the scenario (`resolveScenario`), the
 * loader gathers them per file (`LoadedScenarioFile.notices`), and the CLI prints them once per
 * file on stderr (cli/scenario-notices.ts) — never on stdout, never as a failure.
 */

/** A key the file uses that still works, and the key that replaces it. */
export interface DeprecatedKeyNotice {
  readonly kind: "deprecated-key";
  /** The key as written, e.g. `bandwidth.egressMbps` or `bandwidth.nics.eth1.ingressBurst`. */
  readonly key: string;
  /** The key to write instead, e.g. `bandwidth.egress.mbps`. */
  readonly replacement: string;
}

export type ConfigNotice = DeprecatedKeyNotice;

/** The notices without repeats (sweep points of one file report the same keys), in first-seen order. */
export function uniqueNotices(notices: Iterable<ConfigNotice>): ConfigNotice[] {
  const seen = new Map<string, ConfigNotice>();
  for (const notice of notices) if (!seen.has(notice.key)) seen.set(notice.key, notice);
  return [...seen.values()];
}

/**
 * One line per file for its deprecated keys (no trailing newline), or "" when there are none:
 * `examples/x.yaml: bandwidth.egressMbps is deprecated; use bandwidth.egress.mbps`.
 */
export function deprecationLine(source: string, notices: readonly ConfigNotice[]): string {
  const keys = notices.filter((notice) => notice.kind === "deprecated-key");
  if (keys.length === 0) return "";
  const verb = keys.length === 1 ? "is" : "are";
  return `${source}: ${keys.map((k) => k.key).join(", ")} ${verb} deprecated; use ${keys.map((k) => k.replacement).join(", ")}`;
}
