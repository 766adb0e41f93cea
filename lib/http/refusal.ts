/** A request the edge answers itself, before any route runs. */
export interface Refusal {
  status: number;
  message: string;
  /** Seconds, for 429 and for a stream over its cap. */
  retryAfterSeconds?: number;
}
