/**
 * Reading one `ip -j … show` dump: a JSON array of objects, each field checked with a message
 * that names the entry (1-based) and the key, e.g. `entry 3: "priority" is not a number`.
 */

/** A dump that cannot be read: `detail` names the entry and the field. */
export class DumpError extends Error {
  override readonly name = "DumpError";

  constructor(readonly detail: string) {
    super(detail);
  }
}

/** One object of a dump, with checked accessors. */
export class DumpEntry {
  constructor(
    /** 1-based position in the array. */
    readonly index: number,
    readonly fields: Readonly<Record<string, unknown>>,
    /** Where a nested object sits in its entry (`addr_info[0]: `), for messages. */
    readonly where: string = "",
  ) {}

  fail(detail: string): never {
    throw new DumpError(`entry ${this.index}: ${this.where}${detail}`);
  }

  has(key: string): boolean {
    return this.fields[key] !== undefined;
  }

  string(key: string): string | undefined {
    const v = this.fields[key];
    if (v === undefined) return undefined;
    if (typeof v !== "string") this.fail(`"${key}" is not a string`);
    return v;
  }

  requiredString(key: string): string {
    return this.string(key) ?? this.fail(`"${key}" is missing`);
  }

  number(key: string): number | undefined {
    const v = this.fields[key];
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) this.fail(`"${key}" is not a number`);
    return v;
  }

  /** A number, or a numeric string (iproute2 prints some numbers as strings, e.g. table ids). */
  numberOrString(key: string): string | undefined {
    const v = this.fields[key];
    if (v === undefined) return undefined;
    if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return String(v);
    if (typeof v !== "string") this.fail(`"${key}" is not a number or a name`);
    return v;
  }

  strings(key: string): readonly string[] {
    const v = this.fields[key];
    if (v === undefined) return [];
    if (!Array.isArray(v) || !v.every((s) => typeof s === "string")) this.fail(`"${key}" is not a list of strings`);
    return v as string[];
  }

  objects(key: string): readonly DumpEntry[] {
    const v = this.fields[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) this.fail(`"${key}" is not a list`);
    return v.map((item: unknown, i) => {
      if (typeof item !== "object" || item === null || Array.isArray(item)) this.fail(`"${key}"[${i}] is not an object`);
      return new DumpEntry(this.index, item as Record<string, unknown>, `${this.where}${key}[${i}]: `);
    });
  }

  /** Refuses keys outside `known` (keys the model cannot honour must not be dropped silently). */
  onlyKeys(known: ReadonlySet<string>, what: string): void {
    for (const key of Object.keys(this.fields)) if (!known.has(key)) this.fail(`"${key}" is not modelled in ${what}`);
  }
}

/** A batch line an importer made, with the dump entry it came from (for messages). */
export interface ImportedLine {
  readonly entry: DumpEntry | undefined;
  readonly line: string;
}

/** The objects of a parsed dump. */
export function dumpEntries(value: unknown): DumpEntry[] {
  if (!Array.isArray(value)) throw new DumpError("not a JSON array (an `ip -j … show` dump is one)");
  return value.map((item: unknown, i) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) throw new DumpError(`entry ${i + 1}: not an object`);
    return new DumpEntry(i + 1, item as Record<string, unknown>);
  });
}
