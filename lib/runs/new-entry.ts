/** A new entry: written with its first queued run, unless it repeats a recent one; the quotas it and re-queues answer to. */
import { and, count, desc, eq, gt, inArray, isNull, notInArray, or, sql, type SQL } from "drizzle-orm";
import { entries, runs, type RunState } from "@/db/schema";
import type { EntrySpec } from "@/lib/spec/schema";
import { specHash } from "@/lib/spec/canonical";
import { PLATFORM_ERROR_KINDS } from "./attempts";
import { RunRequestError } from "./errors";
import { checkBudgets, checkLimit, isUuid } from "./run-options";
import { readRunSettings, type RunSettings } from "./settings";
import { withTransaction, type Tx } from "./transaction";
import { factsOfCheckedSpec } from "@/lib/entries/spec-facts";
import { ACTIVE_RUN_STATES } from "./states";
import { actor, createQueuedRun } from "./transitions";
import { requireUserRole } from "./users";

export interface SubmitEntryInput {
  ownerId: string;
  name: string;
  description?: string;
  spec: EntrySpec;
  parentId?: string | null;
  budgets?: number[];
  /** A development run: trains on the first trainLimit images, evaluated on the development slice (never ranked). */
  trainLimit?: number | null;
}

/**
 * The new entry and its run; or, when the same owner submitted the same spec with the same data
 * limit within the window (a double click, two tabs, a resubmission after a cancel), that entry and
 * its latest run: nothing new was created, and the caller says so.
 */
export type SubmitEntryResult =
  | { entryId: string; runId: string; duplicate: false }
  | { entryId: string; runId: string; duplicate: true; entryName: string; runState: RunState; submittedAt: Date };

/**
 * Writes the entry and its first, queued run in one transaction. Submissions by one owner
 * are serialised by an advisory lock, so a double click (or two tabs) finds the first one's
 * entry instead of enqueueing twice. Admins are exempt from the quotas.
 */
export async function submitEntry(input: SubmitEntryInput): Promise<SubmitEntryResult> {
  const settings = readRunSettings();
  const hash = specHash(input.spec);
  const budgets = checkBudgets(input.budgets ?? input.spec.budgets);
  const trainLimit = checkLimit(input.trainLimit, "trainLimit");
  return withTransaction(async (tx) => {
    await lockOwnerSubmissions(tx, input.ownerId);
    const role = await requireUserRole(tx, input.ownerId, "ownerId");
    const duplicate = await findRecentDuplicate(tx, { ownerId: input.ownerId, hash, trainLimit, windowSeconds: settings.duplicateWindowSeconds });
    if (duplicate) return { ...duplicate, duplicate: true };
    if (role !== "admin") await enforceQuotas(tx, input.ownerId, settings);
    if (input.parentId && !(isUuid(input.parentId) && (await entryExists(tx, input.parentId)))) {
      throw new RunRequestError("parent_not_found", `parentId: there is no entry ${input.parentId} to fork from`, "parentId");
    }
    const entryId = await insertEntry(tx, input, hash);
    const runId = await createQueuedRun(
      tx,
      { entryId, budgets, requestedBy: input.ownerId, trainLimit, maxAttempts: settings.maxAttempts, reason: "submission" },
      actor.user(input.ownerId),
    );
    return { entryId, runId, duplicate: false };
  });
}

/** Serialises one owner's submissions and re-queues (lib/runs/request.ts), so quotas and duplicates are checked one at a time. */
export async function lockOwnerSubmissions(tx: Tx, ownerId: string): Promise<void> {
  await tx.client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`catwalk:submit:${ownerId}`]);
}

interface DuplicateQuery {
  ownerId: string;
  hash: string;
  trainLimit: number | null;
  windowSeconds: number;
}

/** The owner's newest entry, not withdrawn, with this spec and data limit within the window, and its latest run. */
async function findRecentDuplicate(tx: Tx, query: DuplicateQuery) {
  const sameLimit = query.trainLimit === null ? isNull(runs.trainLimit) : eq(runs.trainLimit, query.trainLimit);
  const [found] = await tx.db
    .select({ entryId: entries.id, entryName: entries.name, submittedAt: entries.createdAt, runId: runs.id, runState: runs.state })
    .from(entries)
    .innerJoin(runs, eq(runs.entryId, entries.id))
    .where(
      and(
        eq(entries.ownerId, query.ownerId),
        eq(entries.specHash, query.hash),
        isNull(entries.withdrawnAt),
        sameLimit,
        gt(entries.createdAt, sql`now() - make_interval(secs => ${query.windowSeconds})`),
      ),
    )
    .orderBy(desc(entries.createdAt), desc(runs.queuedAt))
    .limit(1);
  return found ?? null;
}

/** Runs that failed for the platform's reasons (lib/runs/attempts.ts) never count against the participant. */
const notPlatformFailure: SQL = or(notInArray(runs.state, ["failed"]), isNull(runs.errorKind), notInArray(runs.errorKind, [...PLATFORM_ERROR_KINDS])) as SQL;

/** The participant's quotas, for a submission or a re-queue; admins are exempt (the caller checks the role). */
export async function enforceQuotas(tx: Tx, userId: string, settings: RunSettings): Promise<void> {
  const active = await countRuns(tx, userId, inArray(runs.state, [...ACTIVE_RUN_STATES]));
  if (active >= settings.maxQueuedPerUser) {
    throw new RunRequestError(
      "too_many_queued",
      `You already have ${active} runs queued or running, the most allowed at once is ${settings.maxQueuedPerUser}: wait for one to finish or cancel one.`,
    );
  }
  const today = await countRuns(tx, userId, and(gt(runs.queuedAt, sql`now() - interval '1 day'`), notPlatformFailure) as SQL);
  if (today >= settings.maxRunsPerDay) {
    throw new RunRequestError("too_many_today", `You have submitted ${today} runs in the last 24 hours, the most allowed per day is ${settings.maxRunsPerDay}: try again later.`);
  }
}

async function countRuns(tx: Tx, userId: string, condition: SQL): Promise<number> {
  const [row] = await tx.db
    .select({ n: count() })
    .from(runs)
    .where(and(eq(runs.requestedBy, userId), condition));
  return row?.n ?? 0;
}

async function entryExists(tx: Tx, entryId: string): Promise<boolean> {
  const found = await tx.db.select({ id: entries.id }).from(entries).where(eq(entries.id, entryId));
  return found.length > 0;
}

async function insertEntry(tx: Tx, input: SubmitEntryInput, hash: string): Promise<string> {
  const [entry] = await tx.db
    .insert(entries)
    .values({
      ownerId: input.ownerId,
      name: input.name,
      description: input.description ?? "",
      spec: input.spec,
      specVersion: input.spec.version,
      specHash: hash,
      ...factsOfCheckedSpec(input.spec),
      parentId: input.parentId ?? null,
    })
    .returning({ id: entries.id });
  if (!entry) throw new Error("inserting the entry returned no row");
  return entry.id;
}
