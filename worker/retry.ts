/** Riding out database outages: connection errors are retried with backoff, every other error is real. */

const CONNECTION_ERROR_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH"]);

/**
 * True for errors that mean "the database is unreachable or restarting", not "the query is wrong".
 * Drizzle wraps the driver's error ("Failed query: ..."), so the cause chain is searched.
 */
export function isConnectionError(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  if (error.cause !== undefined && isConnectionError(error.cause, depth + 1)) return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (CONNECTION_ERROR_CODES.has(code)) return true;
    // 08xxx: connection exceptions; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now.
    if (code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03") return true;
  }
  return /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(error.message);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface RetryOptions {
  /** Stop retrying (and rethrow) once this returns true, e.g. when the run was given up. */
  giveUp?: () => boolean;
  maxDelayMs?: number;
  label?: string;
}

/** Runs `work`, retrying for as long as it fails with connection errors. */
export async function retryOnConnectionError<T>(work: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  let delay = 200;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!isConnectionError(error) || options.giveUp?.()) throw error;
      console.error(`[worker] ${options.label ?? "database"} unreachable (${(error as Error).message}); retrying in ${delay} ms`);
      await sleep(delay);
      delay = Math.min(delay * 2, options.maxDelayMs ?? 5_000);
    }
  }
}
