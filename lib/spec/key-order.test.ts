import { describe, expect, test } from "vitest";
import { EXAMPLES } from "./examples";
import { inReferenceOrder, specText } from "./key-order";
import { entrySpecSchema } from "./schema";

/** PostgreSQL's jsonb order: shorter keys first, then bytewise; what a spec read back from the database looks like. */
function jsonbOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(jsonbOrder);
  if (typeof value !== "object" || value === null) return value;
  const keys = Object.keys(value).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((key) => [key, jsonbOrder((value as Record<string, unknown>)[key])]));
}

function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reversedKeys(item)]));
}

describe("specs in the reference's key order", () => {
  test.each(EXAMPLES.map((example) => [example.slug, example.spec] as const))("%s: the stored order is put back into the schema's declared order", (_slug, spec) => {
    // Whatever order the keys arrive in, the result is the same text.
    expect(JSON.stringify(inReferenceOrder(jsonbOrder(spec)))).toBe(JSON.stringify(inReferenceOrder(reversedKeys(spec))));
    const normalised = entrySpecSchema.parse(spec);
    const stored = jsonbOrder(normalised);
    expect(Object.keys(stored as object)[0]).toBe("data");
    const ordered = inReferenceOrder(stored);
    expect(ordered).toEqual(normalised);
    expect(JSON.stringify(inReferenceOrder(normalised))).toBe(JSON.stringify(ordered));
    expect(Object.keys(ordered as object)).toEqual(["version", "seed", "budgets", "model", "loss", "optimizer", "schedule", "data"]);
  });

  test("each layer, optimizer and schedule variant is ordered by its own declaration", () => {
    const stored = {
      version: 1,
      model: {
        layers: [
          { fn: "leaky_relu", type: "activation", negativeSlope: 0.1 },
          { type: "residual", body: [{ size: 2, type: "maxpool", stride: 2, padding: 0 }], activation: null, shortcut: { batchnorm: true, type: "projection" } },
        ],
      },
      schedule: { then: { lr: 0.1, type: "cosine", finalLr: 0 }, type: "warmup", steps: 10, startFactor: 0 },
    };
    expect(JSON.stringify(inReferenceOrder(stored))).toBe(
      JSON.stringify({
        version: 1,
        model: {
          layers: [
            { type: "activation", fn: "leaky_relu", negativeSlope: 0.1 },
            { type: "residual", body: [{ type: "maxpool", size: 2, stride: 2, padding: 0 }], shortcut: { type: "projection", batchnorm: true }, activation: null },
          ],
        },
        schedule: { type: "warmup", steps: 10, startFactor: 0, then: { type: "cosine", lr: 0.1, finalLr: 0 } },
      }),
    );
  });

  test("values are never changed, unknown keys are kept after the known ones, and non-objects pass through", () => {
    expect(inReferenceOrder({ zeta: 1, seed: 3, version: 1 })).toEqual({ version: 1, seed: 3, zeta: 1 });
    expect(Object.keys(inReferenceOrder({ zeta: 1, seed: 3, version: 1 }))).toEqual(["version", "seed", "zeta"]);
    expect(inReferenceOrder(null)).toBeNull();
    expect(inReferenceOrder("text")).toBe("text");
  });

  test("specText is indented JSON ending in a newline", () => {
    expect(specText({ seed: 1, version: 1 })).toBe('{\n  "version": 1,\n  "seed": 1\n}\n');
  });
});
