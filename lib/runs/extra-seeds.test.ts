/** Extra-seed runs against the real database: who gets them, with which seeds, never twice, behind everyone else. */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { auditLog, budgetResults, entries, runs } from "@/db/schema";
import { getDb } from "@/lib/db";
import { queuedRunIdsInOrder } from "@/lib/queue/order";
import { closeDatabaseClients, usePrivateDatabase } from "@/tests/fixtures";
import { EXTRA_SEED_PRIORITY, EXTRA_SEED_REASON, extraSeeds, queueExtraSeeds, queueExtraSeedsIfTopRanked, requestExtraSeeds } from "./extra-seeds";
import { submitEntry } from "./new-entry";
import { createTestUser, tinySpec } from "@/tests/runs";
import { withTransaction } from "./transaction";
import { cancelRunState } from "./transitions";

beforeAll(async () => {
  // A private database: the top-ranks rule reads whole boards.
  await usePrivateDatabase("catwalk_test_extra_seeds");
  process.env.CATWALK_MAX_QUEUED_PER_USER = "1";
});

afterAll(async () => {
  delete process.env.CATWALK_MAX_QUEUED_PER_USER;
  await closeDatabaseClients();
});

let seed = 100;
/** An entry whose first run is verified with `accuracy` at each of `budgets` (a development run when trainLimit is set). */
async function verifiedEntry(accuracy: number, options: { budgets?: number[]; trainLimit?: number } = {}) {
  seed += 10;
  const budgets = options.budgets ?? [5];
  const ownerId = await createTestUser();
  const spec = tinySpec(seed, { budgets: budgets as (5 | 20 | 50)[] });
  const { entryId, runId } = await submitEntry({ ownerId, name: `seeded ${seed}`, spec, trainLimit: options.trainLimit ?? null });
  await markVerified(runId, accuracy, budgets);
  return { ownerId, entryId, runId, specSeed: seed };
}

async function markVerified(runId: string, accuracy: number, budgets: number[]) {
  await getDb().update(runs).set({ state: "verified", finishedAt: new Date() }).where(eq(runs.id, runId));
  for (const budget of budgets) {
    await getDb().insert(budgetResults).values({ runId, budget, testAccuracy: accuracy, testLoss: 0.3, perClassAccuracy: [], confusionMatrix: [] });
  }
}

const extraRuns = (entryId: string) =>
  getDb().select().from(runs).where(and(eq(runs.entryId, entryId), eq(runs.reason, EXTRA_SEED_REASON))).orderBy(runs.seedOverride);

describe("queueing extra seeds", () => {
  test("two runs: the spec's seed + 1 and + 2, the ranked run's budgets, full data, priority -10, requested by nobody", async () => {
    const { entryId, specSeed } = await verifiedEntry(0.9, { budgets: [5, 20] });
    const queued = await withTransaction((tx) => queueExtraSeeds(tx, entryId, null));
    expect(queued).toMatchObject({ seeds: [specSeed + 1, specSeed + 2], skipped: [] });
    const rows = await extraRuns(entryId);
    expect(rows.map((row) => row.id).sort()).toEqual([...queued.runIds].sort());
    for (const [i, row] of rows.entries()) {
      expect(row).toMatchObject({ state: "queued", seedOverride: specSeed + 1 + i, budgets: [5, 20], trainLimit: null, priority: EXTRA_SEED_PRIORITY, requestedBy: null });
    }
  });

  test("never twice: a seed queued, running or verified is skipped; a cancelled one is queued again", async () => {
    const { entryId, specSeed } = await verifiedEntry(0.9);
    const first = await withTransaction((tx) => queueExtraSeeds(tx, entryId, null));
    const again = await withTransaction((tx) => queueExtraSeeds(tx, entryId, null));
    expect(again).toMatchObject({ runIds: [], skipped: [specSeed + 1, specSeed + 2] });
    await markVerified(first.runIds[0]!, 0.89, [5]);
    await withTransaction((tx) => cancelRunState(tx, first.runIds[1]!, "test", "cancelled"));
    const third = await withTransaction((tx) => queueExtraSeeds(tx, entryId, null));
    expect(third.skipped).toEqual([specSeed + 1]);
    expect(third.runIds).toHaveLength(1);
    expect((await extraRuns(entryId)).filter((row) => row.state === "queued").map((row) => row.seedOverride)).toEqual([specSeed + 2]);
  });

  test("refused for a hidden, a withdrawn, a never-verified or a development-only entry", async () => {
    const hidden = await verifiedEntry(0.9);
    await getDb().update(entries).set({ hidden: true }).where(eq(entries.id, hidden.entryId));
    const withdrawn = await verifiedEntry(0.9);
    await getDb().update(entries).set({ withdrawnAt: new Date() }).where(eq(entries.id, withdrawn.entryId));
    const development = await verifiedEntry(0.9, { trainLimit: 256 });
    const fresh = await submitEntry({ ownerId: await createTestUser(), name: "never verified", spec: tinySpec(7) });
    for (const entryId of [hidden.entryId, withdrawn.entryId, development.entryId, fresh.entryId]) {
      await expect(withTransaction((tx) => queueExtraSeeds(tx, entryId, null))).rejects.toMatchObject({ code: "not_eligible", field: "entryId" });
      expect(await extraRuns(entryId)).toEqual([]);
    }
    await expect(withTransaction((tx) => queueExtraSeeds(tx, "nope", null))).rejects.toMatchObject({ code: "entry_not_found" });
  });

  test("they count against nobody's quota and wait behind participants' runs queued after them", async () => {
    const { ownerId, entryId } = await verifiedEntry(0.9);
    const { runIds } = await withTransaction((tx) => queueExtraSeeds(tx, entryId, null));
    // The quota is one active run per participant: the two extra seeds on their entry do not use it.
    const mine = await submitEntry({ ownerId, name: "after the seeds", spec: tinySpec(99_001) });
    const order = await queuedRunIdsInOrder();
    expect(order.indexOf(mine.runId)).toBeLessThan(order.indexOf(runIds[0]!));
    expect(order.indexOf(mine.runId)).toBeLessThan(order.indexOf(runIds[1]!));
    for (const id of [mine.runId, ...runIds]) await withTransaction((tx) => cancelRunState(tx, id, "test", "clean up"));
  });

  test("seeds past the spec's range wrap around to 0", () => {
    expect(extraSeeds(42)).toEqual([43, 44]);
    expect(extraSeeds(2 ** 31 - 1)).toEqual([0, 1]);
  });
});

describe("when extra seeds are queued", () => {
  test("automatically for a result in a board's top 3, not for the 4th, an extra seed's own result or a development run", async () => {
    // Above every other entry of this database, so the ranks are known.
    const entries4 = [await verifiedEntry(0.995), await verifiedEntry(0.994), await verifiedEntry(0.993), await verifiedEntry(0.992)];
    expect(await queueExtraSeedsIfTopRanked(entries4[3]!.runId)).toBeNull();
    expect(await extraRuns(entries4[3]!.entryId)).toEqual([]);
    const queued = await queueExtraSeedsIfTopRanked(entries4[2]!.runId);
    expect(queued?.runIds).toHaveLength(2);
    // Idempotent: the worker may ask again after a retry.
    expect(await queueExtraSeedsIfTopRanked(entries4[2]!.runId)).toMatchObject({ runIds: [] });
    await markVerified(queued!.runIds[0]!, 0.999, [5]);
    expect(await queueExtraSeedsIfTopRanked(queued!.runIds[0]!)).toBeNull();
    const development = await verifiedEntry(0.9999, { trainLimit: 256 });
    expect(await queueExtraSeedsIfTopRanked(development.runId)).toBeNull();
    for (const { id } of await extraRuns(entries4[2]!.entryId)) await withTransaction((tx) => cancelRunState(tx, id, "test", "clean up"));
  });

  test("an admin's request is audited; a participant's is refused", async () => {
    const admin = await createTestUser("admin");
    const { entryId, ownerId } = await verifiedEntry(0.5);
    await expect(requestExtraSeeds({ entryId, adminId: ownerId })).rejects.toMatchObject({ code: "forbidden" });
    const queued = await requestExtraSeeds({ entryId, adminId: admin });
    expect(queued.runIds).toHaveLength(2);
    expect((await extraRuns(entryId)).map((row) => row.requestedBy)).toEqual([admin, admin]);
    const audited = await getDb().select().from(auditLog).where(eq(auditLog.actorId, admin));
    expect(audited).toEqual([expect.objectContaining({ action: "verify_extra_seeds", targetType: "entry", targetId: entryId })]);
    // Nothing new to queue: nothing audited.
    expect((await requestExtraSeeds({ entryId, adminId: admin })).runIds).toEqual([]);
    expect(await getDb().select().from(auditLog).where(eq(auditLog.actorId, admin))).toHaveLength(1);
  });
});
