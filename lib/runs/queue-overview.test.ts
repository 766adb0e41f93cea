import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runs } from "@/db/schema";
import { closeDb, getDb } from "@/lib/db";
import { createFreshDatabase } from "@/tests/database";
import type { RunProgress } from "./progress";
import { estimateStartTimes, getQueueOverview } from "./queue-overview";
import { submitEntry } from "./submit";
import { createTestUser, tinySpec } from "./testing";
import { withTransaction } from "./transaction";
import { claimRun } from "./transitions";

beforeAll(async () => {
  // A private database: the overview must see only this test's runs.
  process.env.DATABASE_URL = await createFreshDatabase("catwalk_test_queue_overview");
});

afterAll(async () => {
  await closeDb();
});

describe("estimateStartTimes", () => {
  test("each queued run takes the earliest free worker slot", () => {
    expect(estimateStartTimes([100, 30], [50, 50, 10])).toEqual([30, 80, 100]);
  });

  test("with nothing running the first queued run starts now", () => {
    expect(estimateStartTimes([], [20, 5])).toEqual([0, 20]);
  });

  test("an unknown length makes later starts unknown", () => {
    expect(estimateStartTimes([10], [null, 5])).toEqual([10, null]);
  });
});

describe("getQueueOverview", () => {
  test("lists the running run with its worker, epoch and ETA, and the queued runs in order with start estimates", async () => {
    const owner = await createTestUser();
    const submitted = [];
    for (const seed of [1, 2, 3]) submitted.push(await submitEntry({ ownerId: owner, name: `entry ${seed}`, spec: tinySpec(seed), trainLimit: 256 }));
    const [first, second, third] = submitted.map((result) => result.runId) as [string, string, string];
    await withTransaction((tx) => claimRun(tx, first, "machine-a:1", 30));
    // The worker wrote the ETA at `now`; a later read would count it down.
    const now = new Date();
    const progress: RunProgress = { epochsDone: 2, epochsTotal: 5, runEpochs: 5, epoch: 3, step: 1, steps: 4, budgetsDone: [], etaSeconds: 12, updatedAt: now.toISOString() };
    await getDb().update(runs).set({ progress }).where(eq(runs.id, first));

    const overview = await getQueueOverview(now);
    expect(overview.running).toEqual([
      expect.objectContaining({ runId: first, entryName: "entry 1", workerId: "machine-a:1", epochsDone: 2, epochsTotal: 5, fraction: 2.25 / 5, etaSeconds: 12, estimatedFinishAt: new Date(now.getTime() + 12_000) }),
    ]);
    expect(overview.queued.map((run) => [run.runId, run.position])).toEqual([
      [second, 1],
      [third, 2],
    ]);
    const [next, after] = overview.queued;
    expect(next?.estimatedStartAt).toEqual(new Date(now.getTime() + 12_000));
    expect(next?.estimatedSeconds).toBeGreaterThan(0);
    expect(after!.estimatedStartAt!.getTime()).toBeCloseTo(now.getTime() + 12_000 + next!.estimatedSeconds! * 1000, -1);
  });

  test("lists the queued runs in the order workers take them: owners in turn, not first come first served", async () => {
    const submitMany = async (ownerId: string, seeds: number[]) => {
      const ids: string[] = [];
      for (const seed of seeds) ids.push((await submitEntry({ ownerId, name: `entry ${seed}`, spec: tinySpec(seed), trainLimit: 256 })).runId);
      return ids;
    };
    const [a1, a2, a3] = await submitMany(await createTestUser(), [11, 12, 13]);
    const [b1] = await submitMany(await createTestUser(), [21]);
    const mine = new Set([a1, a2, a3, b1]);
    const { queued } = await getQueueOverview();
    expect(queued.filter((run) => mine.has(run.runId)).map((run) => run.runId)).toEqual([a1, b1, a2, a3]);
  });
});
