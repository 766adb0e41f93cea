/** The JSON Schema of the spec as participants write it (defaults optional), generated from the zod schema. */
import { z } from "zod";
import { entrySpecSchema } from "./schema";

export function specJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(entrySpecSchema, { io: "input", target: "draft-7" }),
    title: "Catwalk entry spec, version 1",
    description: "A Catwalk entry for the Fashion-MNIST challenge. Semantics: /spec. Checks beyond this schema (shapes, limits) are done by the site.",
  };
}
