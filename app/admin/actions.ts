"use server";

import { revalidatePath } from "next/cache";
import { changeUserRole } from "@/lib/admin/roles";
import { requireAllowed } from "@/lib/auth";
import { ACTION_RULES } from "@/lib/auth/policy";

export type RoleState = { error?: string };

export async function setRoleAction(_previous: RoleState, form: FormData): Promise<RoleState> {
  const admin = await requireAllowed(ACTION_RULES["admin/actions.ts#setRoleAction"], "/admin");
  const userId = String(form.get("userId") ?? "");
  const role = form.get("role") === "admin" ? "admin" : "participant";
  try {
    await changeUserRole({ actorId: admin.id, userId, role });
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  revalidatePath("/admin");
  return {};
}
