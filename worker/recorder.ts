/**
 * Writes what the engine reports as it comes, in order, each write guarded by the claim (a worker
 * that lost its run writes nothing) and idempotent through the unique indexes (a repeated write
 * after a lost connection records nothing twice). Connection errors are retried until the run is
 * given up; losing the claim or any other error is reported once through the callbacks.
 */
import { eq } from "drizzle-orm";
import { budgetResults, epochMetrics, runs } from "@/db/schema";
import { notifyRunChange } from "@/lib/runs/notify";
import type { RunProgress } from "@/lib/runs/run-progress";
import { withTransaction, type Tx } from "@/lib/runs/transaction";
import { heldBy, type RunClaim } from "@/lib/runs/transitions";
import type { CheckpointLine, EpochLine, StartLine } from "./engine-lines";
import { retryOnConnectionError } from "./retry";

export class ClaimLostError extends Error {
  constructor(claim: RunClaim) {
    super(`run ${claim.runId} is no longer held by ${claim.workerId} (attempt ${claim.attempt + 1})`);
    this.name = "ClaimLostError";
  }
}

export interface RecorderEvents {
  onFailure(error: unknown): void;
}

export class Recorder {
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;
  private lastProgressAt = 0;

  constructor(
    private readonly claim: RunClaim,
    private readonly events: RecorderEvents,
    private readonly progressIntervalMs: number,
  ) {}

  start(line: StartLine, progress: RunProgress): void {
    this.enqueue((tx) => recordStart(tx, this.claim, line, progress));
  }

  epoch(line: EpochLine, progress: RunProgress): void {
    this.enqueue((tx) => recordEpoch(tx, this.claim, line, progress));
  }

  checkpoint(line: CheckpointLine, progress: RunProgress): void {
    this.enqueue((tx) => recordCheckpoint(tx, this.claim, line, progress));
  }

  /** Throttled: at most one progress write per interval (epochs and checkpoints carry it too). */
  progress(progress: RunProgress, now = Date.now()): void {
    if (now - this.lastProgressAt < this.progressIntervalMs) return;
    this.lastProgressAt = now;
    this.enqueue((tx) => recordProgress(tx, this.claim, progress));
  }

  /** Resolves when every write so far has been made (or abandoned). */
  drain(): Promise<void> {
    return this.chain;
  }

  /** Abandons the writes still waiting (the run was lost or given up). */
  stop(): void {
    this.stopped = true;
  }

  private enqueue(write: (tx: Tx) => Promise<void>): void {
    this.chain = this.chain.then(async () => {
      if (this.stopped) return;
      try {
        await retryOnConnectionError(() => withTransaction(write), { giveUp: () => this.stopped, label: "recording" });
      } catch (error) {
        if (this.stopped) return;
        this.stopped = true;
        this.events.onFailure(error);
      }
    });
  }
}

/** Updates the run's progress under the claim; throws ClaimLostError when the claim is gone. */
async function setProgress(tx: Tx, claim: RunClaim, progress: RunProgress, extra: Partial<typeof runs.$inferInsert> = {}): Promise<void> {
  const updated = await tx.db
    .update(runs)
    .set({ ...extra, progress })
    .where(heldBy(claim))
    .returning({ id: runs.id });
  if (updated.length === 0) throw new ClaimLostError(claim);
  await notifyRunChange(tx, { runId: claim.runId, state: "running", kind: "progress" });
}

async function recordStart(tx: Tx, claim: RunClaim, line: StartLine, progress: RunProgress): Promise<void> {
  await setProgress(tx, claim, progress, {
    specHash: line.specHash,
    seed: line.seed,
    engineVersion: line.engineVersion,
    torchVersion: line.torchVersion,
    device: line.device,
    threads: line.threads,
    hardware: line.hardware,
    datasetChecksums: line.datasetChecksums,
    sharedBudgets: line.sharedBudgets,
  });
}

async function recordProgress(tx: Tx, claim: RunClaim, progress: RunProgress): Promise<void> {
  await setProgress(tx, claim, progress);
}

async function recordEpoch(tx: Tx, claim: RunClaim, line: EpochLine, progress: RunProgress): Promise<void> {
  // The progress UPDATE locks the run row first, so a takeover clearing the records waits for (or beats) this insert.
  await setProgress(tx, claim, progress);
  await tx.db
    .insert(epochMetrics)
    .values({
      runId: claim.runId,
      runEpochs: line.runEpochs,
      epoch: line.epoch,
      trainLoss: line.trainLoss,
      trainAccuracy: line.trainAccuracy,
      lr: line.lr,
      seconds: line.seconds,
    })
    .onConflictDoNothing();
}

async function recordCheckpoint(tx: Tx, claim: RunClaim, line: CheckpointLine, progress: RunProgress): Promise<void> {
  await setProgress(tx, claim, progress);
  await tx.db
    .insert(budgetResults)
    .values({
      runId: claim.runId,
      budget: line.budget,
      testAccuracy: line.testAccuracy,
      testLoss: line.testLoss,
      perClassAccuracy: line.perClassAccuracy,
      confusionMatrix: line.confusionMatrix,
      seconds: line.seconds,
      misclassified: line.misclassified,
    })
    .onConflictDoNothing();
}

/** The budgets that have a recorded result, for checking a finished run is complete. */
export async function recordedBudgets(tx: Tx, runId: string): Promise<number[]> {
  const rows = await tx.db.select({ budget: budgetResults.budget }).from(budgetResults).where(eq(budgetResults.runId, runId));
  return rows.map((row) => row.budget);
}

