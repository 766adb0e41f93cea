/** Limits on submissions and runs, from the environment (lib/env.ts). */
import { env, type CatwalkEnv } from "@/lib/env";

export interface RunSettings {
  /** The same owner submitting the same spec within this many seconds gets the existing run back. */
  duplicateWindowSeconds: number;
  maxQueuedPerUser: number;
  maxRunsPerDay: number;
  /** Executions a run may lose (dead workers) before it is failed. */
  maxAttempts: number;
  /** Training time per budget before the worker stops the run as timed_out (the submit form states it). */
  budgetTimeLimitSeconds: number;
}

export function readRunSettings(settings: CatwalkEnv = env()): RunSettings {
  return {
    duplicateWindowSeconds: settings.CATWALK_DUPLICATE_WINDOW_SECONDS,
    maxQueuedPerUser: settings.CATWALK_MAX_QUEUED_PER_USER,
    maxRunsPerDay: settings.CATWALK_MAX_RUNS_PER_DAY,
    maxAttempts: settings.CATWALK_MAX_ATTEMPTS,
    budgetTimeLimitSeconds: settings.CATWALK_BUDGET_TIME_LIMIT_SECONDS,
  };
}
