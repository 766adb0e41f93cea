import type { Issue } from "@/lib/submission/fields";

/** What the submit action answers when it does not redirect to the new entry. */
export type SubmitFormState =
  | { status: "idle" }
  | { status: "invalid"; issues: Issue[] }
  | { status: "signed_out"; message: string }
  | { status: "refused"; message: string }
  | { status: "duplicate"; message: string; entryId: string };

export const INITIAL_FORM_STATE: SubmitFormState = { status: "idle" };
