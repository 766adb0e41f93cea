// Server-only: reads runs and what they recorded.
import { asc, desc, eq, inArray, type SQL } from "drizzle-orm";
import { budgetResults, entries, epochMetrics, runEvents, runs, users } from "@/db/schema";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/runs/run-options";
import { sharesBudgets, type Schedule } from "@/lib/spec";
import { isRunProgress } from "@/lib/runs/progress";
import type { BudgetResult, EpochPoint, Misclassified, RunEvent, RunSnapshot } from "./types";

const iso = (value: Date | null): string | null => value?.toISOString() ?? null;

function sharedFor(stored: boolean | null, spec: unknown): boolean {
  if (stored !== null) return stored;
  const schedule = (spec as { schedule?: Schedule } | null)?.schedule;
  return schedule ? sharesBudgets(schedule) : true;
}

/** Runs matching `where`, newest first, each with its epochs, results and events: four queries in all. */
async function loadRunSnapshots(where: SQL): Promise<RunSnapshot[]> {
  const db = getDb();
  const rows = await db
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
    })
    .from(runs)
    .innerJoin(entries, eq(entries.id, runs.entryId))
    .leftJoin(users, eq(users.id, runs.requestedBy))
    .where(where)
    .orderBy(desc(runs.queuedAt), desc(runs.id));
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);

  const [epochRows, resultRows, eventRows] = await Promise.all([
    db
      .select({
        runId: epochMetrics.runId,
        runEpochs: epochMetrics.runEpochs,
        epoch: epochMetrics.epoch,
        trainLoss: epochMetrics.trainLoss,
        trainAccuracy: epochMetrics.trainAccuracy,
        lr: epochMetrics.lr,
        seconds: epochMetrics.seconds,
      })
      .from(epochMetrics)
      .where(inArray(epochMetrics.runId, ids))
      .orderBy(asc(epochMetrics.runEpochs), asc(epochMetrics.epoch)),
    db
      .select({
        runId: budgetResults.runId,
        budget: budgetResults.budget,
        testAccuracy: budgetResults.testAccuracy,
        testLoss: budgetResults.testLoss,
        perClassAccuracy: budgetResults.perClassAccuracy,
        confusionMatrix: budgetResults.confusionMatrix,
        seconds: budgetResults.seconds,
        misclassified: budgetResults.misclassified,
      })
      .from(budgetResults)
      .where(inArray(budgetResults.runId, ids))
      .orderBy(asc(budgetResults.budget)),
    db
      .select({
        runId: runEvents.runId,
        fromState: runEvents.fromState,
        toState: runEvents.toState,
        actor: runEvents.actor,
        reason: runEvents.reason,
        at: runEvents.at,
      })
      .from(runEvents)
      .where(inArray(runEvents.runId, ids))
      .orderBy(asc(runEvents.id)),
  ]);

  const byRun = <T extends { runId: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of list) map.set(item.runId, [...(map.get(item.runId) ?? []), item]);
    return map;
  };
  const epochsByRun = byRun(epochRows);
  const resultsByRun = byRun(resultRows);
  const eventsByRun = byRun(eventRows);

  return rows.map((row) => {
    const sharedBudgets = sharedFor(row.sharedBudgets, row.spec);
    const epochs: EpochPoint[] = (epochsByRun.get(row.id) ?? []).map((point) => ({
      runEpochs: point.runEpochs,
      epoch: point.epoch,
      trainLoss: point.trainLoss,
      trainAccuracy: point.trainAccuracy,
      lr: point.lr,
      seconds: point.seconds,
    }));
    const results: BudgetResult[] = (resultsByRun.get(row.id) ?? []).map((result) => ({
      budget: result.budget,
      testAccuracy: result.testAccuracy,
      testLoss: result.testLoss,
      perClassAccuracy: result.perClassAccuracy as number[],
      confusionMatrix: result.confusionMatrix as number[][],
      seconds: result.seconds,
      misclassified: (result.misclassified as Misclassified[] | null) ?? [],
    }));
    const events: RunEvent[] = (eventsByRun.get(row.id) ?? []).map((event) => ({
      fromState: event.fromState,
      toState: event.toState,
      actor: event.actor,
      reason: event.reason,
      at: event.at.toISOString(),
    }));
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
      progress: isRunProgress(row.progress) ? row.progress : null,
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
