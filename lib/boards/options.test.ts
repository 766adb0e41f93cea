import { expect, test } from "vitest";
import { boardOptionsHref, boardOptionsOrDefaults, parseBoardOptions } from "./options";

test("the page falls back to the defaults on an unknown or repeated value", () => {
  expect(boardOptionsOrDefaults({})).toEqual({ rows: "best", sort: "accuracy" });
  expect(boardOptionsOrDefaults({ rows: "all", sort: "params" })).toEqual({ rows: "all", sort: "params" });
  expect(boardOptionsOrDefaults({ rows: "everything", sort: ["date", "params"] })).toEqual({ rows: "best", sort: "accuracy" });
  expect(boardOptionsOrDefaults({ rows: "ALL", sort: "date" })).toEqual({ rows: "best", sort: "date" });
});

test("the API names the field of a bad value", () => {
  expect(parseBoardOptions(new URLSearchParams("rows=all&sort=date"))).toEqual({ ok: true, options: { rows: "all", sort: "date" } });
  expect(parseBoardOptions(new URLSearchParams(""))).toEqual({ ok: true, options: { rows: "best", sort: "accuracy" } });
  expect(parseBoardOptions(new URLSearchParams("rows=some"))).toEqual({ ok: false, error: 'rows: must be one of best, all; got "some"' });
  expect(parseBoardOptions(new URLSearchParams("rows=all&sort=flops"))).toEqual({
    ok: false,
    error: 'sort: must be one of accuracy, params, date; got "flops"',
  });
  expect(parseBoardOptions(new URLSearchParams("sort=date&sort=params"))).toEqual({
    ok: false,
    error: "sort: must be one of accuracy, params, date; got 2 values",
  });
});

test("links to a view leave the defaults out", () => {
  expect(boardOptionsHref({ rows: "best", sort: "accuracy" })).toBe("/");
  expect(boardOptionsHref({ rows: "all", sort: "params" })).toBe("/?rows=all&sort=params");
  expect(boardOptionsHref({ rows: "best", sort: "date" })).toBe("/?sort=date");
});
