import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { RunRequestError } from "./errors";
import type { Tx } from "./transaction";

/** The user's role, or a RunRequestError naming the field when there is no such user. */
export async function requireUserRole(tx: Tx, userId: string, field: string): Promise<"participant" | "admin"> {
  const [user] = await tx.db.select({ role: users.role }).from(users).where(eq(users.id, userId));
  if (!user) throw new RunRequestError("unknown_user", `${field}: there is no user ${userId}`, field);
  return user.role;
}
