import { budgetResults, entries, reportedResults, runs, type RunState } from "@/db/schema";
import { getDb } from "@/lib/db";
import { factsOfStoredSpec } from "@/lib/entries/spec-facts";
import type { EntrySpec } from "@/lib/spec/schema";

/** Small builders for rows the site reads; each returns the new row's id. */
export type EntryFixture = { hidden?: boolean; parentId?: string; withdrawnAt?: Date; spec?: unknown; specHash?: string };

/** Stores the spec's facts as a submission does (none for a spec that does not pass the checks). */
export async function insertEntry(ownerId: string, name: string, options: EntryFixture = {}): Promise<string> {
  const spec = options.spec ?? { version: 1, model: { layers: [] } };
  const [row] = await getDb()
    .insert(entries)
    .values({
      ownerId,
      name,
      // Like an entry stored under rules that have changed since, the default spec fails today's checks: it has no facts.
      spec: spec as EntrySpec,
      ...factsOfStoredSpec(spec),
      specVersion: 1,
      specHash: options.specHash ?? `hash-${name}`,
      hidden: options.hidden ?? false,
      withdrawnAt: options.withdrawnAt ?? null,
      parentId: options.parentId ?? null,
    })
    .returning({ id: entries.id });
  return row!.id;
}

export type RunFixture = {
  state?: RunState;
  finishedAt?: Date;
  trainLimit?: number;
  reason?: string;
  requestedBy?: string;
  /** The seed the run trained with (runs.seed). */
  seed?: number;
  /** Set on an extra-seed run (reason "extra seed"). */
  seedOverride?: number;
  /** Test accuracy (a fraction) per budget. */
  results?: Partial<Record<5 | 20 | 50, number>>;
};

export async function insertRun(entryId: string, fixture: RunFixture = {}): Promise<string> {
  const results = Object.entries(fixture.results ?? {}).map(([budget, accuracy]) => [Number(budget), accuracy] as const);
  const [run] = await getDb()
    .insert(runs)
    .values({
      entryId,
      budgets: results.length > 0 ? results.map(([budget]) => budget) : [5],
      state: fixture.state ?? "verified",
      finishedAt: fixture.finishedAt ?? new Date(),
      trainLimit: fixture.trainLimit ?? null,
      reason: fixture.reason ?? "submission",
      requestedBy: fixture.requestedBy ?? null,
      seed: fixture.seed ?? null,
      seedOverride: fixture.seedOverride ?? null,
    })
    .returning({ id: runs.id });
  for (const [budget, accuracy] of results) {
    await getDb()
      .insert(budgetResults)
      .values({
        runId: run!.id,
        budget,
        testAccuracy: accuracy,
        testLoss: 0.3,
        perClassAccuracy: Array.from({ length: 10 }, () => accuracy),
        confusionMatrix: Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i === j ? 900 : 10))),
      });
  }
  return run!.id;
}

export async function insertReported(participant: string, budget: number, accuracy: number, entryId?: string, reportedOn?: string): Promise<void> {
  await getDb()
    .insert(reportedResults)
    .values({ participant, budget, accuracy, source: "test fixture", entryId: entryId ?? null, reportedOn: reportedOn ?? null });
}

