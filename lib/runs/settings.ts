/** Limits on submissions and runs, read from the environment at each use (so a test or an operator can change them). */
import { LIMITS } from "@/lib/spec/limits";

export type Env = Readonly<Record<string, string | undefined>>;

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

export function readRunSettings(env: Env = process.env): RunSettings {
  return {
    duplicateWindowSeconds: positiveInteger(env, "CATWALK_DUPLICATE_WINDOW_SECONDS", 600),
    maxQueuedPerUser: positiveInteger(env, "CATWALK_MAX_QUEUED_PER_USER", 3),
    maxRunsPerDay: positiveInteger(env, "CATWALK_MAX_RUNS_PER_DAY", 20),
    maxAttempts: positiveInteger(env, "CATWALK_MAX_ATTEMPTS", 3),
    // By default a budget may train as long as the spec limits allow an entry to be estimated to take.
    budgetTimeLimitSeconds: positiveInteger(env, "CATWALK_BUDGET_TIME_LIMIT_SECONDS", LIMITS.secondsPerBudget),
  };
}

export function positiveInteger(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, not ${JSON.stringify(raw)}`);
  return value;
}
