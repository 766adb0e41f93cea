"use server";

import { revalidatePath } from "next/cache";
import { actionUser, answerInPlace, type ActionState } from "@/lib/auth/action-state";
import { ACTION_RULES, decide } from "@/lib/auth/policy";
import { getEntry, setEntryHidden } from "@/lib/entries/entry";
import { editEntry, ownerOfEntry, ownerOfRun, withdrawEntry } from "@/lib/entries/owner";
import { getRunSnapshot } from "@/lib/entries/runs";
import { reverifyEntry } from "@/lib/entries/reverify";
import { cancelRun, requeueRun } from "@/lib/runs/request";
import { checkUserText, REASON_MAX_LENGTH } from "@/lib/text/user-text";

// Every action answers in place (an error next to its form), never with the error page.

const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

const entryPage = (entryId: string) => `/entries/${encodeURIComponent(entryId)}`;
const runLink = (entryId: string) => (runId: string) => ({ href: `${entryPage(entryId)}#run-${runId}`, label: "See that run" });

export async function cancelRunAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const entryId = field(form, "entryId");
  const runId = field(form, "runId");
  const signedIn = await actionUser("signed_in", entryPage(entryId));
  if ("refused" in signedIn) return signedIn.refused;
  const { user } = signedIn;
  // The rule is about the run's entry, so it is asked once the run is loaded.
  const run = await getRunSnapshot(runId);
  const entry = run && (await getEntry(run.entryId, user));
  if (!entry || !decide(ACTION_RULES["entries/[id]/actions.ts#cancelRunAction"], user, { ownerId: entry.owner.id }).allowed) {
    return { error: `runId: there is no run ${runId} that you may cancel` };
  }
  return answerInPlace(async () => {
    await cancelRun({ runId, actorId: user.id, reason: `cancelled by ${user.name}` });
    revalidatePath(entryPage(entryId));
    return { done: "Cancelled." };
  });
}

export async function reverifyAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const entryId = field(form, "entryId");
  const allowed = await actionUser(ACTION_RULES["entries/[id]/actions.ts#reverifyAction"], entryPage(entryId));
  if ("refused" in allowed) return allowed.refused;
  return answerInPlace(async () => {
    await reverifyEntry({ entryId, adminId: allowed.user.id, reason: form.get("reason") });
    revalidatePath(entryPage(entryId));
    revalidatePath("/queue");
    return { done: "A new verification run is queued." };
  }, runLink(entryId));
}

export async function setHiddenAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const entryId = field(form, "entryId");
  const allowed = await actionUser(ACTION_RULES["entries/[id]/actions.ts#setHiddenAction"], entryPage(entryId));
  if ("refused" in allowed) return allowed.refused;
  const hidden = field(form, "hidden") === "true";
  return answerInPlace(async () => {
    // The reason is optional here (it goes to the audit log); when given it is checked like any typed text.
    const typed = field(form, "reason").trim();
    const reason = typed ? checkUserText("reason", typed, { max: REASON_MAX_LENGTH }) : null;
    if (!(await setEntryHidden({ entryId, hidden, actorId: allowed.user.id, reason }))) return { error: `entryId: there is no entry ${entryId}` };
    revalidatePath(entryPage(entryId));
    revalidatePath("/");
    return { done: hidden ? "Hidden from the boards." : "Shown on the boards again." };
  });
}

/** The owner's own entry: asked here with its owner, and again in the change's transaction (lib/entries/owner.ts). */
const ownedBy = (ownerId: string | null) => (ownerId ? { ownerId } : undefined);

export async function editEntryAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const entryId = field(form, "entryId");
  const allowed = await actionUser(ACTION_RULES["entries/[id]/actions.ts#editEntryAction"], entryPage(entryId), ownedBy(await ownerOfEntry(entryId)));
  if ("refused" in allowed) return allowed.refused;
  return answerInPlace(async () => {
    await editEntry({ entryId, userId: allowed.user.id, name: form.get("name"), description: form.get("description") });
    revalidatePath(entryPage(entryId));
    return { done: "Saved." };
  });
}

export async function withdrawEntryAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const entryId = field(form, "entryId");
  const allowed = await actionUser(ACTION_RULES["entries/[id]/actions.ts#withdrawEntryAction"], entryPage(entryId), ownedBy(await ownerOfEntry(entryId)));
  if ("refused" in allowed) return allowed.refused;
  return answerInPlace(async () => {
    const { cancelledRuns } = await withdrawEntry({ entryId, userId: allowed.user.id });
    revalidatePath(entryPage(entryId));
    revalidatePath("/");
    return { done: `Withdrawn${cancelledRuns > 0 ? `; ${cancelledRuns === 1 ? "its run was" : `${cancelledRuns} runs were`} cancelled` : ""}.` };
  });
}

export async function requeueRunAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const entryId = field(form, "entryId");
  const runId = field(form, "runId");
  const allowed = await actionUser(ACTION_RULES["entries/[id]/actions.ts#requeueRunAction"], entryPage(entryId), ownedBy(await ownerOfRun(runId)));
  if ("refused" in allowed) return allowed.refused;
  return answerInPlace(async () => {
    const queued = await requeueRun({ runId, ownerId: allowed.user.id });
    revalidatePath(entryPage(entryId));
    revalidatePath("/queue");
    return { done: "Queued again.", link: runLink(entryId)(queued.runId) };
  }, runLink(entryId));
}
