import { expect, test } from "vitest";
import { boardOptionsHref, boardOptionsOrDefaults, pageOrFirst, parseBoardOptions, parsePage } from "./options";

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

test("a board's own page and its page numbers", () => {
  expect(boardOptionsHref({ rows: "all", sort: "accuracy" }, "/boards/20", 3)).toBe("/boards/20?rows=all&page=3");
  expect(boardOptionsHref({ rows: "best", sort: "accuracy" }, "/boards/5", 1)).toBe("/boards/5");
  expect(pageOrFirst({ page: "4" })).toBe(4);
  expect(pageOrFirst({ page: "0" })).toBe(1);
  expect(pageOrFirst({ page: ["2", "3"] })).toBe(1);
  expect(parsePage(new URLSearchParams("page=2"))).toEqual({ ok: true, page: 2 });
  expect(parsePage(new URLSearchParams(""))).toEqual({ ok: true, page: 1 });
  expect(parsePage(new URLSearchParams("page=-1"))).toEqual({ ok: false, error: 'page: must be a whole number from 1; got "-1"' });
  expect(parsePage(new URLSearchParams("page=1.5"))).toEqual({ ok: false, error: 'page: must be a whole number from 1; got "1.5"' });
});
