// An admin's re-verification, with the reason checked as typed text.
import "server-only";
import { requestRun } from "@/lib/runs/request";
import { checkUserText, REASON_MAX_LENGTH } from "@/lib/text/user-text";

/** Queues a new verification run; the reason is bounded here, on the server, whatever the form allowed. */
export async function reverifyEntry(input: { entryId: string; adminId: string; reason: unknown }): Promise<{ runId: string }> {
  const reason = checkUserText("reason", input.reason, { max: REASON_MAX_LENGTH });
  return requestRun({ entryId: input.entryId, requestedBy: input.adminId, reason });
}
