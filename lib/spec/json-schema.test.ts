// ajv 6 (draft-07) comes with eslint; it stands in for the editors that read /spec/schema.json.
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { EXAMPLES, SEAN_SPEC } from "./examples";
import { specJsonSchema } from "./json-schema";
import { LAYER_TYPES } from "./schema";

describe("the generated JSON Schema", () => {
  const schema = specJsonSchema();
  const validate = new Ajv({ allErrors: true }).compile(schema);

  it("accepts every shipped example as written (defaults left out)", () => {
    for (const example of EXAMPLES) expect([example.slug, validate(example.spec), validate.errors]).toEqual([example.slug, true, null]);
  });

  it("rejects unknown keys, unknown layer types, a missing version and out-of-range values", () => {
    const layers = SEAN_SPEC.model.layers;
    expect(validate({ ...SEAN_SPEC, extra: 1 })).toBe(false);
    expect(validate({ ...SEAN_SPEC, model: { layers: [...layers, { type: "conv3d" }] } })).toBe(false);
    expect(validate({ ...SEAN_SPEC, model: { layers: [{ type: "activation", fn: "relu", negativeSlope: 0.1 }] } })).toBe(false);
    expect(validate({ model: SEAN_SPEC.model })).toBe(false);
    expect(validate({ ...SEAN_SPEC, data: { batchSize: 4 } })).toBe(false);
  });

  it("describes every layer type and marks version and model required", () => {
    expect(schema.required).toEqual(["version", "model"]);
    const text = JSON.stringify(schema);
    for (const type of LAYER_TYPES) expect(text).toContain(`"const":"${type}"`);
  });
});
