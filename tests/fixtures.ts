/** Test helpers shared by every suite that talks to PostgreSQL: real rows, no mocks. */
import { users } from "@/db/schema";
import { closeDb, getDb } from "@/lib/db";
import { createFreshDatabase } from "./database";

/** Points this test file at its own fresh, migrated database (the pool follows DATABASE_URL). */
export async function usePrivateDatabase(name: string): Promise<void> {
  await closeDatabaseClients();
  process.env.DATABASE_URL = await createFreshDatabase(name);
}

export async function closeDatabaseClients(): Promise<void> {
  await closeDb();
}

export async function insertUser(name: string, options: { email?: string; role?: "participant" | "admin" } = {}): Promise<string> {
  const [row] = await getDb()
    .insert(users)
    .values({ name, email: options.email ?? null, role: options.role ?? "participant" })
    .returning({ id: users.id });
  if (!row) throw new Error("no user row");
  return row.id;
}
