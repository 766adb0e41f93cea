"use server";

import { revalidatePath } from "next/cache";
import { changeUserRole } from "@/lib/admin/roles";
import { actionUser, type ActionState } from "@/lib/auth/action-state";
import { ACTION_RULES } from "@/lib/auth/policy";

export async function setRoleAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const allowed = await actionUser(ACTION_RULES["admin/actions.ts#setRoleAction"], "/admin");
  if ("refused" in allowed) return allowed.refused;
  const userId = String(form.get("userId") ?? "");
  const role = form.get("role") === "admin" ? "admin" : "participant";
  try {
    await changeUserRole({ actorId: allowed.user.id, userId, role });
  } catch (error) {
    // changeUserRole's refusals name their field; anything else is logged, not shown.
    if (error instanceof Error && /^(role|userId): /.test(error.message)) return { error: error.message };
    console.error("[action] changing a role failed:", error);
    return { error: "The server could not change the role just now; nothing was changed. Please try again." };
  }
  revalidatePath("/admin");
  return {};
}
