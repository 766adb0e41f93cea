import { describe, expect, test } from "vitest";
import { SEAN_SPEC } from "@/lib/spec/examples";
import { entrySpecSchema } from "@/lib/spec/schema";
import { specText } from "@/lib/spec/key-order";
import { lineDiff, type DiffLine } from "./line-diff";

const rebuild = (lines: DiffLine[], side: "before" | "after") =>
  lines
    .filter((line) => line.kind === "same" || line.kind === (side === "before" ? "removed" : "added"))
    .map((line) => line.text)
    .join("\n");

describe("the line diff", () => {
  test("identical texts are all kept", () => {
    expect(lineDiff("a\nb", "a\nb")).toEqual([
      { kind: "same", text: "a" },
      { kind: "same", text: "b" },
    ]);
  });

  test("a changed line is removed then added, in place, and both texts can be rebuilt", () => {
    const lines = lineDiff("a\nb\nc\nd", "a\nB\nc\nd\ne");
    expect(lines).toEqual([
      { kind: "same", text: "a" },
      { kind: "removed", text: "b" },
      { kind: "added", text: "B" },
      { kind: "same", text: "c" },
      { kind: "same", text: "d" },
      { kind: "added", text: "e" },
    ]);
    expect(rebuild(lines, "before")).toBe("a\nb\nc\nd");
    expect(rebuild(lines, "after")).toBe("a\nB\nc\nd\ne");
  });

  test("the diff is minimal: only the lines that changed are marked", () => {
    const lines = lineDiff("x\na\nb\nc\ny", "x\nb\nc\na\ny");
    expect(lines.filter((line) => line.kind !== "same")).toHaveLength(2);
  });

  test("two specs differ in exactly the lines of the fields that changed", () => {
    const sean = entrySpecSchema.parse(SEAN_SPEC);
    const changed = { ...sean, seed: 7, data: { ...sean.data, shuffle: true } };
    const lines = lineDiff(specText(sean), specText(changed));
    expect(lines.filter((line) => line.kind !== "same")).toEqual([
      { kind: "removed", text: '  "seed": 42,' },
      { kind: "added", text: '  "seed": 7,' },
      { kind: "removed", text: '    "shuffle": false,' },
      { kind: "added", text: '    "shuffle": true,' },
    ]);
  });

  test("texts too large for the table still rebuild both sides", () => {
    const a = Array.from({ length: 2100 }, (_, i) => `a${i}`).join("\n");
    const b = Array.from({ length: 2100 }, (_, i) => `b${i}`).join("\n");
    const lines = lineDiff(a, b);
    expect(rebuild(lines, "before")).toBe(a);
    expect(rebuild(lines, "after")).toBe(b);
  });
});
