// Server-only: admin role management.
import { and, asc, count, eq, ne } from "drizzle-orm";
import { users, USER_ROLES } from "@/db/schema";
import { getDb } from "@/lib/db";

export type Role = (typeof USER_ROLES)[number];

export async function listUsers(): Promise<{ id: string; name: string; email: string | null; role: Role; createdAt: Date }[]> {
  return getDb()
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, createdAt: users.createdAt })
    .from(users)
    .orderBy(asc(users.createdAt));
}

/** Makes or revokes an admin; refuses to remove the last admin, who could not then make another. */
export async function setUserRole(userId: string, role: Role): Promise<void> {
  if (!USER_ROLES.includes(role)) throw new Error(`role: must be one of ${USER_ROLES.join(", ")}`);
  await getDb().transaction(async (tx) => {
    if (role !== "admin") {
      const [others] = await tx
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.role, "admin"), ne(users.id, userId)));
      if ((others?.n ?? 0) === 0) throw new Error("role: this is the last admin; make another admin first");
    }
    await tx.update(users).set({ role }).where(eq(users.id, userId));
  });
}
