import type { CatwalkEnv } from "@/lib/env";
import type { RateLimit } from "./rate-limiter";

/** The edge's limits, each configurable (lib/env.ts): `N/SECONDS` for a rate, a count for streams. */
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

export function edgeLimits(env: CatwalkEnv): EdgeLimits {
  return {
    signIn: env.CATWALK_RATE_SIGNIN,
    submit: env.CATWALK_RATE_SUBMIT,
    api: env.CATWALK_RATE_API,
    streamsPerClient: env.CATWALK_SSE_STREAMS_PER_CLIENT,
    streamsTotal: env.CATWALK_SSE_STREAMS_TOTAL,
  };
}
