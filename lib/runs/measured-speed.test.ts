import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { epochMetrics, runs } from "@/db/schema";
import { closeDb, getDb } from "@/lib/db";
import { analyzeSpec } from "@/lib/spec/analyze";
import { describeEstimate } from "@/lib/spec/estimate";
import { createFreshDatabase } from "@/tests/database";
import { readMeasuredSpeed } from "./measured-speed";
import { submitEntry } from "./new-entry";
import { createTestUser, tinySpec } from "@/tests/runs";

beforeAll(async () => {
  // A private database: the speed must come from this test's runs only.
  process.env.DATABASE_URL = await createFreshDatabase("catwalk_test_measured_speed");
});

afterAll(async () => {
  await closeDb();
});

/** A run of a fresh entry that ended in `state` with these epoch times. */
async function finishedRun(seed: number, epochSeconds: number[], state: "verified" | "failed" = "verified", trainLimit: number | null = null) {
  const spec = tinySpec(seed);
  const { runId } = await submitEntry({ ownerId: await createTestUser(), name: `run ${seed}`, spec, trainLimit });
  await getDb().update(runs).set({ state, finishedAt: new Date(Date.UTC(2026, 0, 1, 0, seed)) }).where(eq(runs.id, runId));
  if (epochSeconds.length > 0)
    await getDb()
      .insert(epochMetrics)
      .values(epochSeconds.map((seconds, i) => ({ runId, runEpochs: 5, epoch: i + 1, trainLoss: 1, trainAccuracy: 0.5, lr: 0.001, seconds })));
  return analyzeSpec(spec).analysis.estimate.secondsPerEpoch;
}

test("no verified run yet: no measured speed, and the estimate stays the reference machine's", async () => {
  expect(await readMeasuredSpeed()).toBeNull();
  expect(describeEstimate(120, null)).toBe("about 2 min on the reference machine (2 CPU cores, PyTorch)");
});

test("the speed is the median over recent verified full runs of their median epoch time against the estimate", async () => {
  // A verified run without epoch times (none recorded) adds nothing.
  const estimate = await finishedRun(1, []);
  // Every tiny spec has the same estimate: ratios 2 (median of 1.9, 2, 50), 3 and 10.
  await finishedRun(2, [1.9 * estimate, 2 * estimate, 50 * estimate]);
  await finishedRun(3, [3 * estimate, 3 * estimate]);
  await finishedRun(4, [10 * estimate]);
  // Neither a failed run nor a development run (fewer images per epoch) says how fast the workers train.
  await finishedRun(5, [100 * estimate], "failed");
  await finishedRun(6, [0.01 * estimate], "verified", 256);

  const speed = await readMeasuredSpeed();
  expect(speed).toEqual({ factor: expect.closeTo(3, 9), runs: 3 });
  expect(describeEstimate(240, speed)).toBe("about 12 min on this site's workers, from 3 recent runs");
  // Only the most recent runs count: the last two finished are runs 3 and 4.
  expect(await readMeasuredSpeed(2)).toEqual({ factor: expect.closeTo(6.5, 9), runs: 2 });
});
