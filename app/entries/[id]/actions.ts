"use server";

import { revalidatePath } from "next/cache";
import { requireAllowed } from "@/lib/auth";
import { ACTION_RULES, decide } from "@/lib/auth/policy";
import { getEntry, setEntryHidden } from "@/lib/entries/entry";
import { getRunSnapshot } from "@/lib/entries/runs";
import { reverifyEntry } from "@/lib/entries/reverify";
import { RunRequestError } from "@/lib/runs/errors";
import { checkUserText, REASON_MAX_LENGTH, UserTextError } from "@/lib/text/user-text";
import { cancelRun } from "@/lib/runs/request";

export type ActionState = { error?: string; done?: string };

function refused(error: unknown): ActionState {
  if (error instanceof RunRequestError || error instanceof UserTextError) return { error: error.message };
  throw error;
}

const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

export async function cancelRunAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const entryId = field(form, "entryId");
  const user = await requireAllowed("signed_in", `/entries/${entryId}`);
  const runId = field(form, "runId");
  const run = await getRunSnapshot(runId);
  const entry = run && (await getEntry(run.entryId, user));
  if (!entry || !decide(ACTION_RULES["entries/[id]/actions.ts#cancelRunAction"], user, { ownerId: entry.owner.id }).allowed) {
    return { error: `runId: there is no run ${runId} that you may cancel` };
  }
  try {
    await cancelRun({ runId, actorId: user.id, reason: `cancelled by ${user.name}` });
  } catch (error) {
    return refused(error);
  }
  revalidatePath(`/entries/${entryId}`);
  return { done: "Cancelled." };
}

export async function reverifyAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const entryId = field(form, "entryId");
  const admin = await requireAllowed(ACTION_RULES["entries/[id]/actions.ts#reverifyAction"], `/entries/${entryId}`);
  try {
    await reverifyEntry({ entryId, adminId: admin.id, reason: form.get("reason") });
  } catch (error) {
    return refused(error);
  }
  revalidatePath(`/entries/${entryId}`);
  revalidatePath("/queue");
  return { done: "A new verification run is queued." };
}

export async function setHiddenAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const entryId = field(form, "entryId");
  const admin = await requireAllowed(ACTION_RULES["entries/[id]/actions.ts#setHiddenAction"], `/entries/${entryId}`);
  const hidden = field(form, "hidden") === "true";
  // The reason is optional here (it goes to the audit log); when given it is checked like any typed text.
  const typed = field(form, "reason").trim();
  let reason: string | null;
  try {
    reason = typed ? checkUserText("reason", typed, { max: REASON_MAX_LENGTH }) : null;
  } catch (error) {
    return refused(error);
  }
  if (!(await setEntryHidden({ entryId, hidden, actorId: admin.id, reason }))) return { error: `There is no entry ${entryId}.` };
  revalidatePath(`/entries/${entryId}`);
  revalidatePath("/");
  return { done: hidden ? "Hidden from the boards." : "Shown on the boards again." };
}
