import { readFileSync } from "node:fs";
import { LoadError } from "../config/errors.js";
import { parseResult } from "../report/read-result.js";
import type { RunResult } from "../report/result-model.js";

/** The text of FILE, or of stdin for "-", and the name messages use for it. Problems are LoadErrors (exit 2). */
export function readInputFile(path: string): { readonly name: string; readonly text: string } {
  const name = path === "-" ? "stdin" : path;
  try {
    return { name, text: readFileSync(path === "-" ? 0 : path, "utf8") };
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "";
    throw new LoadError(name, code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : `cannot read (${code || String(error)})`);
  }
}

/** Read and check a result document from FILE, or from stdin for "-". Problems are LoadErrors (exit 2). */
export function readResultFile(path: string): RunResult {
  const { name, text } = readInputFile(path);
  return parseResult(text, name);
}
