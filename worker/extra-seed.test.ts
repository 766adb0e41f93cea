/** An extra-seed run through the real worker and engine: it trains with runs.seed_override, under the entry's own spec hash. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { budgetResults, entries, epochMetrics } from "@/db/schema";
import { closeDb, getDb } from "@/lib/db";
import { EXTRA_SEED_PRIORITY, EXTRA_SEED_REASON } from "@/lib/runs/extra-seeds";
import { closeRunListener } from "@/lib/runs/listen";
import { submitEntry } from "@/lib/runs/new-entry";
import { isActiveRunState } from "@/lib/runs/states";
import { createTestUser, DEV_LIMITS, runRow, tinySpec, waitFor } from "@/tests/runs";
import { withTransaction } from "@/lib/runs/transaction";
import { createQueuedRun } from "@/lib/runs/transitions";
import { parseEnv } from "@/lib/env";
import { createFreshDatabase } from "@/tests/database";
import { readWorkerConfig } from "./config";
import { Worker } from "./worker";

vi.setConfig({ testTimeout: 200_000 });

let worker: Worker | null = null;

beforeAll(async () => {
  process.env.DATABASE_URL = await createFreshDatabase("catwalk_test_worker_seeds");
});

afterAll(async () => {
  await worker?.stop();
  await closeRunListener();
  await closeDb();
});

const finished = (runId: string) =>
  waitFor(async () => {
    const run = await runRow(runId);
    return isActiveRunState(run.state) ? null : run;
  }, `run ${runId} to finish`, 150_000);

const recorded = async (runId: string) => ({
  results: await getDb().select({ testAccuracy: budgetResults.testAccuracy, testLoss: budgetResults.testLoss }).from(budgetResults).where(eq(budgetResults.runId, runId)),
  losses: (await getDb().select({ loss: epochMetrics.trainLoss }).from(epochMetrics).where(eq(epochMetrics.runId, runId)).orderBy(epochMetrics.epoch)).map((row) => row.loss),
});

test("an extra-seed run trains exactly as the same spec with that seed would, and keeps its entry's spec hash", async () => {
  const ownerId = await createTestUser();
  // Development-sized data (the override does not depend on it): the same model at seed 5, and at seed 6.
  const base = await submitEntry({ ownerId, name: "seed 5", spec: tinySpec(5), ...DEV_LIMITS });
  const twin = await submitEntry({ ownerId, name: "seed 6", spec: tinySpec(6), ...DEV_LIMITS });
  const extra = await withTransaction((tx) =>
    createQueuedRun(
      tx,
      { entryId: base.entryId, budgets: [5], requestedBy: null, trainLimit: DEV_LIMITS.trainLimit, maxAttempts: 3, priority: EXTRA_SEED_PRIORITY, seedOverride: 6, reason: EXTRA_SEED_REASON },
      "system",
    ),
  );
  worker = new Worker(readWorkerConfig(parseEnv({ ...process.env, CATWALK_ENGINE_THREADS: "1", CATWALK_WORKER_POLL_MS: "200" })));
  worker.start();
  const [extraRun, twinRun, baseRun] = [await finished(extra), await finished(twin.runId), await finished(base.runId)];
  expect([extraRun.state, twinRun.state, baseRun.state]).toEqual(["verified", "verified", "verified"]);
  expect(extraRun.seed).toBe(6);
  expect(baseRun.seed).toBe(5);
  const [entry] = await getDb().select({ specHash: entries.specHash }).from(entries).where(eq(entries.id, base.entryId));
  expect(extraRun.specHash).toBe(entry!.specHash);
  expect(baseRun.specHash).toBe(entry!.specHash);
  // Same seed, same data, one thread: identical numbers, epoch by epoch; the entry's own seed gives others.
  const [extraRecord, twinRecord, baseRecord] = [await recorded(extra), await recorded(twin.runId), await recorded(base.runId)];
  expect(extraRecord.losses).toHaveLength(5);
  expect(extraRecord).toEqual(twinRecord);
  expect(baseRecord.losses).not.toEqual(extraRecord.losses);
});
