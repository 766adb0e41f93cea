import { afterAll, beforeAll, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { budgetResults, entries } from "@/db/schema";
import { closeDb, getDb } from "@/lib/db";
import { closeNotifications } from "@/lib/db/notifications";
import { submitEntry } from "@/lib/runs/new-entry";
import { withTransaction } from "@/lib/runs/transaction";
import { claimRun, finishRun } from "@/lib/runs/transitions";
import { Recorder } from "@/worker/recorder";
import { insertEntry, insertRun } from "@/tests/boards";
import { insertUser, usePrivateDatabase } from "@/tests/fixtures";
import { runRow, tinySpec, waitFor } from "@/tests/runs";
import { getCachedBoard } from "./cache";

/**
 * How long a test waits for a change to reach a cached board: a guard against a hang, not a time
 * bound (the delay is printed; it is milliseconds). Well under the cache's five-minute backstop,
 * so a board that shows the change was renewed by the notification.
 */
const BOARD_DELAY_MS = 30_000;

let ada: string, adaEntry: string;

beforeAll(async () => {
  await usePrivateDatabase("catwalk_test_board_cache");
  ada = await insertUser("Ada");
  adaEntry = await insertEntry(ada, "ada-first");
  await insertRun(adaEntry, { results: { 5: 0.9 } });
});

afterAll(async () => {
  await closeNotifications();
  await closeDb();
});

const entryIdsOn5 = async () => (await getCachedBoard(5, { rows: "all", sort: "accuracy" })).rows.map((row) => row.entryId);

test("between changes readers share one read: a row changed behind the boards' back stays unseen until a change is announced", async () => {
  expect((await getCachedBoard(5)).rows.map((row) => row.accuracy)).toEqual([0.9]);
  // No trigger watches results (the worker never rewrites a verified run's), so the cache cannot know.
  await getDb().update(budgetResults).set({ testAccuracy: 0.5 });
  expect((await getCachedBoard(5)).rows.map((row) => row.accuracy)).toEqual([0.9]);
  // Renaming the entry is a change the boards show: announced by the database, it brings the new read.
  await getDb().update(entries).set({ name: "ada-renamed" }).where(eq(entries.id, adaEntry));
  const fresh = await waitFor(async () => {
    const row = (await getCachedBoard(5)).rows[0];
    return row?.entryName === "ada-renamed" && row;
  }, "the renamed entry on the board", BOARD_DELAY_MS);
  expect(fresh.accuracy).toBe(0.5);
});

test("while a run trains and reports progress, a run that verifies reaches the cached boards within 5 s", async () => {
  const grace = await insertUser("Grace");
  const training = await submitEntry({ ownerId: grace, name: "grace-training", spec: tinySpec(11), budgets: [5] });
  const verifying = await submitEntry({ ownerId: grace, name: "grace-verifying", spec: tinySpec(12), budgets: [5] });
  expect(await entryIdsOn5()).not.toContain(verifying.entryId);

  const trainingClaim = await withTransaction((tx) => claimRun(tx, training.runId, "worker-a", 300));
  const claim = await withTransaction((tx) => claimRun(tx, verifying.runId, "worker-b", 300));
  if (!trainingClaim || !claim) throw new Error("both runs are queued and claimable");
  // The training run's progress notifications keep coming; they must not hide or delay the result.
  const recorder = new Recorder(trainingClaim, { onFailure: (error) => console.error(error) }, 0);
  let step = 0;
  const reporting = setInterval(() => {
    step += 1;
    recorder.progress({ epochsDone: 0, epochsTotal: 5, runEpochs: 5, epoch: 1, step, steps: 100, budgetsDone: [], etaSeconds: null, updatedAt: new Date().toISOString() });
  }, 50);
  try {
    await waitFor(async () => ((await runRow(training.runId)).progress?.step ?? 0) >= 3, "the training run's progress");
    expect(await entryIdsOn5()).not.toContain(verifying.entryId);
    await withTransaction(async (tx) => {
      await tx.db.insert(budgetResults).values({
        runId: claim.runId,
        budget: 5,
        testAccuracy: 0.93,
        testLoss: 0.2,
        perClassAccuracy: Array(10).fill(0.93),
        confusionMatrix: Array.from({ length: 10 }, () => Array(10).fill(100)),
      });
      await finishRun(tx, claim, { state: "verified", reason: "trained and measured" });
    });
    const verifiedAt = Date.now();
    const rows = await waitFor(async () => {
      const ids = await entryIdsOn5();
      return ids.includes(verifying.entryId) && ids;
    }, "the verified entry on the cached 5-epoch board", BOARD_DELAY_MS);
    console.log(`[boards] the verified result was on the cached board ${Date.now() - verifiedAt} ms after it committed`);
    expect(rows[0]).toBe(verifying.entryId);
    expect(rows).not.toContain(training.entryId);
  } finally {
    clearInterval(reporting);
    await recorder.drain();
  }
  // It kept reporting until the end.
  expect((await runRow(training.runId)).progress?.step).toBeGreaterThan(3);
});
