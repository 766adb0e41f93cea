import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { epochMetrics, runs } from "@/db/schema";
import { insertEntry, insertRun } from "@/tests/boards";
import { insertUser, usePrivateDatabase } from "@/tests/fixtures";
import { closeDb, getDb } from "@/lib/db";
import { differenceFromPrevious } from "./compare";
import { getEntryRuns, getRunSnapshot } from "./runs";

let entryId: string, older: string, newer: string, admin: string;

beforeAll(async () => {
  await usePrivateDatabase("catwalk_test_entries");
  const owner = await insertUser("Ada");
  admin = await insertUser("Root", { role: "admin" });
  entryId = await insertEntry(owner, "ada-cnn");
  older = await insertRun(entryId, { finishedAt: new Date(Date.now() - 3_600_000), results: { 5: 0.9, 20: 0.91 } });
  await getDb().update(runs).set({ queuedAt: new Date(Date.now() - 7_200_000) }).where(eq(runs.id, older));
  newer = await insertRun(entryId, { reason: "engine upgrade", requestedBy: admin, results: { 5: 0.9123, 20: 0.905 } });
  await getDb()
    .insert(epochMetrics)
    .values([2, 1].map((epoch) => ({ runId: newer, runEpochs: 20, epoch, trainLoss: 1 / epoch, trainAccuracy: 0.8, lr: 0.005, seconds: 50 })));
});

afterAll(() => closeDb());

test("an entry's runs come newest first, each with its epochs in order, results and requester", async () => {
  const list = await getEntryRuns(entryId);
  expect(list.map((run) => run.id)).toEqual([newer, older]);
  const [latest] = list;
  expect(latest!.epochs.map((point) => point.epoch)).toEqual([1, 2]);
  expect(latest!.results.map((result) => [result.budget, result.testAccuracy])).toEqual([
    [5, 0.9123],
    [20, 0.905],
  ]);
  expect(latest!.results[0]!.confusionMatrix).toHaveLength(10);
  expect(latest!.requestedBy).toEqual({ id: admin, name: "Root" });
  expect(latest!.reason).toBe("engine upgrade");
});

test("a run's snapshot is the same shape the entry page renders, and unknown ids are null", async () => {
  const snapshot = await getRunSnapshot(newer);
  expect(snapshot).toEqual((await getEntryRuns(entryId))[0]);
  expect(await getRunSnapshot("00000000-0000-0000-0000-000000000000")).toBeNull();
  expect(await getRunSnapshot("not-a-run")).toBeNull();
});

test("a re-verification shows how each budget moved against the previous verified run", async () => {
  const list = await getEntryRuns(entryId);
  const compared = differenceFromPrevious(list[0]!, list);
  expect(compared?.previousRunId).toBe(older);
  expect(compared?.differences.map((d) => [d.budget, Number(d.points.toFixed(2))])).toEqual([
    [5, 1.23],
    [20, -0.5],
  ]);
  expect(differenceFromPrevious(list[1]!, list)).toBeNull();
});
