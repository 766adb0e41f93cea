/** How many requests a bucket allows per window. */
export interface RateLimit {
  count: number;
  windowSeconds: number;
}

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Window {
  used: number;
  resetsAt: number;
}

/**
 * Fixed-window counters in memory, keyed by bucket. Memory is bounded: past `maxBuckets` the
 * expired windows are swept, then the oldest dropped (forgetting a bucket only ever lets a client
 * through early, never locks one out).
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly maxBuckets = 50_000) {}

  /** Counts one request against every bucket; refuses when any of them is spent (with the longest wait). */
  take(buckets: ReadonlyArray<{ key: string; limit: RateLimit }>, now = Date.now()): Take {
    let retryAfterMs = 0;
    for (const { key, limit } of buckets) {
      const window = this.current(key, limit, now);
      if (window.used >= limit.count) retryAfterMs = Math.max(retryAfterMs, window.resetsAt - now);
      else window.used += 1;
    }
    return retryAfterMs > 0 ? { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) } : { ok: true };
  }

  get size(): number {
    return this.windows.size;
  }

  private current(key: string, limit: RateLimit, now: number): Window {
    const existing = this.windows.get(key);
    if (existing && existing.resetsAt > now) return existing;
    if (existing) this.windows.delete(key);
    else if (this.windows.size >= this.maxBuckets) this.makeRoom(now);
    const window = { used: 0, resetsAt: now + limit.windowSeconds * 1000 };
    this.windows.set(key, window);
    return window;
  }

  private makeRoom(now: number): void {
    for (const [key, window] of this.windows) if (window.resetsAt <= now) this.windows.delete(key);
    // Maps iterate in insertion order: the first keys are the oldest windows.
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxBuckets) break;
      this.windows.delete(key);
    }
  }
}
