// Reads the sign-in cookie and the database.
import "server-only";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { bearerToken, findTokenUser } from "./api-tokens";
import { getAuthOptions } from "./options";
import { decide, type Rule } from "./policy";
import { findSessionUser, type CurrentUser } from "./sessions";

export type { CurrentUser } from "./sessions";

/** The signed-in user, read fresh from the database (a deleted session row means signed out). */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = (await getServerSession(getAuthOptions())) as { sid?: string } | null;
  return findSessionUser(session?.sid);
});

/**
 * For pages and server actions: the signed-in user when the policy's `rule` lets them in (for
 * `resource`, where the rule is about one); otherwise signed-out viewers are sent to sign in and
 * everyone else sees "not found".
 */
export async function requireAllowed(rule: Rule, returnTo: string, resource?: { ownerId: string; hidden?: boolean }): Promise<CurrentUser> {
  const user = await getCurrentUser();
  const decision = decide(rule, user, resource);
  if (!user || (!decision.allowed && decision.refusal === "sign_in")) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!decision.allowed) notFound();
  return user;
}

/**
 * For API route handlers: the caller, by `Authorization: Bearer <token>` when the request carries
 * one (a personal API token; the cookie is then ignored), otherwise by the sign-in cookie.
 * `invalid_token`: the header is there but names no active token, which must never fall back to the cookie.
 */
export async function getApiCaller(request: Request): Promise<{ user: CurrentUser | null; via: "token" | "session" } | { invalid_token: true }> {
  const token = bearerToken(request.headers);
  if (token === undefined) return { user: await getCurrentUser(), via: "session" };
  const user = token ? await findTokenUser(token) : null;
  return user ? { user, via: "token" } : { invalid_token: true };
}
