import { describe, expect, test } from "vitest";
import { checkUserText, userTextProblem, userTextSchema } from "./user-text";

const line = { max: 20 };

describe("the typed-text rule", () => {
  test("ordinary names pass, accents, CJK, emoji and a zero-width joiner inside an emoji included", () => {
    for (const text of ["Ada Lovelace", "Zoë", "小猫 cat", "👩‍💻 coder", "Sean's ResNet-ish"]) expect(userTextProblem("name", text, line)).toBeNull();
  });

  test.each([
    ["a NUL", "bad\u0000name", /name must not contain control characters/],
    ["a line break in one line", "two\nlines", /control characters or line breaks/],
    ["a right-to-left override", "evil\u202Egnp.exe", /bidirectional override/],
    ["a left-to-right embedding", "\u202Ax", /bidirectional override/],
    ["a first-strong isolate", "x\u2068y\u2069", /bidirectional override/],
    ["only zero-width characters", "\u200B\u200C\u200D\u2060\uFEFF", /visible characters/],
    ["only a Hangul filler", "\u3164", /visible characters/],
    ["too long", "x".repeat(21), /at most 20 characters/],
  ])("refuses %s", (_what, text, message) => {
    expect(userTextProblem("name", text, line)).toMatch(message);
  });

  test("multi-line text keeps line breaks and tabs but not NUL or bidi controls; optional text may be empty", () => {
    const description = { max: 100, multiline: true, optional: true };
    expect(userTextProblem("description", "line one\n\tline two", description)).toBeNull();
    expect(userTextProblem("description", "", description)).toBeNull();
    expect(userTextProblem("description", "a\u0000b", description)).toMatch(/control characters/);
    expect(userTextProblem("description", "a\u2066b", description)).toMatch(/bidirectional/);
    expect(userTextProblem("description", "\u200B", description)).toMatch(/visible characters/);
  });

  test("checkUserText trims and names the field in what it throws; the schema reports the same message", () => {
    expect(checkUserText("reason", "  why  ", line)).toBe("why");
    expect(() => checkUserText("reason", 42, line)).toThrow(/^reason must be text/);
    expect(() => checkUserText("reason", "\u202E", line)).toThrow(/^reason must not contain bidirectional/);
    const parsed = userTextSchema("name", line).safeParse("\u200B");
    expect(parsed.success || parsed.error.issues[0]?.message).toMatch(/^name must contain visible characters/);
  });
});
