// Reads runs and what they recorded.
import "server-only";
import { desc, eq, sql, type SQL } from "drizzle-orm";
import { budgetResults, entries, epochMetrics, runEvents, runs, users } from "@/db/schema";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/runs/run-options";
import { sharesBudgets, type Schedule } from "@/lib/spec";
import type { BudgetResult, EpochPoint, RunEvent, RunSnapshot } from "./types";

const iso = (value: Date | null): string | null => value?.toISOString() ?? null;

/** What the worker recorded; before a run starts, what its spec's schedule implies. */
function sharedFor(stored: boolean | null, schedule: Schedule | undefined): boolean {
  if (stored !== null) return stored;
  // The stored spec is not checked on the way out: one without a schedule counts as sharing.
  return schedule ? sharesBudgets(schedule) : true;
}

/** JSON has no Infinity or NaN: PostgreSQL writes such a float as a string, which Number() reads back. */
type JsonFloat = number | string;
type EpochRow = { [K in keyof EpochPoint]: EpochPoint[K] extends number ? JsonFloat : EpochPoint[K] };
type ResultRow = Pick<typeof budgetResults.$inferSelect, "budget" | "perClassAccuracy" | "confusionMatrix" | "seconds" | "misclassified"> & {
  testAccuracy: JsonFloat;
  testLoss: JsonFloat;
};
type EventRow = Omit<RunEvent, "at"> & { at: string };

/**
 * Runs matching `where`, newest first, each with its epochs, results and events, in one query
 * (a live run's every change costs one read, however many streams watch it).
 */
async function loadRunSnapshots(where: SQL): Promise<RunSnapshot[]> {
  const rows = await getDb()
    .select({
      id: runs.id,
      entryId: runs.entryId,
      state: runs.state,
      budgets: runs.budgets,
      reason: runs.reason,
      seedOverride: runs.seedOverride,
      requesterId: users.id,
      requesterName: users.name,
      trainLimit: runs.trainLimit,
      attempt: runs.attempt,
      maxAttempts: runs.maxAttempts,
      workerId: runs.workerId,
      queuedAt: runs.queuedAt,
      startedAt: runs.startedAt,
      finishedAt: runs.finishedAt,
      wallSeconds: runs.wallSeconds,
      sharedBudgets: runs.sharedBudgets,
      progress: runs.progress,
      specHash: runs.specHash,
      seed: runs.seed,
      engineVersion: runs.engineVersion,
      torchVersion: runs.torchVersion,
      device: runs.device,
      threads: runs.threads,
      hardware: runs.hardware,
      datasetChecksums: runs.datasetChecksums,
      errorKind: runs.errorKind,
      error: runs.error,
      logTail: runs.logTail,
      spec: entries.spec,
      epochs: sql<EpochRow[]>`coalesce((
        select json_agg(json_build_object('runEpochs', m.run_epochs, 'epoch', m.epoch, 'trainLoss', m.train_loss,
          'trainAccuracy', m.train_accuracy, 'lr', m.lr, 'seconds', m.seconds) order by m.run_epochs, m.epoch)
        from ${epochMetrics} m where m.run_id = ${runs.id}), '[]'::json)`,
      results: sql<ResultRow[]>`coalesce((
        select json_agg(json_build_object('budget', b.budget, 'testAccuracy', b.test_accuracy, 'testLoss', b.test_loss,
          'perClassAccuracy', b.per_class_accuracy, 'confusionMatrix', b.confusion_matrix, 'seconds', b.seconds,
          'misclassified', b.misclassified) order by b.budget)
        from ${budgetResults} b where b.run_id = ${runs.id}), '[]'::json)`,
      events: sql<EventRow[]>`coalesce((
        select json_agg(json_build_object('fromState', v.from_state, 'toState', v.to_state, 'actor', v.actor,
          'reason', v.reason, 'at', v.at) order by v.id)
        from ${runEvents} v where v.run_id = ${runs.id}), '[]'::json)`,
    })
    .from(runs)
    .innerJoin(entries, eq(entries.id, runs.entryId))
    .leftJoin(users, eq(users.id, runs.requestedBy))
    .where(where)
    .orderBy(desc(runs.queuedAt), desc(runs.id));

  return rows.map((row) => {
    const sharedBudgets = sharedFor(row.sharedBudgets, row.spec.schedule);
    const epochs: EpochPoint[] = row.epochs.map((point) => ({
      runEpochs: Number(point.runEpochs),
      epoch: Number(point.epoch),
      trainLoss: Number(point.trainLoss),
      trainAccuracy: Number(point.trainAccuracy),
      lr: Number(point.lr),
      seconds: Number(point.seconds),
    }));
    const results: BudgetResult[] = row.results.map((result) => ({
      ...result,
      testAccuracy: Number(result.testAccuracy),
      testLoss: Number(result.testLoss),
      misclassified: result.misclassified ?? [],
    }));
    const events: RunEvent[] = row.events.map((event) => ({ ...event, at: new Date(event.at).toISOString() }));
    return {
      id: row.id,
      entryId: row.entryId,
      state: row.state,
      budgets: row.budgets,
      reason: row.reason,
      requestedBy: row.requesterId && row.requesterName ? { id: row.requesterId, name: row.requesterName } : null,
      seedOverride: row.seedOverride,
      trainLimit: row.trainLimit,
      attempt: row.attempt,
      maxAttempts: row.maxAttempts,
      workerId: row.workerId,
      queuedAt: row.queuedAt.toISOString(),
      startedAt: iso(row.startedAt),
      finishedAt: iso(row.finishedAt),
      wallSeconds: row.wallSeconds,
      totalEpochs: sharedBudgets ? Math.max(...row.budgets) : row.budgets.reduce((sum, budget) => sum + budget, 0),
      sharedBudgets,
      progress: row.progress,
      epochs,
      results,
      events,
      reproducibility: {
        specHash: row.specHash,
        seed: row.seed,
        engineVersion: row.engineVersion,
        torchVersion: row.torchVersion,
        device: row.device,
        threads: row.threads,
        hardware: row.hardware,
        datasetChecksums: row.datasetChecksums,
      },
      errorKind: row.errorKind,
      error: row.error,
      logTail: row.logTail,
    };
  });
}

export async function getEntryRuns(entryId: string): Promise<RunSnapshot[]> {
  if (!isUuid(entryId)) return [];
  return loadRunSnapshots(eq(runs.entryId, entryId));
}

export async function getRunSnapshot(runId: string): Promise<RunSnapshot | null> {
  if (!isUuid(runId)) return null;
  return (await loadRunSnapshots(eq(runs.id, runId)))[0] ?? null;
}
