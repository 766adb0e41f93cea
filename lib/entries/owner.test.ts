/** The owner edits and withdraws their entry; nobody else can, and typed text is checked on the server. */
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { entries } from "@/db/schema";
import { closeDb, getDb } from "@/lib/db";
import { submitEntry } from "@/lib/runs/new-entry";
import { createTestUser, runEventsOf, runRow, tinySpec } from "@/tests/runs";
import { withTransaction } from "@/lib/runs/transaction";
import { claimRun } from "@/lib/runs/transitions";
import { editEntry, WITHDRAW_REASON, withdrawEntry, withdrawnAt } from "./owner";

afterAll(async () => {
  await closeDb();
});

let seed = 700;
async function entryOf(ownerId: string) {
  seed += 1;
  return submitEntry({ ownerId, name: `entry ${seed}`, description: "before", spec: tinySpec(seed) });
}

const stored = async (entryId: string) => (await getDb().select().from(entries).where(eq(entries.id, entryId)))[0]!;

describe("editing an entry", () => {
  test("the owner renames it and rewrites its description; the spec stays", async () => {
    const owner = await createTestUser();
    const { entryId } = await entryOf(owner);
    const before = await stored(entryId);
    await editEntry({ entryId, userId: owner, name: "  Better name ", description: "line one\nline two" });
    expect(await stored(entryId)).toMatchObject({ name: "Better name", description: "line one\nline two", specHash: before.specHash });
  });

  test("typed text is checked, naming the field, and nothing changes", async () => {
    const owner = await createTestUser();
    const { entryId } = await entryOf(owner);
    await expect(editEntry({ entryId, userId: owner, name: "evil\u202Egnp", description: "" })).rejects.toThrow(/^name must not contain .*bidirectional override/);
    await expect(editEntry({ entryId, userId: owner, name: "ok", description: "a\u0000b" })).rejects.toThrow(/^description must not contain control characters/);
    await expect(editEntry({ entryId, userId: owner, name: "x".repeat(101), description: "" })).rejects.toThrow(/^name must be at most 100 characters/);
    await expect(editEntry({ entryId, userId: owner, name: undefined, description: "" })).rejects.toThrow(/^name must be text/);
    expect(await stored(entryId)).toMatchObject({ description: "before" });
  });

  test("another participant and an admin are told there is no such entry of theirs; a withdrawn entry cannot be edited", async () => {
    const owner = await createTestUser();
    const { entryId } = await entryOf(owner);
    for (const other of [await createTestUser(), await createTestUser("admin")]) {
      await expect(editEntry({ entryId, userId: other, name: "mine now", description: "" })).rejects.toMatchObject({ code: "entry_not_found", field: "entryId" });
    }
    await expect(editEntry({ entryId: "not-an-id", userId: owner, name: "x", description: "" })).rejects.toMatchObject({ code: "entry_not_found" });
    await withdrawEntry({ entryId, userId: owner });
    await expect(editEntry({ entryId, userId: owner, name: "late", description: "" })).rejects.toMatchObject({ code: "withdrawn" });
    expect((await stored(entryId)).name).not.toBe("late");
  });
});

describe("withdrawing an entry", () => {
  test("marks it withdrawn and cancels its queued and running runs, recorded as the owner's doing", async () => {
    const owner = await createTestUser();
    const { entryId, runId } = await entryOf(owner);
    await withTransaction((tx) => claimRun(tx, runId, "w1", 30));
    expect(await withdrawEntry({ entryId, userId: owner })).toEqual({ cancelledRuns: 1 });
    expect(await withdrawnAt(entryId)).toBeInstanceOf(Date);
    expect(await runRow(runId)).toMatchObject({ state: "cancelled" });
    expect((await runEventsOf(runId)).at(-1)).toMatchObject({ fromState: "running", toState: "cancelled", actor: `user:${owner}`, reason: WITHDRAW_REASON });
    // Twice changes nothing.
    const at = (await stored(entryId)).withdrawnAt;
    expect(await withdrawEntry({ entryId, userId: owner })).toEqual({ cancelledRuns: 0 });
    expect((await stored(entryId)).withdrawnAt).toEqual(at);
  });

  test("nobody else can withdraw it, admins included", async () => {
    const owner = await createTestUser();
    const { entryId, runId } = await entryOf(owner);
    for (const other of [await createTestUser(), await createTestUser("admin")]) {
      await expect(withdrawEntry({ entryId, userId: other })).rejects.toMatchObject({ code: "entry_not_found" });
    }
    expect((await stored(entryId)).withdrawnAt).toBeNull();
    expect(await runRow(runId)).toMatchObject({ state: "queued" });
  });
});
