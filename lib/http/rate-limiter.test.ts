import { expect, test } from "vitest";
import { FixedWindowLimiter } from "./rate-limiter";

const limit = { count: 2, windowSeconds: 10 };

test("a bucket allows its count per window, then says how long until the window ends", () => {
  const limiter = new FixedWindowLimiter();
  const bucket = [{ key: "a", limit }];
  expect(limiter.take(bucket, 0)).toEqual({ ok: true });
  expect(limiter.take(bucket, 1_000)).toEqual({ ok: true });
  expect(limiter.take(bucket, 2_500)).toEqual({ ok: false, retryAfterSeconds: 8 });
  expect(limiter.take(bucket, 10_000)).toEqual({ ok: true });
});

test("a request counts in every bucket it belongs to; the longest wait is reported", () => {
  const limiter = new FixedWindowLimiter();
  const short = { key: "short", limit: { count: 1, windowSeconds: 5 } };
  const long = { key: "long", limit: { count: 1, windowSeconds: 60 } };
  expect(limiter.take([short, long], 0)).toEqual({ ok: true });
  expect(limiter.take([short, long], 0)).toEqual({ ok: false, retryAfterSeconds: 60 });
});

test("memory stays bounded: expired windows are swept first, then the oldest dropped", () => {
  const limiter = new FixedWindowLimiter(3);
  for (const key of ["a", "b", "c"]) limiter.take([{ key, limit }], 0);
  limiter.take([{ key: "a", limit }], 0);
  limiter.take([{ key: "d", limit }], 1_000);
  expect(limiter.size).toBe(3);
  // "a" was the oldest window and was forgotten: it starts afresh rather than being refused.
  expect(limiter.take([{ key: "a", limit }], 1_000)).toEqual({ ok: true });
  for (let i = 0; i < 1_000; i += 1) limiter.take([{ key: `k${i}`, limit }], 20_000 + i);
  expect(limiter.size).toBe(3);
});
