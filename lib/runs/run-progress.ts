import type { RunState } from "@/db/schema";

/** What runs.progress holds while a run trains (written by the worker, read by the site and /queue). */
export interface RunProgress {
  /** Epochs finished across every training in the engine's plan (one per budget when budgets are not shared). */
  epochsDone: number;
  epochsTotal: number;
  /** The training now running: its length in epochs, the 1-based epoch in it, and the step within that epoch. */
  runEpochs: number;
  epoch: number;
  step: number;
  steps: number;
  /** Budgets whose test results are recorded. */
  budgetsDone: number[];
  /** Seconds until training ends at the pace so far; null until there is a pace to go by. */
  etaSeconds: number | null;
  updatedAt: string;
}

/** 0…1 over the whole run: finished epochs plus the part of the epoch in training. */
export function runFraction(run: { state: RunState; progress: RunProgress | null }): number {
  if (run.state === "verified") return 1;
  const progress = run.progress;
  if (!progress) return 0;
  const total = Math.max(progress.epochsTotal, 1);
  const inEpoch = run.state === "running" && progress.steps > 0 ? Math.min(progress.step / progress.steps, 1) : 0;
  // Once an epoch is recorded the worker's step count restarts, so a full epoch is never counted twice.
  return Math.min((progress.epochsDone + (progress.step < progress.steps ? inEpoch : 0)) / total, 1);
}

/** The worker's ETA, counted down from when it was written. */
export function secondsLeft(progress: Pick<RunProgress, "etaSeconds" | "updatedAt">, now: number): number | null {
  if (progress.etaSeconds === null) return null;
  const since = (now - Date.parse(progress.updatedAt)) / 1000;
  return Math.max(0, progress.etaSeconds - (Number.isFinite(since) ? Math.max(since, 0) : 0));
}
