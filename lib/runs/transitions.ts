/**
 * Every change of a run's state, each in the caller's transaction with its run_events row and
 * its NOTIFY. UPDATEs are guarded by the state they leave (and, for a worker, by its claim), so a
 * stale worker or a late click cannot overwrite a newer truth: a refused move returns null/false.
 */
import { and, eq, lt, sql, type SQL } from "drizzle-orm";
import { budgetResults, epochMetrics, runEvents, runs, type RunState } from "@/db/schema";
import { attemptLabel } from "./attempts";
import { notifyRunChange } from "./notify";
import type { Tx } from "./transaction";

export const LEGAL_TRANSITIONS: Readonly<Record<RunState, readonly RunState[]>> = {
  queued: ["running", "cancelled"],
  running: ["verified", "failed", "diverged", "cancelled", "timed_out", "queued"],
  verified: [],
  failed: [],
  diverged: [],
  cancelled: [],
  timed_out: [],
};

export type OutcomeState = "verified" | "failed" | "diverged" | "timed_out";

export class IllegalTransitionError extends Error {
  constructor(from: RunState, to: RunState) {
    super(`a run cannot go from ${from} to ${to}`);
    this.name = "IllegalTransitionError";
  }
}

export function assertLegalTransition(from: RunState, to: RunState): void {
  if (!LEGAL_TRANSITIONS[from].includes(to)) throw new IllegalTransitionError(from, to);
}

/** One execution of a run by one worker; a worker whose claim is stale fails every guard. */
export interface RunClaim {
  runId: string;
  workerId: string;
  attempt: number;
}

/** True while the claim is current: the run is still running, by this worker, in this attempt. */
export function heldBy(claim: RunClaim): SQL {
  return and(eq(runs.id, claim.runId), eq(runs.state, "running"), eq(runs.workerId, claim.workerId), eq(runs.attempt, claim.attempt)) as SQL;
}

/** Who caused a transition, as stored in run_events.actor. */
export const actor = {
  user: (userId: string) => `user:${userId}`,
  worker: (workerId: string) => `worker:${workerId}`,
};

type RunValues = Partial<typeof runs.$inferInsert>;
type Assignments = { [K in keyof RunValues]: RunValues[K] | SQL };

interface Move {
  runId: string;
  from: RunState;
  to: RunState;
  actor: string;
  reason: string;
  set?: Assignments;
  claim?: RunClaim;
}

/** The one guarded UPDATE every transition goes through; returns the run's attempt, or null if refused. */
async function moveRun(tx: Tx, move: Move): Promise<{ attempt: number } | null> {
  assertLegalTransition(move.from, move.to);
  const guards = [eq(runs.id, move.runId), eq(runs.state, move.from)];
  if (move.claim) guards.push(heldBy(move.claim));
  const [moved] = await tx.db
    .update(runs)
    .set({ ...move.set, state: move.to } as RunValues)
    .where(and(...guards))
    .returning({ attempt: runs.attempt });
  if (!moved) return null;
  await tx.db.insert(runEvents).values({ runId: move.runId, fromState: move.from, toState: move.to, actor: move.actor, reason: move.reason });
  await notifyRunChange(tx, { runId: move.runId, state: move.to, kind: "transition" });
  return moved;
}

export type NewRun = Pick<typeof runs.$inferInsert, "entryId" | "budgets" | "requestedBy" | "trainLimit" | "maxAttempts" | "priority" | "seedOverride"> & {
  reason: string;
};

/** Creates a queued run with its first event: the start of every run's life (the row is the queue, lib/queue). */
export async function createQueuedRun(tx: Tx, values: NewRun, by: string): Promise<string> {
  const [run] = await tx.db
    .insert(runs)
    .values({ ...values, state: "queued" })
    .returning({ id: runs.id });
  if (!run) throw new Error("inserting the run returned no row");
  await tx.db.insert(runEvents).values({ runId: run.id, fromState: null, toState: "queued", actor: by, reason: values.reason });
  await notifyRunChange(tx, { runId: run.id, state: "queued", kind: "transition" });
  return run.id;
}

/** queued → running for `workerId`, holding a lease of `leaseSeconds`. */
export async function claimRun(tx: Tx, runId: string, workerId: string, leaseSeconds: number): Promise<RunClaim | null> {
  const moved = await moveRun(tx, {
    runId,
    from: "queued",
    to: "running",
    actor: actor.worker(workerId),
    reason: "claimed",
    set: {
      workerId,
      leaseExpiresAt: leaseFromNow(leaseSeconds),
      heartbeatAt: sql`now()`,
      startedAt: sql`now()`,
      finishedAt: null,
    },
  });
  return moved ? { runId, workerId, attempt: moved.attempt } : null;
}

export function leaseFromNow(leaseSeconds: number): SQL {
  return sql`now() + make_interval(secs => ${leaseSeconds})`;
}

export interface Outcome {
  state: OutcomeState;
  reason: string;
  errorKind?: string | null;
  error?: string | null;
  /** The engine's last log lines, kept when the run failed (owner and admins only). */
  logTail?: string | null;
  wallSeconds?: number | null;
}

/** running → an outcome, by the worker holding the claim. */
export async function finishRun(tx: Tx, claim: RunClaim, outcome: Outcome): Promise<boolean> {
  const moved = await moveRun(tx, {
    runId: claim.runId,
    from: "running",
    to: outcome.state,
    actor: actor.worker(claim.workerId),
    reason: outcome.reason,
    claim,
    set: {
      finishedAt: sql`now()`,
      leaseExpiresAt: null,
      wallSeconds: outcome.wallSeconds ?? null,
      errorKind: outcome.errorKind ?? null,
      error: outcome.error ?? null,
      logTail: outcome.logTail ?? null,
    },
  });
  return moved !== null;
}

/** Everything an earlier attempt left behind, so the next one starts from scratch. */
const FRESH_START: Assignments = {
  workerId: null,
  leaseExpiresAt: null,
  heartbeatAt: null,
  startedAt: null,
  progress: null,
  errorKind: null,
  error: null,
  queuedAt: sql`now()`,
};

async function clearRunRecords(tx: Tx, runId: string): Promise<void> {
  await tx.db.delete(epochMetrics).where(eq(epochMetrics.runId, runId));
  await tx.db.delete(budgetResults).where(eq(budgetResults.runId, runId));
}

/** running → queued by its own worker (a graceful stop): same attempt number, back in the queue. */
export async function releaseRun(tx: Tx, claim: RunClaim, reason: string): Promise<boolean> {
  const moved = await moveRun(tx, { runId: claim.runId, from: "running", to: "queued", actor: actor.worker(claim.workerId), reason, claim, set: FRESH_START });
  if (!moved) return false;
  await clearRunRecords(tx, claim.runId);
  return true;
}

export type TakeoverResult = { runId: string; outcome: "requeued" | "failed"; attempt: number };

/** Why one attempt ended in a platform failure (lib/runs/attempts.ts). */
export interface PlatformFailure {
  errorKind: string;
  /** This attempt's reason, without the attempt number. */
  error: string;
  logTail?: string | null;
}

/**
 * A running run whose lease has expired (its worker died or lost the database): back to the
 * queue as the next attempt, from scratch, or failed once `maxAttempts` executions have been lost.
 * Skips a run another worker is taking over right now.
 */
export async function takeOverExpiredRun(tx: Tx, runId: string, by: string): Promise<TakeoverResult | null> {
  const [run] = await tx.db
    .select({ attempt: runs.attempt, workerId: runs.workerId })
    .from(runs)
    .where(and(eq(runs.id, runId), eq(runs.state, "running"), lt(runs.leaseExpiresAt, sql`now()`)))
    .for("update", { skipLocked: true });
  if (!run) return null;
  const claim = { runId, workerId: run.workerId ?? "", attempt: run.attempt };
  return retryOrFailRun(tx, claim, by, { errorKind: "attempts_exhausted", error: `worker ${run.workerId ?? "?"} stopped renewing its lease` });
}

/**
 * Ends the claimed attempt with a platform failure: the run goes back to the queue as the next
 * attempt, from scratch, or, once `maxAttempts` executions have failed, ends as failed with every
 * attempt's reason. Null when the claim is no longer current.
 */
export async function retryOrFailRun(tx: Tx, claim: RunClaim, by: string, failure: PlatformFailure): Promise<TakeoverResult | null> {
  const [run] = await tx.db.select({ maxAttempts: runs.maxAttempts }).from(runs).where(heldBy(claim));
  if (!run) return null;
  const { runId, attempt } = claim;
  const reason = `${attemptLabel(attempt, run.maxAttempts)}: ${failure.error}`;
  if (attempt + 1 >= run.maxAttempts) {
    const earlier = await failedAttemptReasons(tx, runId);
    const error = earlier.length === 0 ? failure.error : `failed in all ${run.maxAttempts} attempts (${[...earlier, reason].join("; ")})`;
    const moved = await moveRun(tx, {
      runId,
      from: "running",
      to: "failed",
      actor: by,
      reason,
      claim,
      set: { finishedAt: sql`now()`, leaseExpiresAt: null, errorKind: failure.errorKind, error, logTail: failure.logTail ?? null },
    });
    return moved ? { runId, outcome: "failed", attempt } : null;
  }
  const set = { ...FRESH_START, attempt: attempt + 1, logTail: failure.logTail ?? null };
  const moved = await moveRun(tx, { runId, from: "running", to: "queued", actor: by, reason, claim, set });
  if (!moved) return null;
  await clearRunRecords(tx, runId);
  return { runId, outcome: "requeued", attempt: attempt + 1 };
}

async function failedAttemptReasons(tx: Tx, runId: string): Promise<string[]> {
  const rows = await tx.db
    .select({ reason: runEvents.reason })
    .from(runEvents)
    .where(and(eq(runEvents.runId, runId), eq(runEvents.fromState, "running"), eq(runEvents.toState, "queued"), sql`${runEvents.reason} like 'attempt %'`))
    .orderBy(runEvents.id);
  return rows.map((row) => row.reason ?? "");
}

/** queued or running → cancelled; returns the state it left, or null when it was already finished. */
export async function cancelRunState(tx: Tx, runId: string, by: string, reason: string): Promise<RunState | null> {
  const [run] = await tx.db.select({ state: runs.state }).from(runs).where(eq(runs.id, runId)).for("update");
  if (!run || !(run.state === "queued" || run.state === "running")) return null;
  const moved = await moveRun(tx, {
    runId,
    from: run.state,
    to: "cancelled",
    actor: by,
    reason,
    set: { finishedAt: sql`now()`, leaseExpiresAt: null },
  });
  return moved ? run.state : null;
}
