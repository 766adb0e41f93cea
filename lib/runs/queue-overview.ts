/**
 * What /queue shows: the runs training now across every worker, and the queue with estimated start
 * times. A run the viewer may not see (of a hidden entry, or someone else's development run) keeps
 * its place as an anonymous "private run" line, so the estimates still add up; the worker that runs
 * it is shown only to the entry's owner and admins.
 */
import { asc, eq, inArray } from "drizzle-orm";
import { entries, runs, users } from "@/db/schema";
import { canSeeEntry, canSeeRun, canSeeRunDetails, type Viewer } from "@/lib/auth/policy";
import { getDb } from "@/lib/db";
import { queuedRunIdsInOrder } from "@/lib/queue/order";
import { analyzeSpec } from "@/lib/spec/analyze";
import { TRAIN_IMAGES } from "@/lib/spec/estimate";
import type { EntrySpec } from "@/lib/spec/schema";
import { measuredSpeed } from "./measured-speed";
import { ACTIVE_RUN_STATES } from "./states";
import { runFraction, secondsLeft } from "./run-progress";

/** Starting Python, importing torch and loading the data, before the first step (measured: 3–5 s). */
const STARTUP_SECONDS = 5;

/** The entry a run belongs to, as the viewer may see it; null for a private run. */
export interface QueueEntry {
  id: string;
  name: string;
  ownerName: string;
}

export interface RunningRunOverview {
  runId: string;
  entry: QueueEntry | null;
  /** Only for the entry's owner and admins. */
  workerId: string | null;
  attempt: number;
  maxAttempts: number;
  startedAt: Date | null;
  epochsDone: number | null;
  epochsTotal: number | null;
  /** 0…1 over the whole run, as the entry page counts it. */
  fraction: number;
  etaSeconds: number | null;
  estimatedFinishAt: Date | null;
}

export interface QueuedRunOverview {
  runId: string;
  entry: QueueEntry | null;
  /** 1 is next. */
  position: number;
  queuedAt: Date;
  /** Why it was queued; null for a private run. */
  reason: string | null;
  /** The run's estimated length on the reference machine, from the spec's analysis. */
  estimatedSeconds: number | null;
  estimatedStartAt: Date | null;
}

export interface QueueOverview {
  running: RunningRunOverview[];
  queued: QueuedRunOverview[];
  generatedAt: Date;
}

export async function getQueueOverview(viewer: Viewer, now = new Date()): Promise<QueueOverview> {
  const [rows, order, speed] = await Promise.all([listActiveRuns(), queuedRunIdsInOrder(), measuredSpeed()]);
  // The reference machine's estimates, at the speed this site's workers have shown.
  const factor = speed?.factor ?? 1;
  const running = rows.filter((row) => row.state === "running").map((row) => runningOverview(row, viewer, now, factor));
  const waiting = inQueueOrder(
    rows.filter((row) => row.state === "queued"),
    order,
  );
  const durations = waiting.map((row) => estimateRunSeconds(row.spec, row.budgets, row.trainLimit, factor));
  const starts = estimateStartTimes(
    running.map((run) => run.etaSeconds),
    durations,
  );
  const queued = waiting.map((row, index) => {
    const entry = entryFor(row, viewer);
    return {
      runId: row.runId,
      entry,
      position: index + 1,
      queuedAt: row.queuedAt,
      reason: entry ? row.reason : null,
      estimatedSeconds: durations[index] ?? null,
      estimatedStartAt: starts[index] === null || starts[index] === undefined ? null : new Date(now.getTime() + starts[index] * 1000),
    };
  });
  return { running, queued, generatedAt: now };
}

type ActiveRunRow = Awaited<ReturnType<typeof listActiveRuns>>[number];

/** Runs that are queued or running, running ones by start. */
async function listActiveRuns() {
  return getDb()
    .select({
      runId: runs.id,
      state: runs.state,
      entryId: entries.id,
      entryName: entries.name,
      ownerId: entries.ownerId,
      ownerName: users.name,
      hidden: entries.hidden,
      spec: entries.spec,
      budgets: runs.budgets,
      trainLimit: runs.trainLimit,
      workerId: runs.workerId,
      attempt: runs.attempt,
      maxAttempts: runs.maxAttempts,
      startedAt: runs.startedAt,
      queuedAt: runs.queuedAt,
      reason: runs.reason,
      progress: runs.progress,
    })
    .from(runs)
    .innerJoin(entries, eq(entries.id, runs.entryId))
    .innerJoin(users, eq(users.id, entries.ownerId))
    .where(inArray(runs.state, [...ACTIVE_RUN_STATES]))
    .orderBy(asc(runs.startedAt), asc(runs.queuedAt));
}

/** Queued runs in the order workers take them; one queued after the order was read goes last. */
function inQueueOrder(waiting: ActiveRunRow[], order: string[]): ActiveRunRow[] {
  const position = new Map(order.map((runId, index) => [runId, index]));
  const at = (row: ActiveRunRow) => position.get(row.runId) ?? order.length;
  return [...waiting].sort((a, b) => at(a) - at(b));
}

function entryFor(row: ActiveRunRow, viewer: Viewer): QueueEntry | null {
  const entry = { ownerId: row.ownerId, hidden: row.hidden };
  if (!canSeeEntry(entry, viewer) || !canSeeRun(row, entry, viewer)) return null;
  return { id: row.entryId, name: row.entryName, ownerName: row.ownerName };
}

function runningOverview(row: ActiveRunRow, viewer: Viewer, now: Date, factor: number): RunningRunOverview {
  const { progress } = row;
  let etaSeconds = progress ? secondsLeft(progress, now.getTime()) : null;
  if (etaSeconds === null) {
    const estimate = estimateRunSeconds(row.spec, row.budgets, row.trainLimit, factor);
    const elapsed = row.startedAt ? (now.getTime() - row.startedAt.getTime()) / 1000 : 0;
    etaSeconds = estimate === null ? null : Math.max(0, estimate - elapsed);
  }
  return {
    runId: row.runId,
    entry: entryFor(row, viewer),
    workerId: canSeeRunDetails({ ownerId: row.ownerId }, viewer) ? row.workerId : null,
    attempt: row.attempt,
    maxAttempts: row.maxAttempts,
    startedAt: row.startedAt,
    fraction: runFraction({ state: "running", progress }),
    epochsDone: progress?.epochsDone ?? null,
    epochsTotal: progress?.epochsTotal ?? null,
    etaSeconds,
    estimatedFinishAt: etaSeconds === null ? null : new Date(now.getTime() + etaSeconds * 1000),
  };
}

/**
 * The spec's estimated verification time for these budgets, scaled down for a development run on
 * fewer images and by `factor`, the measured speed of this site's workers against the reference machine.
 */
export function estimateRunSeconds(spec: EntrySpec, budgets: number[], trainLimit: number | null, factor = 1): number | null {
  try {
    const { analysis } = analyzeSpec({ ...spec, budgets: budgets as EntrySpec["budgets"] });
    const share = trainLimit === null ? 1 : Math.min(1, trainLimit / TRAIN_IMAGES);
    return STARTUP_SECONDS + analysis.estimate.totalSeconds * share * factor;
  } catch {
    return null;
  }
}

/**
 * Seconds from now until each queued run starts: every worker slot now busy frees up when its run
 * ends, and each queued run in turn takes the earliest free slot. Unknown lengths make every later
 * start unknown.
 */
export function estimateStartTimes(runningEtas: (number | null)[], queuedDurations: (number | null)[]): (number | null)[] {
  const slots = runningEtas.length > 0 ? [...runningEtas] : [0];
  return queuedDurations.map((duration) => {
    if (slots.some((slot) => slot === null)) return null;
    const free = slots as number[];
    const earliest = free.indexOf(Math.min(...free));
    const start = free[earliest] ?? 0;
    slots[earliest] = duration === null ? null : start + duration;
    return start;
  });
}
