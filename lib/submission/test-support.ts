import { users } from "@/db/schema";
import { closeDb, getDb } from "@/lib/db";
import { stopBoss } from "@/lib/queue";
import { EXAMPLES } from "@/lib/spec";
import { createFreshDatabase } from "@/tests/database";

/** Points this test file at its own fresh, migrated database (the pool and the queue follow DATABASE_URL). */
export async function usePrivateDatabase(name: string): Promise<void> {
  await closeAll();
  process.env.DATABASE_URL = await createFreshDatabase(name);
}

export async function closeAll(): Promise<void> {
  await stopBoss();
  await closeDb();
}

export async function insertUser(name: string, role: "participant" | "admin" = "participant"): Promise<{ id: string }> {
  const [user] = await getDb().insert(users).values({ name, role }).returning({ id: users.id });
  if (!user) throw new Error("no user row");
  return user;
}

/** A small, valid, quick spec: the MLP baseline example at one budget. */
export function smallSpec(seed = 1): Record<string, unknown> {
  const mlp = EXAMPLES.find((example) => example.slug === "mlp-baseline");
  if (!mlp) throw new Error("the mlp-baseline example is missing");
  return { ...structuredClone(mlp.spec), budgets: [5], seed };
}
