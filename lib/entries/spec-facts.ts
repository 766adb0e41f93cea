import { isNull, or, eq } from "drizzle-orm";
import { entries } from "@/db/schema";
import type { Db } from "@/lib/db";
// The modules themselves, not lib/spec's index: the e2e fixtures import this file, and Playwright's loader cannot load the index's JSON examples.
import { analyzeSpec } from "@/lib/spec/analyze";
import { checkSpec } from "@/lib/spec/check";
import type { EntrySpec } from "@/lib/spec/schema";

/** What the boards show and sort by about an entry's model, stored with the entry (entries.params, entries.flops). */
export type SpecFacts = { params: number; flops: number };

/** The facts of a spec that passed the checks. */
export function factsOfCheckedSpec(spec: EntrySpec): SpecFacts {
  const { analysis } = analyzeSpec(spec);
  return { params: analysis.params, flops: analysis.flops };
}

/** The facts of a stored spec; null when it no longer passes today's checks. */
export function factsOfStoredSpec(spec: unknown): SpecFacts | null {
  const checked = checkSpec(spec);
  return checked.ok ? { params: checked.analysis.params, flops: checked.analysis.flops } : null;
}

/**
 * Fills in the facts of entries stored before they were kept (or whose spec did not pass the
 * checks then), analysing each distinct spec once. Returns how many entries it updated.
 */
export async function backfillSpecFacts(db: Db): Promise<number> {
  const missing = await db
    .selectDistinctOn([entries.specHash], { specHash: entries.specHash, spec: entries.spec })
    .from(entries)
    .where(or(isNull(entries.params), isNull(entries.flops)));
  let updated = 0;
  for (const { specHash, spec } of missing) {
    const facts = factsOfStoredSpec(spec);
    if (!facts) continue;
    const rows = await db.update(entries).set(facts).where(eq(entries.specHash, specHash)).returning({ id: entries.id });
    updated += rows.length;
  }
  return updated;
}
