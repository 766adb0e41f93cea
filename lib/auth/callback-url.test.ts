import { expect, test } from "vitest";
import { safeCallbackPath } from "./callback-url";

const SITE = "http://127.0.0.1:3000";

test("a page of the site is kept, query and hash included", () => {
  expect(safeCallbackPath("/submit?from=abc#top", SITE)).toBe("/submit?from=abc#top");
  expect(safeCallbackPath("http://127.0.0.1:3000/queue", SITE)).toBe("/queue");
});

test.each(["https://evil.example/", "//evil.example/x", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "javascript:alert(1)", "http://127.0.0.1:3000.evil.example/"])(
  "%j never leads elsewhere",
  (value) => {
    expect(safeCallbackPath(value, SITE)).toBe("/");
  },
);

test("a callback to the sign-in page itself is unwrapped to where it was going", () => {
  expect(safeCallbackPath("/signin?callbackUrl=%2Fqueue&check=1", SITE)).toBe("/queue");
  expect(safeCallbackPath(`${SITE}/signin?${new URLSearchParams({ callbackUrl: "/signin?callbackUrl=%2Fsubmit&check=1", check: "1" })}`, SITE)).toBe("/submit");
  expect(safeCallbackPath("/signin", SITE)).toBe("/");
});

test("nothing, or no site origin known: the home page or the path alone", () => {
  expect(safeCallbackPath(undefined, SITE)).toBe("/");
  expect(safeCallbackPath("http://127.0.0.1:3000/queue", null)).toBe("/");
  expect(safeCallbackPath("/queue", null)).toBe("/queue");
});
