import { count, eq } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { entries, runs } from "@/db/schema";
import { closeDb, getDb } from "@/lib/db";
import { RunRequestError } from "./errors";
import { submitEntry } from "./submit";
import { createTestUser, runEventsOf, runRow, tinySpec } from "./testing";

afterAll(async () => {
  await closeDb();
});

const savedEnv = { ...process.env };
afterEach(() => {
  for (const name of ["CATWALK_DUPLICATE_WINDOW_SECONDS", "CATWALK_MAX_QUEUED_PER_USER", "CATWALK_MAX_RUNS_PER_DAY"]) {
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
    expect(again).toEqual({ entryId: first.entryId, runId: first.runId, duplicate: true });
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
