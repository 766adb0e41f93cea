import type { RunState } from "@/db/schema";
import type { Viewer } from "@/lib/auth/policy";
import { getEntry } from "@/lib/entries/entry";
import { env } from "@/lib/env";
import { RunRequestError } from "@/lib/runs/errors";
import { submitEntry } from "@/lib/runs/new-entry";
import type { Issue } from "./fields";
import { validateSubmission, type SpecFormat } from "./validate";

export type SubmissionOutcome =
  | { kind: "created"; entryId: string; runId: string }
  /** The same spec was submitted moments ago: nothing new was created; the message names that entry. */
  | { kind: "duplicate"; entryId: string; runId: string; runState: RunState; message: string }
  | { kind: "signed_out"; message: string }
  | { kind: "invalid"; issues: Issue[] }
  /** Refused for now (a quota): the message says why and what to do. */
  | { kind: "refused"; message: string };

const QUOTA_CODES: readonly string[] = ["too_many_queued", "too_many_today"];

/**
 * The one way an entry is submitted, behind both the form's server action and POST /api/entries:
 * the user must be signed in (each caller asks the policy first and passes null when refused), the request is validated whole, then the entry, its run and the
 * run's job are written together. Bad input always ends as an outcome, never as an exception.
 */
export async function submitSubmission(user: Viewer, raw: unknown, format: SpecFormat): Promise<SubmissionOutcome> {
  if (!user) return { kind: "signed_out", message: "Sign in to submit an entry." };
  const validation = validateSubmission(raw, format, { devLimits: env().CATWALK_DEV_LIMITS });
  if (!validation.ok) return { kind: "invalid", issues: validation.issues };
  const { spec, name, description, parentId, trainLimit } = validation.submission;
  // A fork source must be an entry the submitter may see: a hidden one is as unknown as a missing one.
  if (parentId && !(await getEntry(parentId, user))) {
    return { kind: "invalid", issues: [{ path: "parentId", message: `parentId: there is no entry ${parentId} to fork from` }] };
  }
  try {
    const created = await submitEntry({ ownerId: user.id, name, description, spec, parentId, trainLimit });
    if (created.duplicate) return { kind: "duplicate", entryId: created.entryId, runId: created.runId, runState: created.runState, message: duplicateMessage(created) };
    return { kind: "created", entryId: created.entryId, runId: created.runId };
  } catch (error) {
    if (!(error instanceof RunRequestError)) throw error;
    if (QUOTA_CODES.includes(error.code)) return { kind: "refused", message: error.message };
    if (error.code === "unknown_user") return { kind: "signed_out", message: "Your account no longer exists: sign in again to submit." };
    return { kind: "invalid", issues: [{ path: error.field ?? "", message: error.message }] };
  }
}

const REQUEUE_HINT: Partial<Record<RunState, string>> = {
  cancelled: "its run was cancelled: re-queue it on the entry's page",
  failed: "its run failed: re-queue it on the entry's page",
  timed_out: "its run timed out: re-queue it on the entry's page",
};

function duplicateMessage(duplicate: { entryName: string; runState: RunState; submittedAt: Date }): string {
  const minutes = Math.max(0, Math.round((Date.now() - duplicate.submittedAt.getTime()) / 60_000));
  const when = minutes === 0 ? "moments ago" : `${minutes} min ago`;
  const state = REQUEUE_HINT[duplicate.runState] ?? `its run is ${duplicate.runState.replace("_", " ")}`;
  return `You submitted this exact spec ${when} as "${duplicate.entryName}", so nothing new was queued; ${state}.`;
}
