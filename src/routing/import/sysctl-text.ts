/**
 * `sysctl -a` text (`name = value` lines) → the routing sysctls the model knows, in the order
 * given. Every other name is skipped — a full `sysctl -a` holds thousands — and so are
 * per-device names of devices the host does not have (sysctl(8) writes a dot in a device name
 * as '/'; such names are read back, but the model has no dotted device names, so they are
 * skipped too). A line that is not `name = value` is refused with its line number; a known
 * name with a value that is not a number too.
 */
import { SysctlError, checkSysctls } from "../model/sysctls.js";
import type { Device } from "../types.js";
import { DumpError } from "./dump-entries.js";

const LINE = /^\s*([A-Za-z0-9_./-]+)\s*=\s*(.*?)\s*$/;

/** Whether text looks like sysctl output: every non-blank, non-comment line is `a.b… = value`. */
export function isSysctlText(text: string): boolean {
  const lines = text.split("\n").filter((l) => l.trim() !== "" && !/^\s*[#;]/.test(l));
  return lines.length > 0 && lines.every((l) => /^\s*[a-z0-9_]+(\.[A-Za-z0-9_/-]+)+\s*=/.test(l));
}

/** The known routing sysctls of the text, for a host with these devices. */
export function importSysctls(text: string, devices: readonly Device[]): Record<string, string> {
  const out: Record<string, string> = {};
  text.split("\n").forEach((raw, i) => {
    if (raw.trim() === "" || /^\s*[#;]/.test(raw)) return;
    const m = LINE.exec(raw);
    if (m === null) throw new DumpError(`line ${i + 1}: not "name = value"`);
    // device names with dots are written with '/' by sysctl(8)
    const name = m[1].replace(/\//g, ".");
    try {
      checkSysctls({ [name]: "0" }, devices);
    } catch (error) {
      if (error instanceof SysctlError) return;
      throw error;
    }
    if (!/^[0-9]+$/.test(m[2])) throw new DumpError(`line ${i + 1}: ${name}: "${m[2]}" is not a number`);
    out[name] = m[2];
  });
  return out;
}
