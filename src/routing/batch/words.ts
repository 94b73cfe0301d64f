/**
 * Reading words the way iproute2 does: `#` starts a comment, words are split on blanks (quotes
 * group), keywords may be abbreviated where iproute2 uses `matches()`, and each keyword takes
 * the next word (`NEXT_ARG`). A mistake iproute2 would exit on becomes a `BatchSyntaxError`.
 */
import { parseAddress, parsePrefix } from "../inet.js";
import type { ParsedPrefix } from "../inet.js";
import type { Family } from "../types.js";

/** iproute2 would stop the batch here (`invarg`, `usage`, a bad address). */
export class BatchSyntaxError extends Error {
  override readonly name = "BatchSyntaxError";
}

/** Splits one line into words: `#` ends it, `"…"`/`'…'` keep blanks. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "#") break;
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    let word = "";
    while (i < text.length && text[i] !== " " && text[i] !== "\t" && text[i] !== "\r") {
      const q = text[i];
      if (q === '"' || q === "'") {
        const end = text.indexOf(q, i + 1);
        if (end < 0) throw new BatchSyntaxError("unmatched quote");
        word += text.slice(i + 1, end);
        i = end + 1;
      } else {
        word += q;
        i++;
      }
    }
    words.push(word);
  }
  return words;
}

/** iproute2 `matches(word, keyword) == 0`: `word` is a non-empty prefix of `keyword`. */
export function matches(word: string, keyword: string): boolean {
  return word.length > 0 && keyword.startsWith(word);
}

const FAMILY_NAMES: Readonly<Record<number, string>> = { 4: "inet", 6: "inet6" };

/** The words of one command, consumed left to right. */
export class Words {
  private i = 0;

  constructor(private readonly words: readonly string[]) {}

  get done(): boolean {
    return this.i >= this.words.length;
  }

  /** The current word (call only when not `done`). */
  peek(): string {
    return this.words[this.i];
  }

  take(): string {
    return this.words[this.i++];
  }

  /** The argument of the keyword just read (iproute2 `NEXT_ARG`). */
  next(): string {
    if (this.i >= this.words.length) throw new BatchSyntaxError(`Command line is not complete. Try option "help"`);
    return this.words[this.i++];
  }

  /** The words not read yet. */
  rest(): string[] {
    const rest = this.words.slice(this.i);
    this.i = this.words.length;
    return rest;
  }
}

/** iproute2's `invarg`: `Error: argument "X" is wrong: WHY`. */
export function invalidArgument(why: string, word: string): BatchSyntaxError {
  return new BatchSyntaxError(`Error: argument "${word}" is wrong: ${why}`);
}

/** An address (`get_addr`), in `family` or inferred when undefined. */
export function readAddress(word: string, family: Family | undefined): { family: Family; addr: bigint } {
  const parsed = parseAddress(word, family);
  if (parsed === undefined) throw new BatchSyntaxError(`Error: ${familyName(family)} address is expected rather than "${word}".`);
  return parsed;
}

/** A prefix (`get_prefix`), in `family` or inferred when undefined. */
export function readPrefix(word: string, family: Family | undefined): ParsedPrefix {
  const parsed = parsePrefix(word, family);
  if (parsed === undefined) throw new BatchSyntaxError(`Error: ${familyName(family)} prefix is expected rather than "${word}".`);
  return parsed;
}

function familyName(family: Family | undefined): string {
  return family === undefined ? "any valid" : FAMILY_NAMES[family];
}

/** `N` or `N-M` (`%u-%u` / `%hu-%hu`). */
export function readRange(word: string, max: number, what: string): { start: number; end: number } {
  const m = /^(\d+)(?:-(\d+))?$/.exec(word);
  if (m === null) throw invalidArgument(`invalid ${what} range\n`, word);
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  if (start > max || end > max) throw invalidArgument(`invalid ${what} range\n`, word);
  return { start, end };
}
