import { desc, eq } from "drizzle-orm";
import { entries, users } from "@/db/schema";
import { getDb } from "@/lib/db";

export interface ForkSource {
  id: string;
  name: string;
  ownerName: string;
}

/** The most recent visible entries, newest first: what "Start from" offers to fork. */
export async function listForkSources(limit = 50): Promise<ForkSource[]> {
  return getDb()
    .select({ id: entries.id, name: entries.name, ownerName: users.name })
    .from(entries)
    .innerJoin(users, eq(users.id, entries.ownerId))
    .where(eq(entries.hidden, false))
    .orderBy(desc(entries.createdAt))
    .limit(limit);
}
