import { parser } from "@lezer/json";
import { describe, expect, it } from "vitest";
import { rangeOfPath } from "./json-path-ranges";

const TEXT = `{
  "version": 1,
  "model": {
    "layers": [
      { "type": "conv2d", "filters": 0 },
      { "type": "dense", "units": 10, "units": 12 }
    ]
  },
  "budgets": [5, 20],
  "we\\u0069rd": true
}`;

function marked(path: string, text = TEXT): string | null {
  const range = rangeOfPath(parser.parse(text), text, path);
  return range && text.slice(range.from, range.to);
}

describe("the text an issue path marks", () => {
  it("a property with a plain value: its key and value", () => {
    expect(marked("model.layers.0.filters")).toBe('"filters": 0');
    expect(marked("version")).toBe('"version": 1');
  });

  it("a property holding an object or array: its key", () => {
    expect(marked("model")).toBe('"model"');
    expect(marked("model.layers")).toBe('"layers"');
  });

  it("an array item: the plain value, or the opening bracket of an object", () => {
    expect(marked("budgets.1")).toBe("20");
    expect(marked("model.layers.1")).toBe("{");
  });

  it("a repeated key: the last one, the one JSON.parse keeps", () => {
    expect(marked("model.layers.1.units")).toBe('"units": 12');
  });

  it("keys are compared as JSON strings, escapes read", () => {
    expect(marked("weird")).toBe('"we\\u0069rd": true');
  });

  it("a missing member: the deepest one that exists", () => {
    expect(marked("model.layers.0.kernel")).toBe("{");
    expect(marked("model.layers.7.filters")).toBe('"layers"');
    expect(marked("budgets.x")).toBe('"budgets"');
    expect(marked("data.batchSize")).toBe("{");
  });

  it("the whole spec: its opening bracket; an empty text: nothing", () => {
    expect(marked("")).toBe("{");
    expect(marked("", "")).toBeNull();
  });
});
