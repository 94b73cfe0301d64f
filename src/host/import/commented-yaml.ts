/**
 * A small YAML writer for documents that carry a comment on every value: a tree of entries
 * (scalar, inline list, mapping, list of mappings, literal block, or a comment line), emitted
 * with two-space indentation and `  # comment` after each value. Strings are written plain when
 * YAML cannot read them otherwise, double-quoted (JSON escapes) otherwise.
 */
export type Scalar = string | number | boolean;

export type Entry =
  | { readonly kind: "value"; readonly key: string; readonly value: Scalar | readonly Scalar[]; readonly comment?: string }
  | { readonly kind: "map"; readonly key: string; readonly entries: readonly Entry[]; readonly comment?: string }
  | { readonly kind: "items"; readonly key: string; readonly items: readonly (readonly Entry[])[]; readonly comment?: string }
  | { readonly kind: "block"; readonly key: string; readonly text: string; readonly comment?: string }
  | { readonly kind: "comment"; readonly text: string };

export const value = (key: string, v: Scalar | readonly Scalar[], comment?: string): Entry => ({ kind: "value", key, value: v, ...(comment === undefined ? {} : { comment }) });
export const map = (key: string, entries: readonly Entry[], comment?: string): Entry => ({ kind: "map", key, entries, ...(comment === undefined ? {} : { comment }) });
export const items = (key: string, list: readonly (readonly Entry[])[], comment?: string): Entry => ({ kind: "items", key, items: list, ...(comment === undefined ? {} : { comment }) });
export const block = (key: string, text: string, comment?: string): Entry => ({ kind: "block", key, text, ...(comment === undefined ? {} : { comment }) });
export const comment = (text: string): Entry => ({ kind: "comment", text });

const RESERVED = /^(true|false|yes|no|on|off|null|y|n|~)$/i;

export function scalar(v: Scalar): string {
  if (typeof v !== "string") return String(v);
  if (/^[A-Za-z][A-Za-z0-9_./-]*$/.test(v) && !RESERVED.test(v)) return v;
  if (/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(v)) return v;
  return JSON.stringify(v);
}

function tail(c: string | undefined): string {
  return c === undefined || c === "" ? "" : `  # ${c}`;
}

function emit(entries: readonly Entry[], indent: number, out: string[], firstPrefix?: string): void {
  entries.forEach((e, i) => {
    const pad = i === 0 && firstPrefix !== undefined ? firstPrefix : " ".repeat(indent);
    switch (e.kind) {
      case "comment":
        for (const line of e.text.split("\n")) out.push(`${" ".repeat(indent)}# ${line}`.trimEnd());
        break;
      case "value":
        out.push(`${pad}${e.key}: ${Array.isArray(e.value) ? `[${e.value.map(scalar).join(", ")}]` : scalar(e.value as Scalar)}${tail(e.comment)}`);
        break;
      case "map":
        out.push(`${pad}${e.key}:${tail(e.comment)}`);
        emit(e.entries, indent + 2, out);
        break;
      case "items":
        out.push(`${pad}${e.key}:${tail(e.comment)}`);
        for (const item of e.items) emit(item, indent + 4, out, `${" ".repeat(indent + 2)}- `);
        break;
      case "block":
        out.push(`${pad}${e.key}: |${tail(e.comment)}`);
        for (const line of e.text.replace(/\n$/, "").split("\n")) out.push(line === "" ? "" : `${" ".repeat(indent + 2)}${line}`);
        break;
    }
  });
}

export function commentedYaml(entries: readonly Entry[]): string {
  const out: string[] = [];
  emit(entries, 0, out);
  return `${out.join("\n")}\n`;
}
