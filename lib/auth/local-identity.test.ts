import { expect, test } from "vitest";
import { localIdentity } from "./local-identity";

test("the local sign-in name follows the typed-text rule: no NUL, bidi override or invisible-only name", () => {
  expect(() => localIdentity("Ada\u0000")).toThrow(/^name must not contain control characters/);
  expect(() => localIdentity("nimda\u202E")).toThrow(/^name must not contain bidirectional override/);
  expect(() => localIdentity("\u200B\u200B")).toThrow(/^name must contain visible characters/);
  expect(localIdentity(" Zoë ").name).toBe("Zoë");
});
