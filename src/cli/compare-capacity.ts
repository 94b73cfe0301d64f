/**
 * `compare` on capacity documents: the files are read once, told apart by their `kind`, and two
 * capacity documents are compared per configuration (plan/capacity-compare.ts).
 */
import { CompareInputError } from "../report/compare.js";
import { capacityCompareMarkdown, capacityCompareTable, compareCapacity, type CapacityComparison } from "../plan/capacity-compare.js";
import type { CapacityDocument } from "../plan/capacity-model.js";
import { checkCapacityDocument, isCapacityDocument } from "../plan/capacity-read.js";
import { readInputFile } from "./read-result-file.js";
import { UsageError } from "./usage-error.js";

export interface DocumentFile {
  readonly name: string;
  readonly text: string;
  /** Set when the file is a capacity document. */
  readonly capacity?: CapacityDocument;
}

/** Read FILE (stdin for "-"); a capacity document is checked here, anything else is left to the result reader. */
export function readDocumentFile(path: string): DocumentFile {
  const { name, text } = readInputFile(path);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { name, text };
  }
  return isCapacityDocument(doc) ? { name, text, capacity: checkCapacityDocument(doc, name) } : { name, text };
}

export function compareCapacityCommand(base: DocumentFile, cur: DocumentFile, threshold: number, format: string): number {
  if (base.capacity === undefined || cur.capacity === undefined) {
    const [cap, other] = base.capacity === undefined ? [cur, base] : [base, cur];
    throw new UsageError(`compare: ${cap.name} is a capacity document but ${other.name} is not; compare two of a kind`);
  }
  if (format !== "table" && format !== "md") throw new UsageError(`compare: --format ${format} is for result documents; capacity documents compare as table or md`);
  let comparison: CapacityComparison;
  try {
    comparison = compareCapacity({ name: base.name, doc: base.capacity }, { name: cur.name, doc: cur.capacity }, threshold);
  } catch (error) {
    if (error instanceof CompareInputError) throw new UsageError(`compare: ${error.message}`);
    throw error;
  }
  process.stdout.write(format === "md" ? capacityCompareMarkdown(comparison) : capacityCompareTable(comparison));
  return comparison.regressions > 0 ? 1 : 0;
}
