import { count, eq } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { entries, runs } from "@/db/schema";
import { closeDb, getDb } from "@/lib/db";
import { withdrawEntry } from "@/lib/entries/owner";
import { RunRequestError } from "./errors";
import { cancelRun } from "./request";
import { submitEntry } from "./new-entry";
import { createTestUser, runEventsOf, runRow, tinySpec } from "@/tests/runs";
import { withTransaction } from "./transaction";
import { claimRun, finishRun, retryOrFailRun } from "./transitions";

afterAll(async () => {
  await closeDb();
});

const savedEnv = { ...process.env };
afterEach(() => {
  for (const name of ["CATWALK_DUPLICATE_WINDOW_SECONDS", "CATWALK_MAX_QUEUED_PER_USER", "CATWALK_MAX_RUNS_PER_DAY", "CATWALK_MAX_ATTEMPTS"]) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
});

async function entriesOf(ownerId: string): Promise<number> {
  const [row] = await getDb().select({ n: count() }).from(entries).where(eq(entries.ownerId, ownerId));
  return row?.n ?? 0;
}

async function runsOf(ownerId: string): Promise<number> {
  const [row] = await getDb().select({ n: count() }).from(runs).where(eq(runs.requestedBy, ownerId));
  return row?.n ?? 0;
}

describe("submitEntry", () => {
  test("writes the entry, and a queued run with its first event", async () => {
    const owner = await createTestUser();
    const result = await submitEntry({ ownerId: owner, name: "tiny", spec: tinySpec(11), trainLimit: 256 });
    expect(result.duplicate).toBe(false);
    const run = await runRow(result.runId);
    expect(run).toMatchObject({ entryId: result.entryId, state: "queued", budgets: [5], requestedBy: owner, trainLimit: 256, attempt: 0 });
    const events = await runEventsOf(result.runId);
    expect(events.map((event) => [event.fromState, event.toState, event.actor])).toEqual([[null, "queued", `user:${owner}`]]);
  });

  test("the same spec from the same owner within the window returns the first run and queues once", async () => {
    const owner = await createTestUser();
    const first = await submitEntry({ ownerId: owner, name: "tiny", spec: tinySpec(13) });
    const again = await submitEntry({ ownerId: owner, name: "renamed", spec: tinySpec(13) });
    expect(again).toMatchObject({ entryId: first.entryId, runId: first.runId, duplicate: true, entryName: "tiny", runState: "queued" });
    expect(await entriesOf(owner)).toBe(1);
    expect(await runsOf(owner)).toBe(1);
  });

  test("concurrent double submissions create one entry and one queued run", async () => {
    const owner = await createTestUser();
    const results = await Promise.all(Array.from({ length: 6 }, () => submitEntry({ ownerId: owner, name: "tiny", spec: tinySpec(14) })));
    expect(new Set(results.map((result) => result.runId)).size).toBe(1);
    expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
    expect(await entriesOf(owner)).toBe(1);
    expect(await runsOf(owner)).toBe(1);
  });

  test("the same spec after the window is a new entry", async () => {
    process.env.CATWALK_DUPLICATE_WINDOW_SECONDS = "1";
    const owner = await createTestUser();
    const first = await submitEntry({ ownerId: owner, name: "tiny", spec: tinySpec(15) });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const later = await submitEntry({ ownerId: owner, name: "tiny", spec: tinySpec(15) });
    expect(later.duplicate).toBe(false);
    expect(later.entryId).not.toBe(first.entryId);
  });

  test("a participant over the queued-at-once quota is refused with a clear message; an admin is not", async () => {
    process.env.CATWALK_MAX_QUEUED_PER_USER = "2";
    const owner = await createTestUser();
    await submitEntry({ ownerId: owner, name: "a", spec: tinySpec(21) });
    await submitEntry({ ownerId: owner, name: "b", spec: tinySpec(22) });
    const refused = submitEntry({ ownerId: owner, name: "c", spec: tinySpec(23) });
    await expect(refused).rejects.toBeInstanceOf(RunRequestError);
    await expect(refused).rejects.toMatchObject({ code: "too_many_queued", message: expect.stringContaining("at once is 2") });
    expect(await entriesOf(owner)).toBe(2);

    const admin = await createTestUser("admin");
    for (const seed of [31, 32, 33]) await submitEntry({ ownerId: admin, name: "x", spec: tinySpec(seed) });
    expect(await entriesOf(admin)).toBe(3);
  });

  test("a participant over the daily quota is refused", async () => {
    process.env.CATWALK_MAX_RUNS_PER_DAY = "2";
    process.env.CATWALK_MAX_QUEUED_PER_USER = "10";
    const owner = await createTestUser();
    await submitEntry({ ownerId: owner, name: "a", spec: tinySpec(41) });
    await submitEntry({ ownerId: owner, name: "b", spec: tinySpec(42) });
    await expect(submitEntry({ ownerId: owner, name: "c", spec: tinySpec(43) })).rejects.toMatchObject({ code: "too_many_today" });
  });

  test("runs that failed for the platform's reasons do not count against the daily quota; the participant's own failures do", async () => {
    process.env.CATWALK_MAX_RUNS_PER_DAY = "2";
    process.env.CATWALK_MAX_QUEUED_PER_USER = "10";
    process.env.CATWALK_MAX_ATTEMPTS = "1";
    const owner = await createTestUser();
    for (const [seed, errorKind] of [[44, "crashed"], [45, "internal"], [46, "attempts_exhausted"]] as const) {
      const { runId } = await submitEntry({ ownerId: owner, name: `platform ${seed}`, spec: tinySpec(seed) });
      const claim = (await withTransaction((tx) => claimRun(tx, runId, "w1", 30)))!;
      await withTransaction((tx) => retryOrFailRun(tx, claim, "worker:w1", { errorKind, error: "the platform broke" }));
      expect(await runRow(runId)).toMatchObject({ state: "failed", errorKind });
    }
    const diverged = await submitEntry({ ownerId: owner, name: "mine", spec: tinySpec(47) });
    const claim = (await withTransaction((tx) => claimRun(tx, diverged.runId, "w1", 30)))!;
    await withTransaction((tx) => finishRun(tx, claim, { state: "diverged", reason: "engine: diverged", errorKind: "diverged" }));
    await submitEntry({ ownerId: owner, name: "second", spec: tinySpec(48) });
    await expect(submitEntry({ ownerId: owner, name: "third", spec: tinySpec(49) })).rejects.toMatchObject({ code: "too_many_today" });
  });

  test("resubmitting a cancelled entry's spec says it is a duplicate of that entry and queues nothing", async () => {
    const owner = await createTestUser();
    const first = await submitEntry({ ownerId: owner, name: "cancelled one", spec: tinySpec(61) });
    await cancelRun({ runId: first.runId, actorId: owner, reason: "oops" });
    const again = await submitEntry({ ownerId: owner, name: "cancelled one", spec: tinySpec(61) });
    expect(again).toMatchObject({ duplicate: true, entryId: first.entryId, runId: first.runId, entryName: "cancelled one", runState: "cancelled" });
    expect(await runsOf(owner)).toBe(1);
  });

  test("the same spec with another data limit, or after the entry was withdrawn, is a new entry", async () => {
    const owner = await createTestUser();
    const development = await submitEntry({ ownerId: owner, name: "dev", spec: tinySpec(62), trainLimit: 256 });
    const full = await submitEntry({ ownerId: owner, name: "full", spec: tinySpec(62) });
    expect(full.duplicate).toBe(false);
    expect((await submitEntry({ ownerId: owner, name: "dev", spec: tinySpec(62), trainLimit: 256 })).entryId).toBe(development.entryId);
    await withdrawEntry({ entryId: full.entryId, userId: owner });
    const afterWithdrawal = await submitEntry({ ownerId: owner, name: "full again", spec: tinySpec(62) });
    expect(afterWithdrawal.duplicate).toBe(false);
    expect(afterWithdrawal.entryId).not.toBe(full.entryId);
  });

  test("bad budgets, limits, parents and owners are refused naming the field", async () => {
    const owner = await createTestUser();
    await expect(submitEntry({ ownerId: owner, name: "a", spec: tinySpec(51), budgets: [7] })).rejects.toMatchObject({ code: "invalid_budgets", field: "budgets" });
    await expect(submitEntry({ ownerId: owner, name: "a", spec: tinySpec(51), trainLimit: 0 })).rejects.toMatchObject({ code: "invalid_limits", field: "trainLimit" });
    // The last 2,000 training images evaluate development runs: training on them is refused.
    await expect(submitEntry({ ownerId: owner, name: "a", spec: tinySpec(51), trainLimit: 58_001 })).rejects.toMatchObject({ code: "invalid_limits", field: "trainLimit" });
    await expect(submitEntry({ ownerId: owner, name: "a", spec: tinySpec(51), parentId: "not-a-uuid" })).rejects.toMatchObject({ code: "parent_not_found", field: "parentId" });
    await expect(submitEntry({ ownerId: "00000000-0000-4000-8000-000000000000", name: "a", spec: tinySpec(51) })).rejects.toMatchObject({ code: "unknown_user", field: "ownerId" });
    expect(await entriesOf(owner)).toBe(0);
  });
});
