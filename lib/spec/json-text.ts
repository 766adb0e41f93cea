/**
 * Reads a spec's JSON text safely: the size and nesting limits are checked before any
 * work that grows with them, and syntax errors say where they are (JSON.parse's own
 * messages differ between engines and often omit the position).
 */
import { type SpecIssue, issueAt } from "./issues";
import { LIMITS } from "./limits";

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

class JsonTextError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

function position(text: string, index: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < text.length; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${index - lineStart + 1}`;
}

function describeAt(text: string, index: number): string {
  return index >= text.length ? "the end of the text" : JSON.stringify(text.slice(index, index + 1));
}

/** One linear pass over the text: checks JSON syntax and the nesting limit, with an explicit stack. */
function scan(text: string, maxDepth: number): void {
  const containers: string[] = [];
  type State = "value" | "valueOrClose" | "key" | "keyOrClose" | "colon" | "afterValue";
  let state: State = "value";
  let i = 0;
  const expect = (what: string): never => {
    throw new JsonTextError(`expected ${what}, found ${describeAt(text, i)}`, i);
  };
  const open = (bracket: string): void => {
    containers.push(bracket);
    if (containers.length > maxDepth) {
      throw new JsonTextError(`the JSON is nested more than ${maxDepth} levels deep; the limit is ${maxDepth}`, i);
    }
    i += 1;
  };
  const scanString = (): void => {
    const start = i;
    i += 1;
    for (;;) {
      if (i >= text.length) throw new JsonTextError("unterminated string", start);
      const code = text.charCodeAt(i);
      if (code === 34) break;
      if (code < 0x20) throw new JsonTextError("control character in a string (escape it)", i);
      if (code === 92) {
        const escaped = text[i + 1] ?? "";
        if (escaped === "u") {
          HEX4.lastIndex = i + 2;
          if (!HEX4.test(text)) throw new JsonTextError("invalid \\u escape in a string", i);
          i += 6;
          continue;
        }
        if (!ESCAPES.has(escaped)) throw new JsonTextError("invalid escape in a string", i);
        i += 2;
        continue;
      }
      i += 1;
    }
    i += 1;
  };
  const skipWhitespace = (): void => {
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code !== 32 && code !== 9 && code !== 10 && code !== 13) return;
      i += 1;
    }
  };

  for (;;) {
    skipWhitespace();
    const char = text[i];
    switch (state) {
      case "value":
      case "valueOrClose":
        if (state === "valueOrClose" && char === "]") {
          containers.pop();
          i += 1;
          state = "afterValue";
        } else if (char === "{") {
          open(char);
          state = "keyOrClose";
        } else if (char === "[") {
          open(char);
          state = "valueOrClose";
        } else if (char === '"') {
          scanString();
          state = "afterValue";
        } else {
          NUMBER.lastIndex = i;
          const literal = ["true", "false", "null"].find((word) => text.startsWith(word, i));
          if (literal) i += literal.length;
          else if (NUMBER.test(text)) i = NUMBER.lastIndex;
          else expect("a value");
          state = "afterValue";
        }
        break;
      case "key":
      case "keyOrClose":
        if (state === "keyOrClose" && char === "}") {
          containers.pop();
          i += 1;
          state = "afterValue";
        } else if (char === '"') {
          scanString();
          state = "colon";
        } else {
          expect("a property name in double quotes");
        }
        break;
      case "colon":
        if (char !== ":") expect('":"');
        i += 1;
        state = "value";
        break;
      case "afterValue": {
        const container = containers[containers.length - 1];
        if (container === undefined) {
          if (i < text.length) expect("the end of the text after the JSON value");
          return;
        }
        const close = container === "{" ? "}" : "]";
        if (char === ",") {
          i += 1;
          state = container === "{" ? "key" : "value";
        } else if (char === close) {
          containers.pop();
          i += 1;
        } else {
          expect(`"," or "${close}"`);
        }
        break;
      }
    }
  }
}

/** The parsed JSON value, or the issue that stopped it (path "": the whole document). */
export function readJsonText(text: string): { ok: true; value: unknown } | { ok: false; issue: SpecIssue } {
  // Characters never outnumber UTF-8 bytes, so this bounds the encoding below.
  if (text.length > LIMITS.specBytes || new TextEncoder().encode(text).length > LIMITS.specBytes) {
    return { ok: false, issue: issueAt("", `the spec is larger than ${LIMITS.specBytes / 1024} KiB of JSON; the limit is ${LIMITS.specBytes} bytes`) };
  }
  if (text.trim() === "") return { ok: false, issue: issueAt("", "the spec is empty; expected a JSON object") };
  try {
    scan(text, LIMITS.jsonDepth);
  } catch (error) {
    if (!(error instanceof JsonTextError)) throw error;
    return { ok: false, issue: issueAt("", `invalid JSON at ${position(text, error.index)}: ${error.message}`) };
  }
  return { ok: true, value: JSON.parse(text) as unknown };
}
