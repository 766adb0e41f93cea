import { count, eq } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { entries, runs } from "@/db/schema";
import { closeDb, getDb } from "@/lib/db";
import { withdrawEntry } from "@/lib/entries/owner";
import { cancelRun, REQUEUE_REASON, requestRun, requeueRun } from "./request";
import { submitEntry } from "./new-entry";
import { createTestUser, runEventsOf, runRow, tinySpec } from "@/tests/runs";
import { withTransaction } from "./transaction";
import { claimRun, finishRun, type OutcomeState } from "./transitions";

afterAll(async () => {
  await closeDb();
});

afterEach(() => {
  delete process.env.CATWALK_MAX_QUEUED_PER_USER;
  delete process.env.CATWALK_MAX_RUNS_PER_DAY;
});

/** A worker takes the run and it ends in `state`, through the real transitions. */
async function finishAs(runId: string, state: OutcomeState, errorKind: string | null = null): Promise<void> {
  const claim = (await withTransaction((tx) => claimRun(tx, runId, "w-test", 30)))!;
  expect(await withTransaction((tx) => finishRun(tx, claim, { state, reason: "test", errorKind }))).toBe(true);
}

const runsOfEntry = async (entryId: string) => (await getDb().select({ n: count() }).from(runs).where(eq(runs.entryId, entryId)))[0]?.n;

describe("requestRun (admin re-verification)", () => {
  test("adds a new queued run beside the old one with the reason, copying a development run's data limits", async () => {
    const owner = await createTestUser();
    const admin = await createTestUser("admin");
    const first = await submitEntry({ ownerId: owner, name: "dev", spec: tinySpec(201), trainLimit: 256 });
    await finishAs(first.runId, "verified");
    const { runId } = await requestRun({ entryId: first.entryId, requestedBy: admin, reason: "suspicious score" });
    expect(runId).not.toBe(first.runId);
    expect(await runRow(runId)).toMatchObject({ entryId: first.entryId, state: "queued", reason: "suspicious score", requestedBy: admin, trainLimit: 256, budgets: [5] });
    expect(await runRow(first.runId)).toMatchObject({ state: "verified" });
  });

  test("re-verifies a full-data entry on the full data with the budgets asked for", async () => {
    const owner = await createTestUser();
    const admin = await createTestUser("admin");
    const first = await submitEntry({ ownerId: owner, name: "full", spec: tinySpec(202) });
    await finishAs(first.runId, "verified");
    const { runId } = await requestRun({ entryId: first.entryId, requestedBy: admin, reason: "new engine", budgets: [20, 5] });
    expect(await runRow(runId)).toMatchObject({ trainLimit: null, budgets: [5, 20] });
  });

  test("is refused to a participant, without a reason, and for an unknown entry", async () => {
    const owner = await createTestUser();
    const admin = await createTestUser("admin");
    const { entryId } = await submitEntry({ ownerId: owner, name: "x", spec: tinySpec(203) });
    await expect(requestRun({ entryId, requestedBy: owner, reason: "mine" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(requestRun({ entryId, requestedBy: admin, reason: "  " })).rejects.toMatchObject({ code: "reason_required", field: "reason" });
    await expect(requestRun({ entryId: "00000000-0000-4000-8000-000000000000", requestedBy: admin, reason: "r" })).rejects.toMatchObject({ code: "entry_not_found" });
  });

  test("is refused while a run of the entry is queued or running, naming that run, and queues nothing", async () => {
    const owner = await createTestUser();
    const admin = await createTestUser("admin");
    const { entryId, runId } = await submitEntry({ ownerId: owner, name: "busy", spec: tinySpec(204) });
    const refused = requestRun({ entryId, requestedBy: admin, reason: "again" });
    await expect(refused).rejects.toMatchObject({ code: "already_active", runId, message: "A run of this entry is already queued: it was not queued twice." });
    await withTransaction((tx) => claimRun(tx, runId, "w1", 30));
    await expect(requestRun({ entryId, requestedBy: admin, reason: "again" })).rejects.toMatchObject({ code: "already_active", runId, message: expect.stringContaining("already running") });
    expect(await runsOfEntry(entryId)).toBe(1);
  });

  test("is refused on a withdrawn entry", async () => {
    const owner = await createTestUser();
    const admin = await createTestUser("admin");
    const { entryId } = await submitEntry({ ownerId: owner, name: "gone", spec: tinySpec(206) });
    await withdrawEntry({ entryId, userId: owner });
    await expect(requestRun({ entryId, requestedBy: admin, reason: "check" })).rejects.toMatchObject({ code: "withdrawn" });
    expect(await runsOfEntry(entryId)).toBe(1);
  });

  test("two admins clicking Verify at once queue one run", async () => {
    const owner = await createTestUser();
    const admin = await createTestUser("admin");
    const { entryId, runId } = await submitEntry({ ownerId: owner, name: "race", spec: tinySpec(205) });
    await finishAs(runId, "verified");
    const results = await Promise.allSettled([1, 2, 3].map(() => requestRun({ entryId, requestedBy: admin, reason: "race" })));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await runsOfEntry(entryId)).toBe(2);
  });
});

describe("requeueRun (the owner's cancelled, failed or timed-out run)", () => {
  test.each([
    ["cancelled", null],
    ["failed", "out_of_memory"],
    ["timed_out", "timed_out"],
  ] as const)("a %s run is queued again as a new run with the same budgets and data limit", async (state, errorKind) => {
    const owner = await createTestUser();
    const { entryId, runId } = await submitEntry({ ownerId: owner, name: `again ${state}`, spec: tinySpec(220 + state.length), budgets: [5], trainLimit: 256 });
    if (state === "cancelled") await cancelRun({ runId, actorId: owner, reason: "oops" });
    else await finishAs(runId, state, errorKind);
    const again = await requeueRun({ runId, ownerId: owner });
    expect(again.runId).not.toBe(runId);
    expect(await runRow(again.runId)).toMatchObject({ entryId, state: "queued", budgets: [5], trainLimit: 256, requestedBy: owner, reason: REQUEUE_REASON, attempt: 0 });
    expect((await runEventsOf(again.runId)).map((event) => [event.toState, event.actor, event.reason])).toEqual([["queued", `user:${owner}`, REQUEUE_REASON]]);
  });

  test("a double click queues once; a run still queued, a verified or diverged run, a stranger's run and a withdrawn entry's run are refused", async () => {
    const owner = await createTestUser();
    const stranger = await createTestUser();
    const admin = await createTestUser("admin");
    const { entryId, runId } = await submitEntry({ ownerId: owner, name: "twice", spec: tinySpec(231) });
    await expect(requeueRun({ runId, ownerId: owner })).rejects.toMatchObject({ code: "not_requeueable", field: "runId" });
    await cancelRun({ runId, actorId: owner, reason: "oops" });
    await expect(requeueRun({ runId, ownerId: stranger })).rejects.toMatchObject({ code: "run_not_found" });
    await expect(requeueRun({ runId, ownerId: admin })).rejects.toMatchObject({ code: "run_not_found" });
    const clicks = await Promise.allSettled([requeueRun({ runId, ownerId: owner }), requeueRun({ runId, ownerId: owner })]);
    expect(clicks.map((click) => click.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(clicks.find((click) => click.status === "rejected")).toMatchObject({ reason: { code: "already_active" } });
    expect(await runsOfEntry(entryId)).toBe(2);

    for (const state of ["verified", "diverged"] as const) {
      const other = await submitEntry({ ownerId: owner, name: state, spec: tinySpec(state === "verified" ? 232 : 233) });
      await finishAs(other.runId, state, state === "diverged" ? "diverged" : null);
      await expect(requeueRun({ runId: other.runId, ownerId: owner })).rejects.toMatchObject({ code: "not_requeueable", message: expect.stringContaining(state) });
    }

    const withdrawn = await submitEntry({ ownerId: owner, name: "gone", spec: tinySpec(234) });
    await withdrawEntry({ entryId: withdrawn.entryId, userId: owner });
    await expect(requeueRun({ runId: withdrawn.runId, ownerId: owner })).rejects.toMatchObject({ code: "withdrawn" });
  });

  test("a re-queue is subject to the participant's quotas", async () => {
    const owner = await createTestUser();
    const { runId } = await submitEntry({ ownerId: owner, name: "quota", spec: tinySpec(241) });
    await cancelRun({ runId, actorId: owner, reason: "oops" });
    process.env.CATWALK_MAX_RUNS_PER_DAY = "1";
    await expect(requeueRun({ runId, ownerId: owner })).rejects.toMatchObject({ code: "too_many_today" });
    const [entry] = await getDb().select({ id: entries.id }).from(entries).innerJoin(runs, eq(runs.entryId, entries.id)).where(eq(runs.id, runId));
    expect(await runsOfEntry(entry!.id)).toBe(1);
  });
});

describe("cancelRun", () => {
  test("the owner cancels a queued run at once, recorded with who and why", async () => {
    const owner = await createTestUser();
    const { runId } = await submitEntry({ ownerId: owner, name: "x", spec: tinySpec(211) });
    expect(await cancelRun({ runId, actorId: owner, reason: "typo in the spec" })).toEqual({ runId, previousState: "queued" });
    expect(await runRow(runId)).toMatchObject({ state: "cancelled" });
    expect((await runEventsOf(runId)).at(-1)).toMatchObject({ fromState: "queued", toState: "cancelled", actor: `user:${owner}`, reason: "typo in the spec" });
  });

  test("an admin cancels someone's running run; a stranger may not; a finished run is not cancellable", async () => {
    const owner = await createTestUser();
    const admin = await createTestUser("admin");
    const stranger = await createTestUser();
    const { runId } = await submitEntry({ ownerId: owner, name: "x", spec: tinySpec(212) });
    await withTransaction((tx) => claimRun(tx, runId, "w1", 30));
    await expect(cancelRun({ runId, actorId: stranger, reason: "no" })).rejects.toMatchObject({ code: "forbidden" });
    expect(await cancelRun({ runId, actorId: admin, reason: "abuse" })).toEqual({ runId, previousState: "running" });
    await expect(cancelRun({ runId, actorId: owner, reason: "again" })).rejects.toMatchObject({ code: "not_cancellable" });
    await expect(cancelRun({ runId: "nope", actorId: owner, reason: "" })).rejects.toMatchObject({ code: "run_not_found" });
  });
});
