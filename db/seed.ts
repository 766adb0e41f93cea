import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { SEAN_SPEC, checkSpec } from "@/lib/spec";
import { specHash } from "@/lib/spec/canonical";
import { entries, reportedResults, users } from "./schema";

/** The challenge's historical, self-reported results: shown on the boards, marked as not verified. */
const SEAN_SOURCE = "Sean's #ElixirFashionMLChallenge leaderboard on 8/13/2023 (self-reported)";
const JEREMY_SOURCE = "Jeremy Howard's 12/15 result from Deep Learning from the Foundations 2022, as the challenge cites it (self-reported)";

export const REPORTED_RESULTS = [
  { participant: "Sean Moriarity", budget: 5, accuracy: 0.907, source: SEAN_SOURCE, reportedOn: "2023-08-13" },
  { participant: "Sean Moriarity", budget: 20, accuracy: 0.911, source: SEAN_SOURCE, reportedOn: "2023-08-13" },
  { participant: "Sean Moriarity", budget: 50, accuracy: 0.909, source: SEAN_SOURCE, reportedOn: "2023-08-13" },
  { participant: "Jeremy Howard", budget: 5, accuracy: 0.927, source: JEREMY_SOURCE, reportedOn: null },
] as const;

export const SEAN_ENTRY_NAME = "Sean's CNN (the challenge's seed notebook)";

/**
 * Idempotent: seeds Sean Moriarity as a participant with his entry (unverified until an
 * admin verifies it) and the reported results, linking Sean's to his entry.
 */
export async function seedDatabase(db: Db): Promise<void> {
  const checked = checkSpec(SEAN_SPEC);
  if (!checked.ok) throw new Error(`Sean's shipped spec is invalid: ${JSON.stringify(checked.issues)}`);

  await db.transaction(async (tx) => {
    let [sean] = await tx.select({ id: users.id }).from(users).where(and(eq(users.name, "Sean Moriarity"), isNull(users.email)));
    sean ??= (await tx.insert(users).values({ name: "Sean Moriarity" }).returning({ id: users.id }))[0];
    if (!sean) throw new Error("could not create the seed participant");

    let [entry] = await tx.select({ id: entries.id }).from(entries).where(and(eq(entries.ownerId, sean.id), eq(entries.name, SEAN_ENTRY_NAME)));
    entry ??= (
      await tx
        .insert(entries)
        .values({
          ownerId: sean.id,
          name: SEAN_ENTRY_NAME,
          description:
            "Two conv blocks with max pooling, Adam with exponential decay 5e-3·0.5^(step/1850), batch 32, whole-batch upside-down flips drawn once with seed 42 — as in Sean Moriarity's DockYard post and the Livebook notebook that reproduces it.",
          spec: checked.spec,
          specVersion: checked.spec.version,
          specHash: specHash(checked.spec),
        })
        .returning({ id: entries.id })
    )[0];
    if (!entry) throw new Error("could not create the seed entry");

    for (const result of REPORTED_RESULTS) {
      await tx
        .insert(reportedResults)
        .values({
          ...result,
          entryId: result.participant === "Sean Moriarity" ? entry.id : null,
        })
        .onConflictDoUpdate({
          target: [reportedResults.participant, reportedResults.budget],
          set: { accuracy: result.accuracy, source: result.source, reportedOn: result.reportedOn },
        });
    }
  });
}
