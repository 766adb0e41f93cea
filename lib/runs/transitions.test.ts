import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { epochMetrics, runs, RUN_STATES, TERMINAL_RUN_STATES } from "@/db/schema";
import { closeDb, getDb } from "@/lib/db";
import { submitEntry } from "./new-entry";
import { createTestUser, runEventsOf, runRow, tinySpec } from "@/tests/runs";
import { withTransaction } from "./transaction";
import { assertLegalTransition, cancelRunState, claimRun, finishRun, IllegalTransitionError, releaseRun, retryOrFailRun, takeOverExpiredRun } from "./transitions";

afterAll(async () => {
  await closeDb();
});

let seed = 100;
async function queuedRun(): Promise<string> {
  const owner = await createTestUser();
  seed += 1;
  return (await submitEntry({ ownerId: owner, name: "t", spec: tinySpec(seed) })).runId;
}

const claim = (runId: string, workerId: string, lease = 30) => withTransaction((tx) => claimRun(tx, runId, workerId, lease));

async function expireLease(runId: string): Promise<void> {
  await getDb().update(runs).set({ leaseExpiresAt: sql`now() - interval '1 second'` }).where(eq(runs.id, runId));
}

describe("run transitions", () => {
  test("terminal states never change and a queued run cannot skip running", () => {
    for (const from of TERMINAL_RUN_STATES) for (const to of RUN_STATES) expect(() => assertLegalTransition(from, to)).toThrow(IllegalTransitionError);
    expect(() => assertLegalTransition("queued", "verified")).toThrow("a run cannot go from queued to verified");
    expect(() => assertLegalTransition("running", "verified")).not.toThrow();
  });

  test("only one worker can claim a queued run", async () => {
    const runId = await queuedRun();
    const first = await claim(runId, "w1");
    expect(first).toEqual({ runId, workerId: "w1", attempt: 0 });
    expect(await claim(runId, "w2")).toBeNull();
    expect(await runRow(runId)).toMatchObject({ state: "running", workerId: "w1" });
  });

  test("a worker whose claim is stale cannot finish the run", async () => {
    const runId = await queuedRun();
    const mine = (await claim(runId, "w1"))!;
    expect(await withTransaction((tx) => finishRun(tx, { ...mine, workerId: "w2" }, { state: "verified", reason: "x" }))).toBe(false);
    expect(await withTransaction((tx) => finishRun(tx, { ...mine, attempt: 1 }, { state: "verified", reason: "x" }))).toBe(false);
    expect(await withTransaction((tx) => finishRun(tx, mine, { state: "diverged", reason: "engine: diverged", errorKind: "diverged", error: "NaN" }))).toBe(true);
    expect(await withTransaction((tx) => finishRun(tx, mine, { state: "verified", reason: "again" }))).toBe(false);
    expect(await runRow(runId)).toMatchObject({ state: "diverged", errorKind: "diverged", error: "NaN" });
    const events = await runEventsOf(runId);
    expect(events.map((event) => event.toState)).toEqual(["queued", "running", "diverged"]);
    expect(events[2]).toMatchObject({ fromState: "running", actor: "worker:w1", reason: "engine: diverged" });
  });

  test("a finished run cannot be cancelled; a queued one is cancelled at once", async () => {
    const runId = await queuedRun();
    expect(await withTransaction((tx) => cancelRunState(tx, runId, "user:x", "changed my mind"))).toBe("queued");
    expect(await runRow(runId)).toMatchObject({ state: "cancelled" });
    expect(await withTransaction((tx) => cancelRunState(tx, runId, "user:x", "again"))).toBeNull();
    expect(await claim(runId, "w1")).toBeNull();
  });

  test("a takeover of an expired lease requeues the run as the next attempt, clears its records and puts it back in the queue", async () => {
    const runId = await queuedRun();
    const mine = (await claim(runId, "w1"))!;
    await getDb().insert(epochMetrics).values({ runId, runEpochs: 5, epoch: 1, trainLoss: 1, trainAccuracy: 0.5, lr: 0.001, seconds: 1 });
    expect(await withTransaction((tx) => takeOverExpiredRun(tx, runId, "worker:w2"))).toBeNull(); // lease still valid
    await expireLease(runId);
    expect(await withTransaction((tx) => takeOverExpiredRun(tx, runId, "worker:w2"))).toEqual({ runId, outcome: "requeued", attempt: 1 });
    expect(await runRow(runId)).toMatchObject({ state: "queued", attempt: 1, workerId: null, progress: null });
    expect(await getDb().select().from(epochMetrics).where(eq(epochMetrics.runId, runId))).toEqual([]);
    expect(await withTransaction((tx) => finishRun(tx, mine, { state: "verified", reason: "late" }))).toBe(false);
  });

  test("after max attempts a lost run fails with every attempt's reason", async () => {
    const runId = await queuedRun();
    await getDb().update(runs).set({ maxAttempts: 2 }).where(eq(runs.id, runId));
    await claim(runId, "w1");
    await expireLease(runId);
    await withTransaction((tx) => takeOverExpiredRun(tx, runId, "worker:w9"));
    await claim(runId, "w2");
    await expireLease(runId);
    expect(await withTransaction((tx) => takeOverExpiredRun(tx, runId, "worker:w9"))).toEqual({ runId, outcome: "failed", attempt: 1 });
    const run = await runRow(runId);
    expect(run.state).toBe("failed");
    expect(run.errorKind).toBe("attempts_exhausted");
    expect(run.error).toBe("failed in all 2 attempts (attempt 1 of 2: worker w1 stopped renewing its lease; attempt 2 of 2: worker w2 stopped renewing its lease)");
  });

  test("a platform failure sends the run back as the next attempt with its log tail, then fails it with every attempt's reason", async () => {
    const runId = await queuedRun();
    await getDb().update(runs).set({ maxAttempts: 2 }).where(eq(runs.id, runId));
    const first = (await claim(runId, "w1"))!;
    await getDb().insert(epochMetrics).values({ runId, runEpochs: 5, epoch: 1, trainLoss: 1, trainAccuracy: 0.5, lr: 0.001, seconds: 1 });
    const crash = { errorKind: "crashed", error: "the engine was killed by SIGKILL without finishing", logTail: "line 1\nline 2" };
    expect(await withTransaction((tx) => retryOrFailRun(tx, first, "worker:w1", crash))).toEqual({ runId, outcome: "requeued", attempt: 1 });
    expect(await runRow(runId)).toMatchObject({ state: "queued", attempt: 1, workerId: null, error: null, logTail: "line 1\nline 2" });
    expect(await getDb().select().from(epochMetrics).where(eq(epochMetrics.runId, runId))).toEqual([]);
    // The stale claim can do nothing more.
    expect(await withTransaction((tx) => retryOrFailRun(tx, first, "worker:w1", crash))).toBeNull();

    const second = (await claim(runId, "w2"))!;
    const internal = { errorKind: "internal", error: "RuntimeError: boom", logTail: "Traceback\nRuntimeError: boom" };
    expect(await withTransaction((tx) => retryOrFailRun(tx, second, "worker:w2", internal))).toEqual({ runId, outcome: "failed", attempt: 1 });
    expect(await runRow(runId)).toMatchObject({
      state: "failed",
      errorKind: "internal",
      error: "failed in all 2 attempts (attempt 1 of 2: the engine was killed by SIGKILL without finishing; attempt 2 of 2: RuntimeError: boom)",
      logTail: "Traceback\nRuntimeError: boom",
    });
    expect((await runEventsOf(runId)).map((event) => [event.toState, event.reason])).toEqual([
      ["queued", "submission"],
      ["running", "claimed"],
      ["queued", "attempt 1 of 2: the engine was killed by SIGKILL without finishing"],
      ["running", "claimed"],
      ["failed", "attempt 2 of 2: RuntimeError: boom"],
    ]);
  });

  test("a worker releasing its run on a graceful stop puts it back in the queue with a new job", async () => {
    const runId = await queuedRun();
    const mine = (await claim(runId, "w1"))!;
    expect(await withTransaction((tx) => releaseRun(tx, mine, "worker stopped"))).toBe(true);
    expect(await runRow(runId)).toMatchObject({ state: "queued", attempt: 0, workerId: null });
    expect(await claim(runId, "w2")).toEqual({ runId, workerId: "w2", attempt: 0 });
  });
});
