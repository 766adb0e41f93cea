// Reads entries and participants.
import "server-only";
import { alias } from "drizzle-orm/pg-core";
import { eq, sql } from "drizzle-orm";
import { entries, users } from "@/db/schema";
import { recordAdminAction } from "@/lib/admin/audit";
import { getDb } from "@/lib/db";
import { canSeeEntry, type Viewer } from "@/lib/auth/policy";
import { isUuid } from "@/lib/runs/run-options";
import { inReferenceOrder } from "@/lib/spec/key-order";
import type { EntrySpec } from "@/lib/spec/schema";
import { withTransaction } from "@/lib/runs/transaction";
import { developmentRunSql } from "@/lib/runs/development-run";

export type EntryView = {
  id: string;
  name: string;
  description: string;
  spec: EntrySpec;
  specHash: string;
  hidden: boolean;
  createdAt: string;
  owner: { id: string; name: string };
  parent: { id: string; name: string } | null;
};

const parents = alias(entries, "parent");

/**
 * An entry as `viewer` may see it: null when it is missing or hidden from them, and without its
 * parent when the parent is hidden from them (a fork must not lead to, or name, a hidden entry).
 */
export async function getEntry(entryId: string, viewer: Viewer): Promise<EntryView | null> {
  if (!isUuid(entryId)) return null;
  const [row] = await getDb()
    .select({
      id: entries.id,
      name: entries.name,
      description: entries.description,
      spec: entries.spec,
      specHash: entries.specHash,
      hidden: entries.hidden,
      createdAt: entries.createdAt,
      ownerId: users.id,
      ownerName: users.name,
      parentId: parents.id,
      parentName: parents.name,
      parentOwnerId: parents.ownerId,
      parentHidden: parents.hidden,
    })
    .from(entries)
    .innerJoin(users, eq(users.id, entries.ownerId))
    .leftJoin(parents, eq(parents.id, entries.parentId))
    .where(eq(entries.id, entryId));
  if (!row || !canSeeEntry({ ownerId: row.ownerId, hidden: row.hidden }, viewer)) return null;
  const parentVisible = row.parentId && row.parentOwnerId && canSeeEntry({ ownerId: row.parentOwnerId, hidden: row.parentHidden ?? true }, viewer);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    // jsonb reorders keys; pages, the download and Fork show them in the reference's order.
    spec: inReferenceOrder(row.spec),
    specHash: row.specHash,
    hidden: row.hidden,
    createdAt: row.createdAt.toISOString(),
    owner: { id: row.ownerId, name: row.ownerName },
    parent: parentVisible && row.parentId && row.parentName ? { id: row.parentId, name: row.parentName } : null,
  };
}

/** An admin hides an entry from the boards or shows it again, recorded in the audit log; false when there is no such entry. */
export async function setEntryHidden(input: { entryId: string; hidden: boolean; actorId: string; reason?: string | null }): Promise<boolean> {
  const { entryId, hidden, actorId } = input;
  if (!isUuid(entryId)) return false;
  return withTransaction(async (tx) => {
    const [entry] = await tx.db.select({ hidden: entries.hidden }).from(entries).where(eq(entries.id, entryId)).for("update");
    if (!entry) return false;
    if (entry.hidden === hidden) return true;
    await tx.db.update(entries).set({ hidden }).where(eq(entries.id, entryId));
    await recordAdminAction(tx, { actorId, action: hidden ? "hide_entry" : "unhide_entry", targetType: "entry", targetId: entryId, reason: input.reason ?? null });
    return true;
  });
}

export type ParticipantView = {
  id: string;
  name: string;
  role: string;
  joinedAt: string;
  entries: { id: string; name: string; hidden: boolean; createdAt: string; best: Record<number, number | null> }[];
};

/**
 * A participant and their entries, each with its best verified full-data result per budget
 * (the boards rank the latest; this page shows the best the entry ever reached).
 */
export async function getParticipant(userId: string, viewer: Viewer): Promise<ParticipantView | null> {
  if (!isUuid(userId)) return null;
  // Every entry on this page has this owner: their hidden ones are shown to them and to admins.
  const includeHidden = canSeeEntry({ ownerId: userId, hidden: true }, viewer);
  const db = getDb();
  const [user] = await db
    .select({ id: users.id, name: users.name, role: users.role, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  const { rows } = await db.execute<{ id: string; name: string; hidden: boolean; created_at: string; budget: number | null; best: number | null }>(
    sql`
      select e.id::text as id, e.name, e.hidden, e.created_at, br.budget, max(br.test_accuracy) as best
      from entries e
      left join runs r on r.entry_id = e.id and r.state = 'verified' and not (${sql.raw(developmentRunSql("r"))})
      left join budget_results br on br.run_id = r.id
      where e.owner_id = ${userId} and (${includeHidden} or not e.hidden)
      group by e.id, br.budget
      order by e.created_at desc
    `,
  );
  const byEntry = new Map<string, ParticipantView["entries"][number]>();
  for (const row of rows) {
    const entry = byEntry.get(row.id) ?? {
      id: row.id,
      name: row.name,
      hidden: row.hidden,
      createdAt: new Date(row.created_at).toISOString(),
      best: { 5: null, 20: null, 50: null },
    };
    if (row.budget !== null) entry.best[row.budget] = row.best;
    byEntry.set(row.id, entry);
  }
  return { id: user.id, name: user.name, role: user.role, joinedAt: user.createdAt.toISOString(), entries: [...byEntry.values()] };
}
