/** Every admin action writes exactly one audit row in its own transaction; a refused one writes none. */
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { auditLog, entries, users } from "@/db/schema";
import { getDb } from "@/lib/db";
import { setEntryHidden } from "@/lib/entries/entry";
import { cancelRun, requestRun } from "@/lib/runs/request";
import { submitEntry } from "@/lib/runs/new-entry";
import { createTestUser, tinySpec } from "@/tests/runs";
import { withTransaction } from "@/lib/runs/transaction";
import { cancelRunState } from "@/lib/runs/transitions";
import { closeDatabaseClients, usePrivateDatabase } from "@/tests/fixtures";
import { latestAdminActions } from "./audit";
import { changeUserRole } from "./roles";

beforeAll(async () => {
  process.env.CATWALK_MAX_QUEUED_PER_USER = "100";
  // A private database: the role tests count every admin there is.
  await usePrivateDatabase("catwalk_test_audit");
});

afterAll(async () => {
  delete process.env.CATWALK_MAX_QUEUED_PER_USER;
  await closeDatabaseClients();
});

const rowsBy = (actorId: string) => getDb().select().from(auditLog).where(eq(auditLog.actorId, actorId)).orderBy(asc(auditLog.id));

let seed = 0;
async function submitted(ownerId: string) {
  seed += 1;
  return submitEntry({ ownerId, name: `entry ${seed}`, spec: tinySpec(seed) });
}

describe("the audit log", () => {
  test("a re-verification writes one row: the admin, the entry, the reason and the new run", async () => {
    const admin = await createTestUser("admin");
    const owner = await createTestUser();
    const { entryId, runId: first } = await submitted(owner);
    await cancelRun({ runId: first, actorId: owner, reason: "changed my mind" });
    const { runId } = await requestRun({ entryId, requestedBy: admin, reason: "suspicious score" });
    const rows = await rowsBy(admin);
    expect(rows).toEqual([
      expect.objectContaining({ action: "reverify", targetType: "entry", targetId: entryId, reason: "suspicious score", details: { runId, budgets: [5] }, at: expect.any(Date) }),
    ]);
  });

  test("a refused re-verification writes nothing", async () => {
    const participant = await createTestUser();
    const admin = await createTestUser("admin");
    const { entryId } = await submitted(participant);
    await expect(requestRun({ entryId, requestedBy: participant, reason: "mine" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(requestRun({ entryId, requestedBy: admin, reason: " " })).rejects.toMatchObject({ code: "reason_required" });
    expect(await rowsBy(participant)).toEqual([]);
    expect(await rowsBy(admin)).toEqual([]);
  });

  test("an admin cancelling someone's run writes one row; the owner cancelling their own writes none", async () => {
    const admin = await createTestUser("admin");
    const owner = await createTestUser();
    const theirs = await submitted(owner);
    await cancelRun({ runId: theirs.runId, actorId: admin, reason: "abuse" });
    expect(await rowsBy(admin)).toEqual([expect.objectContaining({ action: "cancel_run", targetType: "run", targetId: theirs.runId, reason: "abuse", details: { previousState: "queued" } })]);

    const own = await submitted(owner);
    await cancelRun({ runId: own.runId, actorId: owner, reason: "typo" });
    expect(await rowsBy(owner)).toEqual([]);
  });

  test("a refused cancellation writes nothing", async () => {
    const admin = await createTestUser("admin");
    const { runId } = await submitted(await createTestUser());
    await withTransaction((tx) => cancelRunState(tx, runId, "test", "finished first"));
    await expect(cancelRun({ runId, actorId: admin, reason: "too late" })).rejects.toMatchObject({ code: "not_cancellable" });
    expect(await rowsBy(admin)).toEqual([]);
  });

  test("hiding and unhiding an entry each write one row; no entry, or no change, writes nothing", async () => {
    const admin = await createTestUser("admin");
    const { entryId } = await submitted(await createTestUser());
    expect(await setEntryHidden({ entryId, hidden: true, actorId: admin, reason: "spam" })).toBe(true);
    expect(await setEntryHidden({ entryId, hidden: true, actorId: admin })).toBe(true);
    expect(await setEntryHidden({ entryId, hidden: false, actorId: admin })).toBe(true);
    expect(await setEntryHidden({ entryId: "00000000-0000-4000-8000-000000000000", hidden: true, actorId: admin })).toBe(false);
    expect(await setEntryHidden({ entryId: "not an id", hidden: true, actorId: admin })).toBe(false);
    expect((await rowsBy(admin)).map((row) => [row.action, row.targetType, row.targetId, row.reason])).toEqual([
      ["hide_entry", "entry", entryId, "spam"],
      ["unhide_entry", "entry", entryId, null],
    ]);
    const [entry] = await getDb().select({ hidden: entries.hidden }).from(entries).where(eq(entries.id, entryId));
    expect(entry?.hidden).toBe(false);
  });

  test("a role change writes one row with the old and new role; revoking the last admin is refused and writes nothing", async () => {
    await getDb().update(users).set({ role: "participant" });
    const admin = await createTestUser("admin");
    const other = await createTestUser();
    await changeUserRole({ actorId: admin, userId: other, role: "admin" });
    await changeUserRole({ actorId: other, userId: admin, role: "participant" });
    await expect(changeUserRole({ actorId: other, userId: other, role: "participant" })).rejects.toThrow("role: this is the last admin");
    await expect(changeUserRole({ actorId: other, userId: "nobody", role: "admin" })).rejects.toThrow("userId: there is no user");
    expect(await rowsBy(admin)).toEqual([expect.objectContaining({ action: "change_role", targetType: "user", targetId: other, details: { from: "participant", to: "admin" } })]);
    expect(await rowsBy(other)).toEqual([expect.objectContaining({ action: "change_role", targetType: "user", targetId: admin, details: { from: "admin", to: "participant" } })]);
    expect(await getDb().select({ id: users.id }).from(users).where(eq(users.role, "admin"))).toEqual([{ id: other }]);
  });

  test("two admins revoking each other at once: one succeeds, the other is refused as the last admin, one row", async () => {
    await getDb().update(users).set({ role: "participant" });
    const [first, second] = [await createTestUser("admin"), await createTestUser("admin")];
    const results = await Promise.allSettled([
      changeUserRole({ actorId: first, userId: second, role: "participant" }),
      changeUserRole({ actorId: second, userId: first, role: "participant" }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await getDb().select({ id: users.id }).from(users).where(eq(users.role, "admin"))).toHaveLength(1);
    expect([...(await rowsBy(first)), ...(await rowsBy(second))]).toHaveLength(1);
  });

  test("the latest actions come newest first with the actor's and the target's names, a run's linked to its entry", async () => {
    const admin = await createTestUser("admin");
    const { entryId, runId } = await submitted(await createTestUser());
    const entryName = `entry ${seed}`;
    await setEntryHidden({ entryId, hidden: true, actorId: admin, reason: "spam" });
    await cancelRun({ runId, actorId: admin, reason: "spam" });
    const [actor] = await getDb().select({ name: users.name }).from(users).where(eq(users.id, admin));
    const [latest, before] = await latestAdminActions(2);
    expect(latest).toMatchObject({ actorId: admin, actorName: actor?.name, action: "cancel_run", targetType: "run", targetId: runId, targetName: entryName, entryId, reason: "spam" });
    expect(before).toMatchObject({ actorId: admin, action: "hide_entry", targetType: "entry", targetId: entryId, targetName: entryName, entryId });
  });
});
