/**
 * Reads a spec's JSON text safely: the size limit is checked before any parsing, and a syntax
 * error says where it is. JSON.parse decides what is valid (V8's does not recurse, so deep nesting
 * cannot overflow the server's stack; the depth limit is checked on the value, in input-bounds.ts); its
 * messages differ between engines and often omit the position, so the error is located with
 * the Lezer JSON parser, the same one the JSON editor highlights with.
 */
import type { Tree } from "@lezer/common";
import { parser } from "@lezer/json";
import { type SpecIssue, issueAt } from "./issues";
import { LIMITS } from "./limits";

/** A place in the text: `from` < `to` unless it is the end of the text. */
export interface TextRange {
  from: number;
  to: number;
}

interface JsonSyntaxError extends TextRange {
  message: string;
}

/** Why a text is no spec value, and where, when the reason has a place. */
export interface UnreadableText {
  message: string;
  at?: TextRange;
}

const STRING_TOKEN = /^"[^"\\\u0000-\u001f]*"$/;

function lineAndColumn(text: string, index: number): string {
  const before = text.slice(0, index).split("\n");
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

/** The first syntax error in `tree`, the Lezer JSON parse of `text`; null when the tree has none. */
function firstSyntaxError(tree: Tree, text: string): JsonSyntaxError | null {
  const cursor = tree.cursor();
  while (!cursor.type.isError) if (!cursor.next()) return null;
  const from = cursor.from;
  let to = cursor.to;
  // An empty error node sits where something is missing: point at the token found there instead.
  if (from === to && from < text.length) {
    const token = tree.resolveInner(from, 1);
    to = token.from === from && token.to > from ? token.to : from + 1;
  }
  const found = text.slice(from, Math.min(to, from + 20));
  // A well-formed string token shows as it is; anything else quoted, with its control characters escaped.
  const unexpected = from === to ? "the end of the text" : STRING_TOKEN.test(found) ? found : JSON.stringify(found);
  return { from, to, message: `invalid JSON at ${lineAndColumn(text, from)}: unexpected ${unexpected}` };
}

/** The parsed JSON value, or the issue that stopped it (path "": the whole document) with its place in the text when it has one. */
export function readJsonText(text: string): { ok: true; value: unknown } | { ok: false; issue: SpecIssue; at?: TextRange } {
  // Characters never outnumber UTF-8 bytes, so this bounds the encoding below.
  if (text.length > LIMITS.specBytes || new TextEncoder().encode(text).length > LIMITS.specBytes) {
    return { ok: false, issue: issueAt("", `the spec is larger than ${LIMITS.specBytes / 1024} KiB of JSON; the limit is ${LIMITS.specBytes} bytes`) };
  }
  if (text.trim() === "") return { ok: false, issue: issueAt("", "the spec is empty; expected a JSON object") };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (parseError) {
    const at = firstSyntaxError(parser.parse(text), text);
    if (at) return { ok: false, issue: issueAt("", at.message), at: { from: at.from, to: at.to } };
    // Lezer's grammar and JSON.parse disagree (not seen in the fuzz tests): say what the engine said.
    return { ok: false, issue: issueAt("", `invalid JSON: ${(parseError as Error).message}`) };
  }
}
