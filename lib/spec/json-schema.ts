/**
 * JSON Schemas generated from the zod schema (schema.ts), the only rulebook:
 * - specJsonSchema: the spec as participants write it (defaults optional), for editors (/spec/schema.json);
 * - engineSpecJsonSchema: the *normalised* spec (zod's output side: every default filled in), which the
 *   engine checks what it receives against (worker/engine/spec.schema.json, `npm run spec:schema`).
 *
 * What the zod schema enforces and JSON Schema cannot say, and who checks it instead:
 * - a pool's `padding` at most half its `size` (a refinement): the site, and PyTorch's pooling when the engine builds the layer;
 * - an erase range's first value not above its second (a refinement): the site only;
 * - `budgets` sorted (a transform; "unique" is in the schema): the site; the engine sorts what it plans anyway;
 * - a pool's `stride` filled from its `size`, `leak` only for He inits, Nesterov only with momentum:
 *   stated in the output schema (the pool's and the init's output shapes, and an if/then on SGD);
 * - the wording of zod's messages: the engine names the same paths in jsonschema's words.
 * A transform without an output schema makes the generation throw, so none is left out unnoticed.
 */
import { z } from "zod";
import { entrySpecSchema } from "./schema";

export function specJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(entrySpecSchema, { io: "input", target: "draft-7" }),
    title: "Catwalk entry spec, version 1",
    description: "A Catwalk entry for the Fashion-MNIST challenge. Semantics: /spec. Checks beyond this schema (shapes, limits) are done by the site.",
  };
}

/** Marks each discriminated union with the field that picks its option, so that a reader can name the wrong field inside that option. */
const markDiscriminators: NonNullable<Parameters<typeof z.toJSONSchema>[1]>["override"] = ({ zodSchema, jsonSchema }) => {
  const def = (zodSchema as unknown as { _zod: { def: { type: string; discriminator?: string } } })._zod.def;
  if (def.type === "union" && def.discriminator !== undefined) jsonSchema.discriminator = { propertyName: def.discriminator };
};

export function engineSpecJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(entrySpecSchema, { io: "output", override: markDiscriminators }),
    title: "Catwalk normalised entry spec, version 1",
    description:
      "Generated from lib/spec/schema.ts by `npm run spec:schema`; do not edit. The spec with every default filled in, as the engine receives it. Checks beyond this schema (shapes, limits) are done by the site and the engine's analysis.",
  };
}

/** Where the engine reads engineSpecJsonSchema from, relative to the repository root. */
export const ENGINE_SCHEMA_FILE = "worker/engine/spec.schema.json";

/** The committed file's exact text. */
export function engineSpecSchemaText(): string {
  return `${JSON.stringify(engineSpecJsonSchema(), null, 2)}\n`;
}
