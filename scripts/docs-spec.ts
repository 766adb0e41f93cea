/** `npm run docs:spec`: rewrites docs/spec.md's generated field tables from the schema's metadata. */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { regenerateFieldTables } from "@/lib/spec/field-tables";

const DOCUMENT = path.join(import.meta.dirname, "..", "docs", "spec.md");

const before = readFileSync(DOCUMENT, "utf8");
const after = regenerateFieldTables(before);
if (after === before) console.log("docs/spec.md: the field tables are up to date");
else {
  writeFileSync(DOCUMENT, after);
  console.log("docs/spec.md: field tables rewritten from lib/spec/schema.ts");
}
