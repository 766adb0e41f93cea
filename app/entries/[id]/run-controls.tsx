import { getCurrentUser } from "@/lib/auth";
import { ACTION_RULES, decide } from "@/lib/auth/policy";
import { withdrawnAt } from "@/lib/entries/owner";
import type { RunSnapshot } from "@/lib/entries/types";
import { isActiveRunState } from "@/lib/runs/states";
import { REQUEUEABLE_STATES } from "@/lib/runs/request";
import type { RunState } from "@/db/schema";
import { CancelRunButton, RequeueRunButton } from "./entry-controls";

/**
 * A run's buttons: cancel while it is queued or running (its owner or an admin); re-queue for the
 * owner when it is the entry's newest run and was cancelled, failed or timed out.
 */
export async function RunControls({ entryId, ownerId, run, newest }: { entryId: string; ownerId: string; run: RunSnapshot; newest: boolean }) {
  const viewer = await getCurrentUser();
  const owned = { ownerId };
  if (isActiveRunState(run.state)) {
    return decide(ACTION_RULES["entries/[id]/actions.ts#cancelRunAction"], viewer, owned).allowed ? <CancelRunButton entryId={entryId} runId={run.id} /> : null;
  }
  const requeueable = newest && (REQUEUEABLE_STATES as readonly RunState[]).includes(run.state);
  if (!requeueable || !decide(ACTION_RULES["entries/[id]/actions.ts#requeueRunAction"], viewer, owned).allowed || (await withdrawnAt(entryId))) return null;
  return <RequeueRunButton entryId={entryId} runId={run.id} />;
}
