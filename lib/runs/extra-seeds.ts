/**
 * Seed variance: extra verification runs of an entry with other seeds (the spec's seed + 1 and + 2,
 * so three seeds in all), queued at low priority behind participants' runs, counted against nobody's
 * quota (they are requested by the system or an admin). The boards keep ranking the entry's run with
 * its own seed; extra seeds feed mean ± spread. Queued for a board's top entries when their result
 * is verified, and for any entry an admin picks.
 */
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { entries, runs } from "@/db/schema";
import { recordAdminAction } from "@/lib/admin/audit";
import { ACTION_RULES, decide } from "@/lib/auth/policy";
import { getBoard } from "@/lib/boards/query";
import type { Budget } from "@/lib/boards/format";
import { developmentRunSql } from "./development-run";
import { RunRequestError } from "./errors";
import { isUuid } from "./run-options";
import { readRunSettings } from "./settings";
import { withTransaction, type Tx } from "./transaction";
import { actor, createQueuedRun } from "./transitions";
import { requireUserRole } from "./users";

export const EXTRA_SEED_REASON = "extra seed";
/** Below participants' runs (0): lib/queue/order.ts takes higher priorities first. */
export const EXTRA_SEED_PRIORITY = -10;
/** Added to the spec's seed: with the ranked run's own seed, three seeds in all. */
export const EXTRA_SEED_OFFSETS = [1, 2] as const;
/** A verified result this high on any board gets its extra seeds automatically. */
export const EXTRA_SEED_TOP_RANKS = 3;
/** Seeds are 0 … 2^31 − 1 (the spec's range); an offset past the top wraps around to 0. */
const SEED_RANGE = 2 ** 31;

export function extraSeeds(specSeed: number): number[] {
  return EXTRA_SEED_OFFSETS.map((offset) => (specSeed + offset) % SEED_RANGE);
}

/** The extra seed runs that still count: one queued, running or verified for a seed is never queued again. */
const LIVE_OR_VERIFIED = ["queued", "running", "verified"] as const;

export type ExtraSeedsQueued = { seeds: number[]; runIds: string[]; skipped: number[] };

/**
 * In `tx`: queues the entry's missing extra seeds, with the budgets of its ranked run (its latest
 * verified full-data run with its own seed). Refuses hidden, withdrawn and never-verified entries.
 */
export async function queueExtraSeeds(tx: Tx, entryId: string, requestedBy: string | null): Promise<ExtraSeedsQueued> {
  // Two triggers for one entry at once (a worker and an admin) must not both queue the same seed.
  await tx.client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`catwalk:extra-seeds:${entryId}`]);
  const [entry] = isUuid(entryId)
    ? await tx.db.select({ spec: entries.spec, hidden: entries.hidden, withdrawnAt: entries.withdrawnAt }).from(entries).where(eq(entries.id, entryId))
    : [];
  if (!entry) throw new RunRequestError("entry_not_found", `entryId: there is no entry ${entryId}`, "entryId");
  if (entry.hidden || entry.withdrawnAt) throw new RunRequestError("not_eligible", "entryId: a hidden or withdrawn entry gets no extra seeds", "entryId");
  const [ranked] = await tx.db
    .select({ budgets: runs.budgets })
    .from(runs)
    .where(and(eq(runs.entryId, entryId), eq(runs.state, "verified"), isNull(runs.seedOverride), sql`not (${sql.raw(developmentRunSql("runs"))})`))
    .orderBy(desc(runs.finishedAt), desc(runs.queuedAt))
    .limit(1);
  if (!ranked) throw new RunRequestError("not_eligible", "entryId: the entry has no verified full-data result yet; its extra seeds would have nothing to compare with", "entryId");
  const seeds = extraSeeds(entry.spec.seed);
  const existing = await tx.db
    .select({ seed: runs.seedOverride })
    .from(runs)
    .where(and(eq(runs.entryId, entryId), eq(runs.reason, EXTRA_SEED_REASON), inArray(runs.seedOverride, seeds), inArray(runs.state, [...LIVE_OR_VERIFIED])));
  const skipped = seeds.filter((seed) => existing.some((row) => row.seed === seed));
  const runIds: string[] = [];
  for (const seed of seeds.filter((seed) => !skipped.includes(seed))) {
    runIds.push(
      await createQueuedRun(
        tx,
        {
          entryId,
          budgets: ranked.budgets,
          requestedBy,
          trainLimit: null,
          maxAttempts: readRunSettings().maxAttempts,
          priority: EXTRA_SEED_PRIORITY,
          seedOverride: seed,
          reason: EXTRA_SEED_REASON,
        },
        requestedBy ? actor.user(requestedBy) : "system",
      ),
    );
  }
  return { seeds, runIds, skipped };
}

/** An admin's "Verify extra seeds": the same rules, recorded in the audit log when it queued something. */
export async function requestExtraSeeds(input: { entryId: string; adminId: string }): Promise<ExtraSeedsQueued> {
  return withTransaction(async (tx) => {
    const role = await requireUserRole(tx, input.adminId, "adminId");
    if (!decide(ACTION_RULES["entries/[id]/seed-actions.ts#verifyExtraSeedsAction"], { id: input.adminId, role }).allowed) {
      throw new RunRequestError("forbidden", "Only an admin can ask for extra seeds.");
    }
    const queued = await queueExtraSeeds(tx, input.entryId, input.adminId);
    if (queued.runIds.length > 0) {
      await recordAdminAction(tx, { actorId: input.adminId, action: "verify_extra_seeds", targetType: "entry", targetId: input.entryId, details: { ...queued } });
    }
    return queued;
  });
}

/**
 * After a run is verified: when it is an entry's own-seed, full-data result among the first
 * EXTRA_SEED_TOP_RANKS verified rows of any of its boards, queues the entry's missing extra seeds.
 * Idempotent (queueExtraSeeds never repeats a seed); null when nothing was due.
 */
export async function queueExtraSeedsIfTopRanked(runId: string): Promise<ExtraSeedsQueued | null> {
  if (!isUuid(runId)) return null;
  const [run] = await withTransaction((tx) =>
    tx.db
      .select({ entryId: runs.entryId, budgets: runs.budgets, state: runs.state, seedOverride: runs.seedOverride, trainLimit: runs.trainLimit, hidden: entries.hidden, withdrawnAt: entries.withdrawnAt })
      .from(runs)
      .innerJoin(entries, eq(entries.id, runs.entryId))
      .where(eq(runs.id, runId)),
  );
  if (!run || run.state !== "verified" || run.seedOverride !== null || run.trainLimit !== null || run.hidden || run.withdrawnAt) return null;
  for (const budget of run.budgets) {
    const board = await getBoard(budget as Budget);
    const top = board.rows.slice(0, EXTRA_SEED_TOP_RANKS);
    if (top.some((row) => row.entryId === run.entryId)) return withTransaction((tx) => queueExtraSeeds(tx, run.entryId, null));
  }
  return null;
}
