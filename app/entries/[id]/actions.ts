"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin, requireUser } from "@/lib/auth";
import { setEntryHidden } from "@/lib/entries/entry";
import { RunRequestError } from "@/lib/runs/errors";
import { cancelRun, requestRun } from "@/lib/runs/request";

export type ActionState = { error?: string; done?: string };

function refused(error: unknown): ActionState {
  if (error instanceof RunRequestError) return { error: error.message };
  throw error;
}

const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

export async function cancelRunAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const entryId = field(form, "entryId");
  const user = await requireUser(`/entries/${entryId}`);
  try {
    await cancelRun({ runId: field(form, "runId"), actorId: user.id, reason: `cancelled by ${user.name}` });
  } catch (error) {
    return refused(error);
  }
  revalidatePath(`/entries/${entryId}`);
  return { done: "Cancelled." };
}

export async function reverifyAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const entryId = field(form, "entryId");
  const admin = await requireAdmin(`/entries/${entryId}`);
  try {
    await requestRun({ entryId, requestedBy: admin.id, reason: field(form, "reason") });
  } catch (error) {
    return refused(error);
  }
  revalidatePath(`/entries/${entryId}`);
  revalidatePath("/queue");
  return { done: "A new verification run is queued." };
}

export async function setHiddenAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const entryId = field(form, "entryId");
  const admin = await requireAdmin(`/entries/${entryId}`);
  const hidden = field(form, "hidden") === "true";
  if (!(await setEntryHidden({ entryId, hidden, actorId: admin.id }))) return { error: `There is no entry ${entryId}.` };
  revalidatePath(`/entries/${entryId}`);
  revalidatePath("/");
  return { done: hidden ? "Hidden from the boards." : "Shown on the boards again." };
}
