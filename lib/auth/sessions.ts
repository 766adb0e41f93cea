import { and, eq, gt, sql } from "drizzle-orm";
import { sessions, users } from "@/db/schema";
import { getDb } from "@/lib/db";

export type CurrentUser = { id: string; name: string; email: string | null; role: "participant" | "admin" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The user a sign-in session belongs to; null when the row is gone (signed out) or expired. */
export async function findSessionUser(sessionId: string | undefined): Promise<CurrentUser | null> {
  if (!sessionId || !UUID.test(sessionId)) return null;
  const [row] = await getDb()
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, sql`now()`)))
    .limit(1);
  return row ?? null;
}

export async function deleteSession(sessionId: string | undefined): Promise<void> {
  if (!sessionId || !UUID.test(sessionId)) return;
  await getDb().delete(sessions).where(eq(sessions.id, sessionId));
}
