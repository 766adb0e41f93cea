/**
 * Test support for the engine's Python tests: reads one spec per stdin line and prints one
 * line per spec, `{"ok":true,"spec":…}` with every default filled in by the zod schema, or
 * `{"ok":false,"issues":[…]}`. Shapes and limits are not checked: a test may want a spec
 * that the engine's analysis refuses. worker/engine/tests/normalised.py runs it.
 */
import { createInterface } from "node:readline";
import { fromZodIssues, specErrorMap } from "@/lib/spec/issues";
import { entrySpecSchema } from "@/lib/spec/schema";

for await (const line of createInterface({ input: process.stdin })) {
  const parsed = entrySpecSchema.safeParse(JSON.parse(line), { error: specErrorMap });
  const answer = parsed.success ? { ok: true, spec: parsed.data } : { ok: false, issues: fromZodIssues(parsed.error.issues) };
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
