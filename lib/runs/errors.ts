export type RunRequestErrorCode =
  | "unknown_user"
  | "too_many_queued"
  | "too_many_today"
  | "invalid_budgets"
  | "invalid_limits"
  | "parent_not_found"
  | "entry_not_found"
  | "run_not_found"
  | "forbidden"
  | "not_cancellable"
  | "not_requeueable"
  | "already_active"
  | "withdrawn"
  | "reason_required"
  | "not_eligible";

/** A submission, re-verification or cancellation refused for a reason the user can act on. */
export class RunRequestError extends Error {
  readonly code: RunRequestErrorCode;
  /** The input field at fault, when there is one (for showing the message next to it). */
  readonly field: string | undefined;
  /** The run the message is about (the one already queued, …), for a link to it. */
  readonly runId: string | undefined;

  constructor(code: RunRequestErrorCode, message: string, field?: string, runId?: string) {
    super(message);
    this.name = "RunRequestError";
    this.code = code;
    this.field = field;
    this.runId = runId;
  }
}
