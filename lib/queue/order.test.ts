/** The queue's order, through the worker's real claim, against a private PostgreSQL database. */
import { eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { runs } from "@/db/schema";
import { getDb } from "@/lib/db";
import { submitEntry } from "@/lib/runs/new-entry";
import { ACTIVE_RUN_STATES } from "@/lib/runs/states";
import { createTestUser, tinySpec } from "@/tests/runs";
import { withTransaction } from "@/lib/runs/transaction";
import { cancelRunState, finishRun } from "@/lib/runs/transitions";
import { closeDatabaseClients, usePrivateDatabase } from "@/tests/fixtures";
import { claimNextRun } from "@/worker/claim";
import { lockNextQueuedRun, queuedRunIdsInOrder } from "./order";

beforeAll(async () => {
  process.env.CATWALK_MAX_QUEUED_PER_USER = "100";
  // A private database: every claim takes the next run of the whole queue.
  await usePrivateDatabase("catwalk_test_queue_order");
});

afterEach(async () => {
  const active = await getDb().select({ id: runs.id }).from(runs).where(inArray(runs.state, [...ACTIVE_RUN_STATES]));
  for (const { id } of active) await withTransaction((tx) => cancelRunState(tx, id, "test", "clean up"));
});

afterAll(async () => {
  delete process.env.CATWALK_MAX_QUEUED_PER_USER;
  await closeDatabaseClients();
});

let seed = 0;
async function submit(ownerId: string): Promise<string> {
  seed += 1;
  return (await submitEntry({ ownerId, name: `entry ${seed}`, spec: tinySpec(seed) })).runId;
}

async function submitMany(ownerId: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) ids.push(await submit(ownerId));
  return ids;
}

const claim = async (workerId = "w") => (await claimNextRun(workerId, 30))?.runId ?? null;

describe("the queue", () => {
  test("is empty: a claim takes nothing", async () => {
    expect(await claim()).toBeNull();
    expect(await queuedRunIdsInOrder()).toEqual([]);
  });

  test("interleaves owners: A's three runs submitted first, B's one later, two claims take A's oldest and then B's", async () => {
    const [a1, a2, a3] = await submitMany(await createTestUser(), 3);
    const [b1] = await submitMany(await createTestUser(), 1);
    expect(await queuedRunIdsInOrder()).toEqual([a1, b1, a2, a3]);
    expect(await claim()).toBe(a1);
    expect(await claim()).toBe(b1);
    expect(await claim()).toBe(a2);
    expect(await claim()).toBe(a3);
  });

  test("a worker racing another one's uncommitted claim still takes the other owner's run", async () => {
    const [a1] = await submitMany(await createTestUser(), 3);
    const [b1] = await submitMany(await createTestUser(), 1);
    const racing = await withTransaction(async (tx) => {
      expect(await lockNextQueuedRun(tx)).toBe(a1);
      return claim("racer");
    });
    expect(racing).toBe(b1);
  });

  test("an owner with fewer runs running goes first, then the owner served least recently", async () => {
    const busy = await createTestUser();
    const idle = await createTestUser();
    const [busyRunning] = await submitMany(busy, 1);
    expect(await claim()).toBe(busyRunning);
    const [busyWaiting] = await submitMany(busy, 1);
    const [idleWaiting] = await submitMany(idle, 1);
    expect(await claim()).toBe(idleWaiting);
    expect(await claim()).toBe(busyWaiting);

    // Both owners' runs have finished now; the owner whose latest run started earlier is served first.
    for (const runId of [busyRunning, idleWaiting, busyWaiting]) {
      const claimed = { runId: runId!, workerId: "w", attempt: 0 };
      expect(await withTransaction((tx) => finishRun(tx, claimed, { state: "verified", reason: "done" }))).toBe(true);
    }
    const [busyNext] = await submitMany(busy, 1);
    const [idleNext] = await submitMany(idle, 1);
    expect(await claim()).toBe(idleNext);
    expect(await claim()).toBe(busyNext);
  });

  test("a priority −1 run waits behind every priority-0 run, even one submitted after it by a busier owner", async () => {
    const [background] = await submitMany(await createTestUser(), 1);
    await getDb().update(runs).set({ priority: -1 }).where(eq(runs.id, background!));
    const participant = await submitMany(await createTestUser(), 3);
    expect(await queuedRunIdsInOrder()).toEqual([...participant, background]);
    for (const runId of participant) expect(await claim()).toBe(runId);
    expect(await claim()).toBe(background);
  });
});
