// What an entry's owner changes about it (its name and description, its withdrawal).
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { cache } from "react";
import { entries, runs } from "@/db/schema";
import { ACTION_RULES, decide, type Rule } from "@/lib/auth/policy";
import { getDb } from "@/lib/db";
import { RunRequestError } from "@/lib/runs/errors";
import { isUuid } from "@/lib/runs/run-options";
import { withTransaction, type Tx } from "@/lib/runs/transaction";
import { actor, cancelRunState } from "@/lib/runs/transitions";
import { ACTIVE_RUN_STATES } from "@/lib/runs/states";
import { requireUserRole } from "@/lib/runs/users";
import { DESCRIPTION_MAX_LENGTH, NAME_MAX_LENGTH } from "@/lib/submission/fields";
import { checkUserText } from "@/lib/text/user-text";

export const WITHDRAW_REASON = "entry withdrawn by its owner";

/** The owner's entry, locked for the change; refused as "no such entry" for anyone else, so nobody learns what exists. */
async function lockOwnEntry(tx: Tx, entryId: string, userId: string, rule: Rule): Promise<{ withdrawn: boolean }> {
  const [entry] = isUuid(entryId)
    ? await tx.db.select({ ownerId: entries.ownerId, withdrawnAt: entries.withdrawnAt }).from(entries).where(eq(entries.id, entryId)).for("update")
    : [];
  const role = await requireUserRole(tx, userId, "userId");
  if (!entry || !decide(rule, { id: userId, role }, { ownerId: entry.ownerId }).allowed) {
    throw new RunRequestError("entry_not_found", `entryId: there is no entry ${entryId} of yours`, "entryId");
  }
  return { withdrawn: entry.withdrawnAt !== null };
}

/** Renames an entry and rewrites its description, checked as typed text (the spec never changes: it is what was verified). */
export async function editEntry(input: { entryId: string; userId: string; name: unknown; description: unknown }): Promise<void> {
  const name = checkUserText("name", input.name, { max: NAME_MAX_LENGTH });
  const description = checkUserText("description", input.description ?? "", { max: DESCRIPTION_MAX_LENGTH, multiline: true, optional: true });
  await withTransaction(async (tx) => {
    const entry = await lockOwnEntry(tx, input.entryId, input.userId, ACTION_RULES["entries/[id]/actions.ts#editEntryAction"]);
    if (entry.withdrawn) throw new RunRequestError("withdrawn", "This entry was withdrawn: it can no longer be changed.");
    await tx.db.update(entries).set({ name, description }).where(eq(entries.id, input.entryId));
  });
}

/**
 * Withdraws an entry: off the boards for good, its queued and running runs cancelled (a running
 * one's worker hears it and stops the engine); its page stays. Withdrawing twice changes nothing.
 */
export async function withdrawEntry(input: { entryId: string; userId: string }): Promise<{ cancelledRuns: number }> {
  return withTransaction(async (tx) => {
    const entry = await lockOwnEntry(tx, input.entryId, input.userId, ACTION_RULES["entries/[id]/actions.ts#withdrawEntryAction"]);
    if (entry.withdrawn) return { cancelledRuns: 0 };
    await tx.db.update(entries).set({ withdrawnAt: new Date() }).where(eq(entries.id, input.entryId));
    const active = await tx.db
      .select({ id: runs.id })
      .from(runs)
      .where(and(eq(runs.entryId, input.entryId), inArray(runs.state, [...ACTIVE_RUN_STATES])));
    let cancelledRuns = 0;
    for (const run of active) if (await cancelRunState(tx, run.id, actor.user(input.userId), WITHDRAW_REASON)) cancelledRuns += 1;
    return { cancelledRuns };
  });
}

/** Who owns the entry, or null when there is none: for asking the policy before acting on it. */
export async function ownerOfEntry(entryId: string): Promise<string | null> {
  if (!isUuid(entryId)) return null;
  const [entry] = await getDb().select({ ownerId: entries.ownerId }).from(entries).where(eq(entries.id, entryId));
  return entry?.ownerId ?? null;
}

/** Who owns the run's entry, or null when there is no such run. */
export async function ownerOfRun(runId: string): Promise<string | null> {
  if (!isUuid(runId)) return null;
  const [run] = await getDb().select({ ownerId: entries.ownerId }).from(runs).innerJoin(entries, eq(entries.id, runs.entryId)).where(eq(runs.id, runId));
  return run?.ownerId ?? null;
}

/** When the entry was withdrawn, or null; read once per page render (its notice and each run's controls ask). */
export const withdrawnAt = cache(async (entryId: string): Promise<Date | null> => {
  if (!isUuid(entryId)) return null;
  const [entry] = await getDb().select({ at: entries.withdrawnAt }).from(entries).where(eq(entries.id, entryId));
  return entry?.at ?? null;
});
