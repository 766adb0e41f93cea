import type { Env } from "@/lib/auth/environment";
import type { RateLimit } from "./rate-limiter";

/** The edge's limits, each configurable: `N/SECONDS` for a rate, a count for streams. */
export interface EdgeLimits {
  /** Sign-in attempts (and so account creations) per client address and per typed name. */
  signIn: RateLimit;
  /** Submissions (API and form) per account and per client address. */
  submit: RateLimit;
  /** Requests to /api/* outside next-auth's own, per account and per client address. */
  api: RateLimit;
  /** Open live-run streams per account and per client address. */
  streamsPerClient: number;
  /** Open live-run streams in the whole site process. */
  streamsTotal: number;
}

const DEFAULTS = {
  CATWALK_RATE_SIGNIN: "10/60",
  CATWALK_RATE_SUBMIT: "20/600",
  CATWALK_RATE_API: "300/60",
  CATWALK_SSE_STREAMS_PER_CLIENT: "6",
  CATWALK_SSE_STREAMS_TOTAL: "1000",
} as const;

type LimitVariable = keyof typeof DEFAULTS;

function rate(env: Env, variable: LimitVariable): RateLimit {
  const value = env[variable] ?? DEFAULTS[variable];
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const count = Number(match?.[1]);
  const windowSeconds = Number(match?.[2]);
  if (!match || count < 1 || windowSeconds < 1) {
    throw new Error(`${variable} must be COUNT/SECONDS with both at least 1 (e.g. ${DEFAULTS[variable]}); it is ${JSON.stringify(value)}.`);
  }
  return { count, windowSeconds };
}

function count(env: Env, variable: LimitVariable): number {
  const value = env[variable] ?? DEFAULTS[variable];
  const parsed = Number(value);
  if (!/^\d+$/.test(value.trim()) || parsed < 1) throw new Error(`${variable} must be a whole number of at least 1; it is ${JSON.stringify(value)}.`);
  return parsed;
}

export function edgeLimits(env: Env): EdgeLimits {
  return {
    signIn: rate(env, "CATWALK_RATE_SIGNIN"),
    submit: rate(env, "CATWALK_RATE_SUBMIT"),
    api: rate(env, "CATWALK_RATE_API"),
    streamsPerClient: count(env, "CATWALK_SSE_STREAMS_PER_CLIENT"),
    streamsTotal: count(env, "CATWALK_SSE_STREAMS_TOTAL"),
  };
}
