"use server";

import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth";
import { ACTION_RULES, decide } from "@/lib/auth/policy";
import { submissionRateRefusal } from "@/lib/http/submission-limit";
import { requestFromFormFields } from "@/lib/submission/form-data";
import { submitSubmission } from "@/lib/submission/submit";
import type { SubmitFormState } from "./form-state";

/** The form's server action: the same submission as POST /api/entries, then on to the new entry's page. */
export async function submitEntryAction(_previous: SubmitFormState, formData: FormData): Promise<SubmitFormState> {
  const viewer = await getCurrentUser();
  const user = decide(ACTION_RULES["submit/actions.ts#submitEntryAction"], viewer).allowed ? viewer : null;
  const overLimit = user && (await submissionRateRefusal(user.id));
  if (overLimit) return { status: "refused", message: overLimit.message };
  const outcome = await submitSubmission(user, requestFromFormFields((name) => formData.get(name)), "text");
  switch (outcome.kind) {
    case "created":
      redirect(`/entries/${outcome.entryId}`);
    case "duplicate":
      return { status: "duplicate", message: outcome.message, entryId: outcome.entryId };
    case "invalid":
      return { status: "invalid", issues: outcome.issues };
    case "signed_out":
    case "refused":
      return { status: outcome.kind, message: outcome.message };
  }
}
