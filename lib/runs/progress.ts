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

export function isRunProgress(value: unknown): value is RunProgress {
  return typeof value === "object" && value !== null && typeof (value as RunProgress).epochsDone === "number" && typeof (value as RunProgress).epochsTotal === "number";
}
