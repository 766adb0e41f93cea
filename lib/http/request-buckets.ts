import type { EdgeLimits } from "./limits";
import type { RateLimit } from "./rate-limiter";

export interface Bucket {
  key: string;
  limit: RateLimit;
}

/** What the edge knows about a request's sender. */
export interface Sender {
  /** Null unless a trusted reverse proxy reports it (see client-ip.ts). */
  ip: string | null;
  /** The signed-in account, from the session token. */
  userId: string | null;
}

/**
 * A client is counted by address and by account, each only when known. An unknown address is
 * never one shared bucket: that would let any single client spend it and lock everyone out.
 */
function perClient(scope: string, sender: Sender, limit: RateLimit): Bucket[] {
  return [
    ...(sender.ip === null ? [] : [{ key: `${scope}:ip:${sender.ip}`, limit }]),
    ...(sender.userId === null ? [] : [{ key: `${scope}:user:${sender.userId}`, limit }]),
  ];
}

/** Starting an OAuth sign-in or posting credentials: where a first sign-in also creates the account. */
export function isSignInRequest(method: string, pathname: string): boolean {
  return pathname.startsWith("/api/auth/signin/") || (method === "POST" && pathname.startsWith("/api/auth/callback/"));
}

/** The API outside next-auth's own routes. */
export function isApiRequest(pathname: string): boolean {
  return pathname.startsWith("/api/") && !pathname.startsWith("/api/auth/");
}

/** Sign-in attempts per address, and per typed name for the name-only sign-in (the account it would reach). */
export function signInBuckets(sender: Sender, typedName: string | null, limits: EdgeLimits): Bucket[] {
  const name = typedName?.trim().toLowerCase().slice(0, 200);
  return [...perClient("signin", sender, limits.signIn), ...(name ? [{ key: `signin:name:${name}`, limit: limits.signIn }] : [])];
}

export function submissionBuckets(sender: Sender, limits: EdgeLimits): Bucket[] {
  return perClient("submit", sender, limits.submit);
}

export function apiBuckets(sender: Sender, limits: EdgeLimits): Bucket[] {
  return perClient("api", sender, limits.api);
}
