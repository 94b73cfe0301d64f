/**
 * Where a JSON text first breaks, and why: JSON.parse decides validity, but on Node 20 its
 * messages do not always say where (`Unexpected token '}', "{"a": }" is not valid JSON`). This
 * strict RFC 8259 reader finds the offset of the first error so messages can give line:column.
 */

export interface JsonSyntaxError {
  /** UTF-16 offset of the offending character (text.length for an unexpected end). */
  readonly offset: number;
  readonly reason: string;
}

class Stop {
  constructor(readonly error: JsonSyntaxError) {}
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** The first syntax error in `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const stop = (reason: string, at = i): never => {
    throw new Stop({ offset: at, reason: at >= text.length ? "unexpected end of input" : reason });
  };
  const skipSpace = (): void => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const expect = (ch: string, what: string): void => {
    if (text[i] !== ch) stop(what);
    i++;
  };

  const string = (): void => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) stop("unterminated string");
      const ch = text[i];
      if (ch === '"') {
        i++;
        return;
      }
      if (ch < " ") stop("control character in a string; write it as an escape such as \\n");
      if (ch === "\\") {
        const esc = text[i + 1];
        if (esc === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) stop("bad \\u escape");
          i += 6;
        } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) i += 2;
        else stop("bad escape in a string", i + 1);
      } else i++;
    }
  };

  const value = (): void => {
    skipSpace();
    const ch = text[i];
    if (ch === "{") return object();
    if (ch === "[") return list();
    if (ch === '"') return string();
    if (ch === "-" || (ch >= "0" && ch <= "9")) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      if (match === null) stop("invalid number");
      i = NUMBER.lastIndex;
      return;
    }
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    stop(`unexpected character ${JSON.stringify(ch)}; expected a value`);
  };

  const object = (): void => {
    i++;
    skipSpace();
    if (text[i] === "}") {
      i++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[i] !== '"') stop(text[i] === "}" ? "trailing comma before }" : "expected a double-quoted property name");
      string();
      skipSpace();
      expect(":", "expected ':' after a property name");
      value();
      skipSpace();
      if (text[i] === "}") {
        i++;
        return;
      }
      expect(",", "expected ',' or '}' after a property value");
    }
  };

  const list = (): void => {
    i++;
    skipSpace();
    if (text[i] === "]") {
      i++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[i] === "]") stop("trailing comma before ]");
      value();
      skipSpace();
      if (text[i] === "]") {
        i++;
        return;
      }
      expect(",", "expected ',' or ']' after a list item");
    }
  };

  try {
    value();
    skipSpace();
    if (i < text.length) stop("unexpected text after the JSON value");
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return error.error;
    throw error;
  }
}

/** 1-based line and column of a UTF-16 offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === "\n") {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
