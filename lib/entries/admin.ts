// What the admin page lists.
import "server-only";
import { count, desc, eq } from "drizzle-orm";
import { entries, runs, users, RUN_STATES, type RunState } from "@/db/schema";
import { getDb } from "@/lib/db";

export async function hiddenEntries() {
  return getDb()
    .select({ id: entries.id, name: entries.name, ownerId: users.id, ownerName: users.name, createdAt: entries.createdAt })
    .from(entries)
    .innerJoin(users, eq(users.id, entries.ownerId))
    .where(eq(entries.hidden, true))
    .orderBy(desc(entries.createdAt));
}

export async function runCountsByState(): Promise<Record<RunState, number>> {
  const rows = await getDb().select({ state: runs.state, n: count() }).from(runs).groupBy(runs.state);
  const counts = Object.fromEntries(RUN_STATES.map((state) => [state, 0])) as Record<RunState, number>;
  for (const row of rows) counts[row.state] = row.n;
  return counts;
}

export async function runsInState(state: RunState, limit = 50) {
  return getDb()
    .select({
      id: runs.id,
      entryId: entries.id,
      entryName: entries.name,
      reason: runs.reason,
      queuedAt: runs.queuedAt,
      finishedAt: runs.finishedAt,
      errorKind: runs.errorKind,
      error: runs.error,
    })
    .from(runs)
    .innerJoin(entries, eq(entries.id, runs.entryId))
    .where(eq(runs.state, state))
    .orderBy(desc(runs.queuedAt))
    .limit(limit);
}
