/**
 * A command's outputs, checked before the work and written together after it: all of them or
 * none. The sequence:
 *   1. `planOutputs` (before simulating): every path resolved and checked (output-target.ts);
 *      the same file named twice is refused.
 *   2. `writeOutputs` (after): streams first (stdout, FIFOs, character devices: they cannot be
 *      taken back, and a FIFO may block until a reader comes, so Ctrl-C keeps its default action
 *      meanwhile); then, with SIGINT/SIGTERM held (interrupt.ts), every regular file is staged
 *      beside its target; a failure removes every staged file and leaves the old files intact; a
 *      signal received meanwhile does the same and ends the process by that signal; else all
 *      are renamed into place and their directories synced.
 * A failure is a UsageError (exit 2) naming the option, the path and the system's reason.
 */
import { closeSync, constants, openSync } from "node:fs";
import { dirname } from "node:path";
import { dieBy, holdStopSignals } from "./interrupt.js";
import { resolveOutputTarget, sameFile, type OutputTarget } from "./output-target.js";
import { UsageError } from "./usage-error.js";
import { discardStaged, installStaged, stageFile, syncDirectory, type StagedFile } from "./write-file-atomic.js";
import { writeStdout } from "./output.js";
import { systemErrorText, writeAll } from "./write-all.js";

export interface PlannedOutput {
  /** The option as the user wrote it (`--json`, `-o`), for messages. */
  readonly option: string;
  /** The path as given. */
  readonly path: string;
  readonly target: OutputTarget;
}

/** Resolve and check each requested output (skipping options not given). */
export function planOutputs(requests: readonly { readonly option: string; readonly path: string | undefined }[]): PlannedOutput[] {
  const planned: PlannedOutput[] = [];
  for (const { option, path } of requests) {
    if (path === undefined) continue;
    const output = { option, path, target: resolveOutputTarget(option, path) };
    const clash = planned.find((p) => sameFile(p.target, output.target));
    if (clash !== undefined) throw new UsageError(`${option} ${path}: the same file as ${clash.option} ${clash.path}`);
    planned.push(output);
  }
  return planned;
}

/** Whether some output goes to standard output (then a command prints nothing else there). */
export function writesStdout(outputs: readonly PlannedOutput[]): boolean {
  return outputs.some((o) => o.target.kind === "stdout");
}

function writeFailed(output: PlannedOutput, error: unknown, others: boolean): UsageError {
  return new UsageError(`${output.option} ${output.path}: cannot write (${systemErrorText(error)})${others ? "; no output file was written" : ""}`);
}

function writeStream(target: Extract<OutputTarget, { kind: "stdout" | "stream" }>, text: string): void {
  if (target.kind === "stdout") {
    writeStdout(text);
    return;
  }
  // O_APPEND: a descriptor alias of a regular file (`/dev/stderr` sent to a log) is not truncated.
  const fd = openSync(target.path, constants.O_WRONLY | constants.O_APPEND);
  try {
    writeAll(fd, text);
  } finally {
    closeSync(fd);
  }
}

/** Write every planned output with its text (see the header): all or none, or a UsageError. */
export async function writeOutputs(outputs: readonly { readonly output: PlannedOutput; readonly text: string }[]): Promise<void> {
  const files = outputs.filter((o) => o.output.target.kind === "file");
  for (const { output, text } of outputs) {
    const target = output.target;
    if (target.kind === "file") continue;
    try {
      writeStream(target, text);
    } catch (error) {
      // stdout's failure was reported by writeStdout (the closed-pipe case ends the command quietly).
      if (error instanceof UsageError) throw error;
      throw writeFailed(output, error, files.length > 0);
    }
  }
  if (files.length === 0) return;
  const held = holdStopSignals();
  try {
    const staged: StagedFile[] = [];
    for (const { output, text } of files) {
      const target = output.target;
      if (target.kind !== "file") continue;
      try {
        staged.push(stageFile(target.path, text, target.mode));
      } catch (error) {
        staged.forEach(discardStaged);
        throw writeFailed(output, error, files.length > 1);
      }
    }
    const before = await held.arrived();
    if (before !== undefined) {
      staged.forEach(discardStaged);
      held.release();
      dieBy(before);
    }
    installAll(staged, files.map((f) => f.output));
    const during = await held.arrived();
    if (during !== undefined) {
      // The files were already in place: they are whole; the command still ends by the signal.
      held.release();
      dieBy(during);
    }
  } finally {
    held.release();
  }
}

function installAll(staged: readonly StagedFile[], outputs: readonly PlannedOutput[]): void {
  for (let i = 0; i < staged.length; i++) {
    try {
      installStaged(staged[i]);
    } catch (error) {
      staged.slice(i).forEach(discardStaged);
      throw writeFailed(outputs[i], error, false);
    }
  }
  for (const dir of new Set(staged.map((s) => dirname(s.target)))) {
    try {
      syncDirectory(dir);
    } catch (error) {
      const i = staged.findIndex((s) => dirname(s.target) === dir);
      throw writeFailed(outputs[i], error, false);
    }
  }
}

/**
 * One output, written at once (no Ctrl-C hold: for commands that write a single file after
 * synchronous work): the same checks and the same complete, durable, in-place-for-streams write.
 */
export function writeTextFile(option: string, path: string, text: string): void {
  const [output] = planOutputs([{ option, path }]);
  const target = output.target;
  if (target.kind !== "file") {
    try {
      writeStream(target, text);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw writeFailed(output, error, false);
    }
    return;
  }
  let staged: StagedFile;
  try {
    staged = stageFile(target.path, text, target.mode);
  } catch (error) {
    throw writeFailed(output, error, false);
  }
  installAll([staged], [output]);
}
