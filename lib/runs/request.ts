import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { entries, runEvents, runs, type RunState } from "@/db/schema";
import { recordAdminAction } from "@/lib/admin/audit";
import { ACTION_RULES, decide } from "@/lib/auth/policy";
import { RunRequestError } from "./errors";
import { checkBudgets, isUuid } from "./run-options";
import { readRunSettings } from "./settings";
import { enforceQuotas, lockOwnerSubmissions } from "./new-entry";
import { withTransaction, type Tx } from "./transaction";
import { ACTIVE_RUN_STATES } from "./states";
import { actor, cancelRunState, createQueuedRun } from "./transitions";
import { requireUserRole } from "./users";

export interface RequestRunInput {
  entryId: string;
  requestedBy: string;
  reason: string;
  budgets?: number[];
}

/**
 * An admin's re-verification: a new run beside the entry's earlier ones, recorded in the audit
 * log. It trains on the full data, unless the entry's first run was a development run with data
 * limits; then it keeps them.
 */
export async function requestRun(input: RequestRunInput): Promise<{ runId: string }> {
  const reason = input.reason.trim();
  if (!reason) throw new RunRequestError("reason_required", "reason: say why the entry is verified again", "reason");
  return withTransaction(async (tx) => {
    // The role as it is now, not as the caller's session remembers it; the rule is the policy's.
    const role = await requireUserRole(tx, input.requestedBy, "requestedBy");
    if (!decide(ACTION_RULES["entries/[id]/actions.ts#reverifyAction"], { id: input.requestedBy, role }).allowed) throw new RunRequestError("forbidden", "Only an admin can verify an entry again.");
    const entry = isUuid(input.entryId) ? await findEntry(tx, input.entryId) : null;
    if (!entry) throw new RunRequestError("entry_not_found", `entryId: there is no entry ${input.entryId}`, "entryId");
    if (entry.withdrawn) throw new RunRequestError("withdrawn", "This entry was withdrawn by its owner: it is off the boards and is not verified again.");
    await refuseIfRunActive(tx, input.entryId);
    const first = await findFirstRun(tx, input.entryId);
    const budgets = checkBudgets(input.budgets ?? first?.budgets ?? entry.specBudgets);
    const runId = await createQueuedRun(
      tx,
      {
        entryId: input.entryId,
        budgets,
        requestedBy: input.requestedBy,
        trainLimit: first?.trainLimit ?? null,
        maxAttempts: readRunSettings().maxAttempts,
        reason,
      },
      actor.user(input.requestedBy),
    );
    await recordAdminAction(tx, { actorId: input.requestedBy, action: "reverify", targetType: "entry", targetId: input.entryId, reason, details: { runId, budgets } });
    return { runId };
  });
}

export interface CancelRunInput {
  runId: string;
  actorId: string;
  reason: string;
}

/**
 * The entry's owner or an admin cancels a queued or running run; an admin cancelling someone
 * else's run is recorded in the audit log. The database says cancelled at once; a running run's
 * worker hears it (NOTIFY, or its next heartbeat) and kills the engine.
 */
export async function cancelRun(input: CancelRunInput): Promise<{ runId: string; previousState: RunState }> {
  return withTransaction(async (tx) => {
    const run = isUuid(input.runId) ? await findRunOwner(tx, input.runId) : null;
    if (!run) throw new RunRequestError("run_not_found", `runId: there is no run ${input.runId}`, "runId");
    const role = await requireUserRole(tx, input.actorId, "actorId");
    if (!decide(ACTION_RULES["entries/[id]/actions.ts#cancelRunAction"], { id: input.actorId, role }, { ownerId: run.ownerId }).allowed) {
      throw new RunRequestError("forbidden", "Only the entry's owner or an admin can cancel its run.");
    }
    const reason = input.reason.trim() || "cancelled";
    const previousState = await cancelRunState(tx, input.runId, actor.user(input.actorId), reason);
    if (!previousState) throw new RunRequestError("not_cancellable", `The run has already finished (${run.state}); only a queued or running run can be cancelled.`);
    if (run.ownerId !== input.actorId) {
      await recordAdminAction(tx, { actorId: input.actorId, action: "cancel_run", targetType: "run", targetId: input.runId, reason, details: { previousState } });
    }
    return { runId: input.runId, previousState };
  });
}

/** Runs an owner may queue again: ended by a cancel or a failure, not by the spec's own divergence. */
export const REQUEUEABLE_STATES = ["cancelled", "failed", "timed_out"] as const satisfies readonly RunState[];
export const REQUEUE_REASON = "re-queued by owner";

/**
 * The owner queues a cancelled, failed or timed-out run of their entry again: a new run with the
 * same budgets and data limit, subject to the quotas like a submission (serialised with the
 * owner's submissions, so a double click queues once). Refused while another run of the entry is
 * queued or running, and on a withdrawn entry.
 */
export async function requeueRun(input: { runId: string; ownerId: string }): Promise<{ runId: string }> {
  return withTransaction(async (tx) => {
    await lockOwnerSubmissions(tx, input.ownerId);
    const role = await requireUserRole(tx, input.ownerId, "ownerId");
    const run = isUuid(input.runId) ? await findRunToRequeue(tx, input.runId) : null;
    if (!run || !decide(ACTION_RULES["entries/[id]/actions.ts#requeueRunAction"], { id: input.ownerId, role }, { ownerId: run.ownerId }).allowed) {
      throw new RunRequestError("run_not_found", `runId: there is no run ${input.runId} of yours to re-queue`, "runId");
    }
    if (run.withdrawn) throw new RunRequestError("withdrawn", "This entry was withdrawn: its runs can no longer be queued.");
    if (!(REQUEUEABLE_STATES as readonly RunState[]).includes(run.state) || run.seedOverride !== null) {
      throw new RunRequestError("not_requeueable", `runId: only a cancelled, failed or timed-out run can be re-queued; this one is ${run.state.replace("_", " ")}`, "runId");
    }
    await refuseIfRunActive(tx, run.entryId);
    const settings = readRunSettings();
    if (role !== "admin") await enforceQuotas(tx, input.ownerId, settings);
    const runId = await createQueuedRun(
      tx,
      { entryId: run.entryId, budgets: run.budgets, requestedBy: input.ownerId, trainLimit: run.trainLimit, maxAttempts: settings.maxAttempts, reason: REQUEUE_REASON },
      actor.user(input.ownerId),
    );
    return { runId };
  });
}

async function findRunToRequeue(tx: Tx, runId: string) {
  const [run] = await tx.db
    .select({
      entryId: runs.entryId,
      ownerId: entries.ownerId,
      withdrawn: sql<boolean>`${entries.withdrawnAt} is not null`,
      state: runs.state,
      budgets: runs.budgets,
      trainLimit: runs.trainLimit,
      seedOverride: runs.seedOverride,
    })
    .from(runs)
    .innerJoin(entries, eq(entries.id, runs.entryId))
    .where(eq(runs.id, runId));
  return run ?? null;
}

/**
 * One verification at a time per entry: refused while a run of it (extra seeds aside) is queued or
 * running. The entry's row is locked first, so two clicks at once cannot both pass.
 */
async function refuseIfRunActive(tx: Tx, entryId: string): Promise<void> {
  await tx.db.select({ id: entries.id }).from(entries).where(eq(entries.id, entryId)).for("update");
  const [active] = await tx.db
    .select({ id: runs.id, state: runs.state })
    .from(runs)
    .where(and(eq(runs.entryId, entryId), inArray(runs.state, [...ACTIVE_RUN_STATES]), isNull(runs.seedOverride)))
    .orderBy(desc(runs.queuedAt))
    .limit(1);
  if (active) throw new RunRequestError("already_active", `A run of this entry is already ${active.state}: it was not queued twice.`, undefined, active.id);
}

async function findEntry(tx: Tx, entryId: string): Promise<{ specBudgets: number[]; withdrawn: boolean } | null> {
  const [entry] = await tx.db.select({ spec: entries.spec, withdrawnAt: entries.withdrawnAt }).from(entries).where(eq(entries.id, entryId));
  if (!entry) return null;
  // The stored spec is not checked on the way out: one without budgets asks for all three.
  return { specBudgets: entry.spec.budgets ?? [5, 20, 50], withdrawn: entry.withdrawnAt !== null };
}

/** The entry's first run by creation (queued_at moves when a run is requeued; its creation event does not). */
async function findFirstRun(tx: Tx, entryId: string) {
  const [run] = await tx.db
    .select({ budgets: runs.budgets, trainLimit: runs.trainLimit })
    .from(runs)
    .innerJoin(runEvents, and(eq(runEvents.runId, runs.id), isNull(runEvents.fromState)))
    .where(eq(runs.entryId, entryId))
    .orderBy(asc(runEvents.id))
    .limit(1);
  return run ?? null;
}

async function findRunOwner(tx: Tx, runId: string): Promise<{ ownerId: string; state: RunState } | null> {
  const [run] = await tx.db
    .select({ ownerId: entries.ownerId, state: runs.state })
    .from(runs)
    .innerJoin(entries, eq(entries.id, runs.entryId))
    .where(eq(runs.id, runId));
  return run ?? null;
}
