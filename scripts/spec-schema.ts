/** `npm run spec:schema`: writes the normalised spec's JSON Schema, generated from the zod schema, where the engine reads it. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ENGINE_SCHEMA_FILE, engineSpecSchemaText } from "@/lib/spec/json-schema";
import { ROOT } from "./lib/run";

writeFileSync(path.join(ROOT, ENGINE_SCHEMA_FILE), engineSpecSchemaText());
console.log(`wrote ${ENGINE_SCHEMA_FILE}`);
