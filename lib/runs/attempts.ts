/**
 * Attempts and failures as everyone sees them. Attempts are counted from 0 in the database and
 * shown from 1 ("attempt 1 of 3"). A platform failure (the worker, the engine's machinery or the
 * service broke, not the participant's spec) is retried as the next attempt and never counts
 * against the participant's quotas; diverged, invalid_spec, out_of_memory and timed_out do.
 */

export function attemptLabel(attempt: number, maxAttempts: number): string {
  return `attempt ${attempt + 1} of ${maxAttempts}`;
}

export const PLATFORM_ERROR_KINDS = [
  /** The engine reported an internal error (a bug or a misconfigured worker), or never started. */
  "internal",
  /** The engine process died without reporting why. */
  "crashed",
  /** The worker's dataset is missing or corrupt. */
  "dataset",
  /** The worker could not record the engine's output. */
  "recording",
  /** The engine stopped reporting and the worker's own time limit stopped it. */
  "unresponsive",
  /** Every attempt's worker stopped renewing its lease (died or lost the database). */
  "attempts_exhausted",
] as const;

export type PlatformErrorKind = (typeof PLATFORM_ERROR_KINDS)[number];

export function isPlatformFailure(errorKind: string | null | undefined): errorKind is PlatformErrorKind {
  return (PLATFORM_ERROR_KINDS as readonly string[]).includes(errorKind ?? "");
}

/** How many of the engine's last log lines a failed run keeps for its owner. */
export const LOG_TAIL_LINES = 40;

/** The last LOG_TAIL_LINES non-empty lines of the engine's stderr, or null when it wrote nothing. */
export function logTail(stderr: string | null | undefined): string | null {
  const lines = (stderr ?? "").split("\n").filter((line) => line.trim() !== "");
  return lines.length === 0 ? null : lines.slice(-LOG_TAIL_LINES).join("\n");
}
