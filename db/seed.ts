import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { JEREMY_SPEC, SEAN_SPEC, checkSpec } from "@/lib/spec";
import { specHash } from "@/lib/spec/canonical";
import { entries, reportedResults, users } from "./schema";

/** The challenge's historical, self-reported results: shown on the boards, marked as not verified. */
const SEAN_SOURCE = "Sean's #ElixirFashionMLChallenge leaderboard on 8/13/2023 (self-reported)";
const JEREMY_SOURCE =
  "Jeremy Howard's 12/15 result from Deep Learning from the Foundations 2022, as the challenge cites it (self-reported); the code: https://github.com/fastai/course22p2/blob/3c998d5/nbs/14_augment.ipynb";

export const REPORTED_RESULTS = [
  { participant: "Sean Moriarity", budget: 5, accuracy: 0.907, source: SEAN_SOURCE, reportedOn: "2023-08-13" },
  { participant: "Sean Moriarity", budget: 20, accuracy: 0.911, source: SEAN_SOURCE, reportedOn: "2023-08-13" },
  { participant: "Sean Moriarity", budget: 50, accuracy: 0.909, source: SEAN_SOURCE, reportedOn: "2023-08-13" },
  { participant: "Jeremy Howard", budget: 5, accuracy: 0.927, source: JEREMY_SOURCE, reportedOn: "2022-12-15" },
] as const;

export const SEAN_ENTRY_NAME = "Sean's CNN (the challenge's seed notebook)";
export const JEREMY_ENTRY_NAME = "Going wider ResNet (course 2022-12-15)";

/** The reported results' recipes, as entries an admin can verify. */
const SEED_ENTRIES = [
  {
    participant: "Sean Moriarity",
    name: SEAN_ENTRY_NAME,
    description:
      "Two conv blocks with max pooling, Adam with exponential decay 5e-3·0.5^(step/1850), batch 32, whole-batch upside-down flips drawn once with seed 42 — as in Sean Moriarity's DockYard post and the Livebook notebook that reproduces it.",
    spec: SEAN_SPEC,
  },
  {
    participant: "Jeremy Howard",
    name: JEREMY_ENTRY_NAME,
    description:
      "The \"going wider\" ResNet of the course's notebook 14_augment at 2022-12-15 (fastai/course22p2 commit 3c998d5): general ReLU, He init with leak 0.1, average-pooled shortcuts, AdamW with one-cycle rate and β1, batch 1024. docs/recipe-2022-12-15.md states it line by line.",
    spec: JEREMY_SPEC,
  },
];

/**
 * Idempotent: seeds Sean Moriarity and Jeremy Howard as participants, each with the entry
 * of their reported recipe (unverified until an admin verifies it), and the reported
 * results, linked to those entries.
 */
export async function seedDatabase(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const entryOf = new Map<string, string>();
    for (const seed of SEED_ENTRIES) {
      const checked = checkSpec(seed.spec);
      if (!checked.ok) throw new Error(`the shipped spec of ${seed.name} is invalid: ${JSON.stringify(checked.issues)}`);
      let [owner] = await tx.select({ id: users.id }).from(users).where(and(eq(users.name, seed.participant), isNull(users.email)));
      owner ??= (await tx.insert(users).values({ name: seed.participant }).returning({ id: users.id }))[0];
      if (!owner) throw new Error(`could not create the seed participant ${seed.participant}`);

      let [entry] = await tx.select({ id: entries.id }).from(entries).where(and(eq(entries.ownerId, owner.id), eq(entries.name, seed.name)));
      entry ??= (
        await tx
          .insert(entries)
          .values({
            ownerId: owner.id,
            name: seed.name,
            description: seed.description,
            spec: checked.spec,
            specVersion: checked.spec.version,
            specHash: specHash(checked.spec),
            params: checked.analysis.params,
            flops: checked.analysis.flops,
          })
          .returning({ id: entries.id })
      )[0];
      if (!entry) throw new Error(`could not create the seed entry ${seed.name}`);
      entryOf.set(seed.participant, entry.id);
    }

    for (const result of REPORTED_RESULTS) {
      await tx
        .insert(reportedResults)
        .values({ ...result, entryId: entryOf.get(result.participant) ?? null })
        .onConflictDoUpdate({
          target: [reportedResults.participant, reportedResults.budget],
          set: { accuracy: result.accuracy, source: result.source, reportedOn: result.reportedOn, entryId: entryOf.get(result.participant) ?? null },
        });
    }
  });
}
