/** Users' roles: the list admins manage, and the change of one role, recorded in the audit log. */
import { asc, eq } from "drizzle-orm";
import { users, USER_ROLES } from "@/db/schema";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/runs/run-options";
import { withTransaction } from "@/lib/runs/transaction";
import { recordAdminAction } from "./audit";

export type Role = (typeof USER_ROLES)[number];

export async function listUsers(): Promise<{ id: string; name: string; email: string | null; role: Role; createdAt: Date }[]> {
  return getDb()
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, createdAt: users.createdAt })
    .from(users)
    .orderBy(asc(users.createdAt));
}

export interface RoleChange {
  actorId: string;
  userId: string;
  role: Role;
  reason?: string | null;
}

/**
 * Sets the user's role. Refuses to remove the last admin, who could not then make another: the
 * admins' rows are locked first, so two admins revoking each other at once cannot both succeed.
 */
export async function changeUserRole(change: RoleChange): Promise<void> {
  if (!USER_ROLES.includes(change.role)) throw new Error(`role: must be one of ${USER_ROLES.join(", ")}`);
  if (!isUuid(change.userId)) throw new Error(`userId: there is no user ${change.userId}`);
  await withTransaction(async (tx) => {
    const admins = await tx.db.select({ id: users.id }).from(users).where(eq(users.role, "admin")).orderBy(users.id).for("update");
    const [user] = await tx.db.select({ role: users.role }).from(users).where(eq(users.id, change.userId)).for("update");
    if (!user) throw new Error(`userId: there is no user ${change.userId}`);
    if (user.role === change.role) return;
    if (change.role !== "admin" && admins.every((admin) => admin.id === change.userId)) {
      throw new Error("role: this is the last admin; make another admin first");
    }
    await tx.db.update(users).set({ role: change.role }).where(eq(users.id, change.userId));
    await recordAdminAction(tx, {
      actorId: change.actorId,
      action: "change_role",
      targetType: "user",
      targetId: change.userId,
      reason: change.reason ?? null,
      details: { from: user.role, to: change.role },
    });
  });
}
