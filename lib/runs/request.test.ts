import { afterAll, describe, expect, test } from "vitest";
import { closeDb } from "@/lib/db";
import { cancelRun, requestRun } from "./request";
import { submitEntry } from "./submit";
import { createTestUser, runEventsOf, runRow, tinySpec } from "./testing";
import { withTransaction } from "./transaction";
import { claimRun } from "./transitions";

afterAll(async () => {
  await closeDb();
});

describe("requestRun (admin re-verification)", () => {
  test("adds a new queued run beside the old one with the reason, copying a development run's data limits", async () => {
    const owner = await createTestUser();
    const admin = await createTestUser("admin");
    const first = await submitEntry({ ownerId: owner, name: "dev", spec: tinySpec(201), trainLimit: 256 });
    const { runId } = await requestRun({ entryId: first.entryId, requestedBy: admin, reason: "suspicious score" });
    expect(runId).not.toBe(first.runId);
    expect(await runRow(runId)).toMatchObject({ entryId: first.entryId, state: "queued", reason: "suspicious score", requestedBy: admin, trainLimit: 256, budgets: [5] });
    expect(await runRow(first.runId)).toMatchObject({ state: "queued" });
  });

  test("re-verifies a full-data entry on the full data with the budgets asked for", async () => {
    const owner = await createTestUser();
    const admin = await createTestUser("admin");
    const first = await submitEntry({ ownerId: owner, name: "full", spec: tinySpec(202) });
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
