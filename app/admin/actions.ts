"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin } from "@/lib/auth";
import { changeUserRole } from "@/lib/admin/roles";

export type RoleState = { error?: string };

export async function setRoleAction(_previous: RoleState, form: FormData): Promise<RoleState> {
  const admin = await requireAdmin();
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
