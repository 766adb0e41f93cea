/**
 * The canonical JSON of a normalised spec and its hash.
 * The worker writes canonicalJson to the engine's spec file, so the engine's specHash
 * (SHA-256 of the file's bytes) equals the entry's stored hash. No `import "server-only"`:
 * the worker and the scripts import it outside Next (node:crypto keeps it out of the browser).
 */
import { createHash } from "node:crypto";
import type { EntrySpec } from "./schema";

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, sortedKeys(record[key])]),
  );
}

/** Keys sorted at every level, no whitespace. */
export function canonicalJson(spec: EntrySpec): string {
  return JSON.stringify(sortedKeys(spec));
}

/** SHA-256 hex of canonicalJson(spec). */
export function specHash(spec: EntrySpec): string {
  return createHash("sha256").update(canonicalJson(spec), "utf8").digest("hex");
}
