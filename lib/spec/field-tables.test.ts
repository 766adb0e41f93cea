import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type FieldPath, fieldAt } from "./field-meta";
import { FIELD_TABLE_NAMES, fieldTable, fieldTableNames, regenerateFieldTables } from "./field-tables";

const DOCUMENT = readFileSync(path.join(import.meta.dirname, "../../docs/spec.md"), "utf8");

describe("docs/spec.md's field tables", () => {
  it("are what the schema generates now", () => {
    const fresh = regenerateFieldTables(DOCUMENT);
    // toBe would print the whole document; the message says how to fix it.
    expect(fresh === DOCUMENT, "docs/spec.md's field tables differ from lib/spec/schema.ts: run `npm run docs:spec` and commit the result").toBe(true);
  });

  it("are all in the document, each once", () => {
    expect(fieldTableNames(DOCUMENT).sort()).toEqual([...FIELD_TABLE_NAMES].sort());
  });

  it("show each field's value, range, default and description, one row for what several kinds share alike", () => {
    const layers = fieldTable("layers").split("\n");
    expect(layers).toContain("| `conv2d` | `filters` | integer | 1 … 1024 | required | Number of output channels. |");
    expect(layers).toContainEqual(expect.stringMatching(/^\| `maxpool`, `avgpool` \| `padding` \| integer \| 0 … 4 \| `0` \|/));
    expect(layers).toContainEqual(expect.stringMatching(/^\| `residual` \| `shortcut\.init\.weight` \|/));
    expect(layers).toContainEqual(expect.stringMatching(/^\| `activation` \(`general_relu`\) \| `max` \| number or `null` \|/));
    // Defaults zod leaves out of the input schema (a transform follows) come from the output schema.
    expect(fieldTable("top-level")).toContain("| `budgets` | list of `5`, `20` or `50` | at least 1 item | `[5, 20, 50]` |");
    expect(fieldTable("optimizer")).toContain("| `adamw` | `weightDecay` | number | 0 … 1 | `0.01` |");
  });

  it("rewrite only the regions between their markers", () => {
    const document = "prose\n<!-- generated:fields loss (generated) -->\nstale\n<!-- /generated:fields -->\nmore prose\n";
    expect(regenerateFieldTables(document)).toBe(`prose\n<!-- generated:fields loss (generated) -->\n\n${fieldTable("loss")}\n\n<!-- /generated:fields -->\nmore prose\n`);
    expect(() => regenerateFieldTables("<!-- generated:fields nothing -->\n<!-- /generated:fields -->")).toThrow(/no field table named "nothing"/);
  });
});

describe("a field's metadata at a path of a spec", () => {
  const at = (spec: unknown, fieldPath: FieldPath) =>
    fieldAt(fieldPath, (prefix) => prefix.reduce<unknown>((value, key) => (value as Record<string | number, unknown> | undefined)?.[key], spec));

  it("follows the kind of each enclosing object", () => {
    const spec = { model: { layers: [{ type: "conv2d" }, { type: "dense" }, { type: "activation", fn: "relu" }, { type: "activation", fn: "general_relu" }] } };
    expect(at(spec, ["model", "layers", 0, "filters"])?.title).toBe("Filters");
    expect(at(spec, ["model", "layers", 1, "filters"])).toBeUndefined();
    expect(at(spec, ["model", "layers", 2, "subtract"])).toBeUndefined();
    expect(at(spec, ["model", "layers", 3, "subtract"])).toMatchObject({ title: "Subtract", minimum: -10, maximum: 10 });
    expect(at({ schedule: { type: "warmup", then: { type: "step" } } }, ["schedule", "then", "gamma"])?.title).toBe("Gamma");
  });

  it("names each end of a pair, with the pair's description", () => {
    const spec = { data: { augment: [{ type: "erase" }] } };
    expect(at(spec, ["data", "augment", 0, "scale", 1])).toMatchObject({ title: "Area to", maximum: 1, description: "Range of the rectangle's area, as a fraction of the image." });
  });
});
