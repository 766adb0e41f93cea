import type { Refusal } from "./refusal";
import { FixedWindowLimiter } from "./rate-limiter";
import type { EdgeLimits } from "./limits";
import { apiBuckets, submissionBuckets, type Bucket, type Sender } from "./request-buckets";

const SHARED = Symbol.for("catwalk.http.rateLimiter");

/**
 * The site process's one set of counters. The proxy and the server actions are bundled apart but
 * run in the same process, so the counters live on globalThis for both to count in the same buckets.
 */
function sharedLimiter(): FixedWindowLimiter {
  const holder = globalThis as { [SHARED]?: FixedWindowLimiter };
  return (holder[SHARED] ??= new FixedWindowLimiter());
}

/** Counts one request in each bucket; a 429 refusal with the wait when any is spent. */
export function rateLimitRefusal(buckets: Bucket[], what: string): Refusal | null {
  if (buckets.length === 0) return null;
  const taken = sharedLimiter().take(buckets);
  if (taken.ok) return null;
  return {
    status: 429,
    message: `Too many ${what}: try again in ${taken.retryAfterSeconds} s.`,
    retryAfterSeconds: taken.retryAfterSeconds,
  };
}

/** An API request's share of the limits: per address and account, and a submission's own limit besides. */
export function apiRateRefusal(sender: Sender, limits: EdgeLimits, submission: boolean): Refusal | null {
  return rateLimitRefusal(apiBuckets(sender, limits), "requests") ?? (submission ? rateLimitRefusal(submissionBuckets(sender, limits), "submissions") : null);
}
