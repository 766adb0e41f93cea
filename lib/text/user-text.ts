import { z } from "zod";

/**
 * The one rule for text a person types (names, descriptions, reasons): no control characters
 * (NUL reaches PostgreSQL as an error), no bidirectional overrides or isolates (they make a name
 * read as something else), and something visible once whitespace and zero-width characters go.
 */
export interface UserTextOptions {
  max: number;
  /** Descriptions keep line breaks and tabs; everything else is one line. */
  multiline?: boolean;
  /** Optional text may be empty; when present it must still have something visible. */
  optional?: boolean;
}

/** The longest reason an admin gives for an action (a re-verification, …): one line. */
export const REASON_MAX_LENGTH = 500;

const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/u;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;
const INVISIBLE = /[\s\u00AD\u034F\u061C\u115F\u1160\u180E\u200B-\u200F\u2060-\u2064\u3164\uFEFF\uFFA0]/gu;

/** What is wrong with already trimmed text, as a message starting with the field's name; null when it is fine. */
export function userTextProblem(field: string, text: string, options: UserTextOptions): string | null {
  if ((options.multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(text)) {
    return `${field} must not contain control characters${options.multiline ? "" : " or line breaks"}`;
  }
  if (BIDI_CONTROLS.test(text)) return `${field} must not contain bidirectional override characters (U+202A–U+202E, U+2066–U+2069)`;
  if (text.length > options.max) return `${field} must be at most ${options.max} characters`;
  if (text.replace(INVISIBLE, "") === "" && !(options.optional && text === "")) {
    return text === "" ? `${field} must not be empty` : `${field} must contain visible characters, not only spaces or zero-width characters`;
  }
  return null;
}

/** Trims and checks; throws a UserTextError (its message starts with the field's name) when the text breaks the rule. */
export function checkUserText(field: string, input: unknown, options: UserTextOptions): string {
  const text = typeof input === "string" ? input.trim() : "";
  const problem = typeof input === "string" || options.optional ? userTextProblem(field, text, options) : `${field} must be text`;
  if (problem) throw new UserTextError(field, problem);
  return text;
}

export class UserTextError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = "UserTextError";
    this.field = field;
  }
}

/** The same rule as a zod schema, for request schemas. */
export function userTextSchema(field: string, options: UserTextOptions) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be a string`) })
    .trim()
    .superRefine((text, context) => {
      const problem = userTextProblem(field, text, options);
      if (problem) context.addIssue({ code: "custom", message: problem });
    });
}
